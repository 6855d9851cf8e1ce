// What each entry point (gateway, subgraphs, workers) runs before it imports anything it wants
// traced: when OTEL_EXPORTER_OTLP_ENDPOINT is set, the module hook that lets the instrumentations
// patch pg, ioredis and amqplib as they load, then the tracer provider. Entry points import the
// rest of the process dynamically after this, so the hook sees those libraries load. With nothing
// configured it loads no SDK at all. Each then hands what it starts to stopOnSignal.
import { register } from "node:module";
import type { Instrumentation } from "@opentelemetry/instrumentation";
import type { Tracing } from "./tracing.ts";

/** "edge": the gateway (Redis only; no database driver may load there). "data": subgraphs and workers. */
export type ProcessKind = "edge" | "data";

/** Libraries the instrumentations patch; the module hook wraps only these (never the app's own modules). */
const PATCHED = { edge: ["ioredis"], data: ["pg", "pg-pool", "ioredis", "amqplib"] } as const;

export function tracingConfigured(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

export async function startProcessTracing(serviceName: string, kind: ProcessKind, env: NodeJS.ProcessEnv = process.env): Promise<Tracing | undefined> {
  if (!tracingConfigured(env)) return undefined;
  register("@opentelemetry/instrumentation/hook.mjs", import.meta.url, { data: { include: [...PATCHED[kind]] } });
  const { startTracing } = await import("./tracing.ts");
  return startTracing({ serviceName, env, instrumentations: await instrumentationsFor(kind) });
}

export async function instrumentationsFor(kind: ProcessKind): Promise<Instrumentation[]> {
  const { IORedisInstrumentation } = await import("@opentelemetry/instrumentation-ioredis");
  // Statements are recorded without their parameters (the instrumentations' default): no personal data in spans.
  const redis = new IORedisInstrumentation({ requireParentSpan: true });
  if (kind === "edge") return [redis];
  const [{ PgInstrumentation }, { AmqplibInstrumentation }, { PrismaInstrumentation }] = await Promise.all([
    import("@opentelemetry/instrumentation-pg"),
    import("@opentelemetry/instrumentation-amqplib"),
    import("@prisma/instrumentation"),
  ]);
  return [
    // Prisma's own spans (operation, then each SQL statement); pg's add the pool's connects and the relay's statements.
    new PrismaInstrumentation(),
    new PgInstrumentation({ requireParentSpan: true }),
    redis,
    new AmqplibInstrumentation(),
  ];
}

/**
 * SIGINT/SIGTERM stop the process: it first finishes starting (its server answers probes before
 * its last start-up steps are done, and a signal's default action there would kill it with its
 * spans unsent), then stops what it started, exports the spans still buffered and exits, 1 when
 * stopping failed. A second signal while it stops exits at once (a second Ctrl-C).
 */
export function stopOnSignal<T extends { stop(): Promise<void> }>(
  started: Promise<T>,
  tracing: Tracing | undefined,
  stopIt: (it: T) => Promise<void> = (it) => it.stop(),
): void {
  let stopping = false;
  const stop = async () => {
    let code = 0;
    try {
      await stopIt(await started);
    } catch (error) {
      console.error("stopping failed:", error instanceof Error ? error.message : error);
      code = 1;
    }
    await tracing?.stop().catch(() => undefined);
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      void stop();
    });
}
