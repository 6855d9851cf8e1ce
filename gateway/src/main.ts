// Tracing starts first: its instrumentations patch libraries as they load, so the rest of the
// process is imported after it (a no-op unless OTEL_EXPORTER_OTLP_ENDPOINT is set).
import { startProcessTracing, stopOnSignal } from "@ppt/server-kit/tracing/process-tracing";

const tracing = await startProcessTracing("gateway", "edge");
const { loadGatewayConfig } = await import("./config.ts");
const { startGateway } = await import("./app.ts");

const config = await loadGatewayConfig();
// On SIGTERM, even mid-start: drains first (unready, each connection closed after its response, for
// GATEWAY_SHUTDOWN_DRAIN_MS), then stops serving (finishing the work in hand; websocket clients get
// 1001 and reconnect), then exports the spans still buffered. The drain must outlast the load
// balancer's readiness probe: a connection it still sends when the gateway stops listening is
// closed before its request is read.
const started = startGateway(config, Number(process.env.PORT ?? 4000));
stopOnSignal(started, tracing, async (gateway) => {
  gateway.beginDrain();
  await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs ?? 0));
  await gateway.stop();
});
await started;
