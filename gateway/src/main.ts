// Tracing starts first: its instrumentations patch libraries as they load, so the rest of the
// process is imported after it (a no-op unless OTEL_EXPORTER_OTLP_ENDPOINT is set).
import { startProcessTracing } from "@ppt/server-kit/tracing/process-tracing";

const tracing = await startProcessTracing("gateway", "edge");
const { loadGatewayConfig } = await import("./config.ts");
const { startGateway } = await import("./app.ts");

const config = await loadGatewayConfig();
const gateway = await startGateway(config, Number(process.env.PORT ?? 4000));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void gateway.stop().then(() => tracing?.stop()).then(() => process.exit(0)));
}
