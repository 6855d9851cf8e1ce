// Tracing starts first: its instrumentations patch libraries (pg, ioredis, amqplib) as they load, so
// the rest of the process is imported after it (a no-op unless OTEL_EXPORTER_OTLP_ENDPOINT is set).
import { startProcessTracing } from "@ppt/server-kit/tracing/process-tracing";

const tracing = await startProcessTracing("property", "data");
const { loadServerConfig } = await import("@ppt/server-kit");
const { startPropertySubgraph } = await import("./app.ts");

const config = await loadServerConfig();
const subgraph = await startPropertySubgraph(config, Number(process.env.PORT ?? 4001));
// Stops serving (finishing the work in hand), then exports the spans still buffered.
async function shutdown() {
  await subgraph.stop();
  await tracing?.stop();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void shutdown());
