// The reality package's worker process: the outbox relay, the stream consumers of its modules and
// its scheduled jobs (jobs.ts: expired listings archived), with /health and /metrics on PORT.
// Run as many as needed (`npx tsx subgraphs/reality/src/worker.ts`); each stops cleanly on
// SIGTERM, finishing the job in hand.
// Tracing starts first (see main.ts); the rest is imported after it.
import { startProcessTracing } from "@ppt/server-kit/tracing/process-tracing";

const tracing = await startProcessTracing("reality-worker", "data");
const { loadServerConfig } = await import("@ppt/server-kit");
const { startRealityWorker } = await import("./jobs.ts");

const config = await loadServerConfig();
const worker = await startRealityWorker(config, { port: Number(process.env.PORT ?? 9464) });
// Stops serving (finishing the work in hand), then exports the spans still buffered.
async function shutdown() {
  await worker.stop();
  await tracing?.stop();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void shutdown());
