// Readiness as the design defines it: a process is ready when what it really depends on answers
// now — its database, and Redis and the broker where it is configured to use them. Each check has
// a short timeout of its own, so a dependency that hangs (not only one that refuses) fails the
// probe quickly instead of the orchestrator's probe timing out first.
import type { Readiness } from "./http/server.ts";

/** Resolves when the dependency answers; rejects (or hangs, then times out) when it does not; `undefined`: nothing to ask. */
export type DependencyCheck = () => Promise<unknown> | undefined;

/** Short enough for a probe every few seconds; the probes in infra/ allow 2 s or more. */
export const READINESS_TIMEOUT_MS = 1_000;

/** `observe` is told each result (the `ppt_dependency_up` gauge the "database down" alert reads). */
export async function checkDependencies(
  checks: Record<string, DependencyCheck | undefined>,
  timeoutMs = READINESS_TIMEOUT_MS,
  observe?: (dependency: string, up: boolean) => void,
): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks)
      .filter((entry): entry is [string, DependencyCheck] => entry[1] !== undefined)
      .map(async ([name, check]) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error("timed out")), timeoutMs);
        });
        try {
          await Promise.race([check(), timeout]);
          observe?.(name, true);
          return [name, "up"] as const;
        } catch {
          observe?.(name, false);
          return [name, "down"] as const;
        } finally {
          clearTimeout(timer);
        }
      }),
  );
  return { ready: entries.every(([, state]) => state === "up"), ...Object.fromEntries(entries) };
}

/** What a subgraph or worker process depends on: its database, and Redis and the broker when configured. */
export interface ProcessDependencies {
  db: { pool: { query(sql: string): Promise<unknown> } };
  pubsub: { ping?(): Promise<unknown> };
  broker: { ping?(): Promise<unknown> };
  config: { redisUrl?: string | null; amqpUrl?: string | null };
  metrics: { dependencyUp: { set(labels: { dependency: string }, value: number): void } };
}

/** The readiness probe of a subgraph or worker process, each result reported to the dependency gauge. */
export function processReadiness({ db, pubsub, broker, config, metrics }: ProcessDependencies): () => Promise<Readiness> {
  return () =>
    checkDependencies(
      {
        database: () => db.pool.query("SELECT 1"),
        redis: config.redisUrl ? () => pubsub.ping?.() : undefined,
        broker: config.amqpUrl ? () => broker.ping?.() : undefined,
      },
      undefined,
      (dependency, up) => metrics.dependencyUp.set({ dependency }, up ? 1 : 0),
    );
}
