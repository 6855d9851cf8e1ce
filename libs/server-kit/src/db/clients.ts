// One PostgreSQL pool and Prisma client per server role. Every statement is counted
// (ppt_db_queries_total), which is how tests and benchmarks prove queries stay batched.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@ppt/db/client";
import pg from "pg";

export type { PrismaClient };

export interface DbHandle {
  prisma: PrismaClient;
  pool: pg.Pool;
  /** Statements sent since start. */
  queryCount: () => number;
  close(): Promise<void>;
}

/**
 * pg-pool listens for errors of idle connections only: a connection checked out (a transaction
 * awaiting a broker publish, a consumer between statements) that the server ends (restart,
 * failover: 57P01) emits 'error' with nobody listening, and the process dies. Each connection gets
 * a listener of its own: the statement in hand or the next one fails with the error instead, and
 * the pool discards the dead connection on release.
 */
export function keepConnectionErrorsInHand(pool: pg.Pool): void {
  pool.on("connect", (client) => client.on("error", () => undefined));
}

export function connectDatabase(url: string, options: { max?: number; onQuery?: () => void; onIdleError?: (error: Error) => void } = {}): DbHandle {
  let count = 0;
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, idleTimeoutMillis: 30_000 });
  // An idle connection the server ends (restart, failover, admin) is dropped by the pool; without a
  // listener, pg re-throws it and the whole process dies.
  pool.on("error", (error) => options.onIdleError?.(error));
  keepConnectionErrorsInHand(pool);
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      count++;
      options.onQuery?.();
      return query(...args);
    };
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    queryCount: () => count,
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}
