// The property package's worker process: the outbox relay, the stream consumers of its modules and
// its scheduled jobs (jobs.ts: votes closed at their end time, abandoned uploads expired), with
// /health and /metrics on PORT. Run as many as needed (`npx tsx subgraphs/property/src/worker.ts`);
// each stops cleanly on SIGTERM, finishing the job in hand.
// Tracing starts first (see main.ts); the rest is imported after it.
import { startProcessTracing, stopOnSignal } from "@ppt/server-kit/tracing/process-tracing";

const tracing = await startProcessTracing("property-worker", "data");
const { loadServerConfig } = await import("@ppt/server-kit");
const { startPropertyWorker } = await import("./jobs.ts");

const config = await loadServerConfig();
// On SIGTERM, even mid-start: stops serving (finishing the work in hand), then exports the spans still buffered.
const started = startPropertyWorker(config, { port: Number(process.env.PORT ?? 9464) });
stopOnSignal(started, tracing);
await started;
