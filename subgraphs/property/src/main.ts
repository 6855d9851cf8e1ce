// Tracing starts first: its instrumentations patch libraries (pg, ioredis, amqplib) as they load, so
// the rest of the process is imported after it (a no-op unless OTEL_EXPORTER_OTLP_ENDPOINT is set).
import { startProcessTracing, stopOnSignal } from "@ppt/server-kit/tracing/process-tracing";

const tracing = await startProcessTracing("property", "data");
const { loadServerConfig } = await import("@ppt/server-kit");
const { startPropertySubgraph } = await import("./app.ts");

const config = await loadServerConfig();
// On SIGTERM, even mid-start: stops serving (finishing the work in hand), then exports the spans still buffered.
const started = startPropertySubgraph(config, Number(process.env.PORT ?? 4001));
stopOnSignal(started, tracing);
await started;
