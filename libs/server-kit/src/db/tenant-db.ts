// The tenant-scoped database handle of one request. Row-Level Security reads the tenant from
// a transaction-local setting, so every tenant query runs inside a transaction that sets it
// first; a pooled connection can never carry one caller's tenant into another's request.
import type { PrismaClient } from "@ppt/db/client";
import { isTransactionRetryable } from "../errors.ts";
import type { RecentWriters } from "./recent-writers.ts";

export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface TenantScope {
  organizationId: string | null;
  userId: string | null;
}

// A write transaction longer than 20 s is a fault in production; a benchmark measuring a bulk
// path on a loaded machine raises it (DB_TRANSACTION_TIMEOUT_MS) to see how long it really takes.
const TX_OPTIONS = { maxWait: 5_000, timeout: Number(process.env.DB_TRANSACTION_TIMEOUT_MS ?? 20_000) };
const WRITE_ATTEMPTS = 3;

async function setTenant(tx: Tx, scope: TenantScope): Promise<void> {
  await tx.$queryRaw`SELECT set_config('app.current_org', ${scope.organizationId ?? ""}, true), set_config('app.current_user', ${scope.userId ?? ""}, true)`;
}

interface ReadTransaction {
  tx: Promise<Tx>;
  /** Reads running in it now (settled or not, never rejecting): it ends only after them. */
  inFlight: Set<Promise<unknown>>;
  release(): void;
  done: Promise<unknown>;
}

/**
 * A streaming replica for reads that tolerate lag (`*_READ_DATABASE_URL`). The same role logs in
 * there and the same tenant setting is made in each read transaction, so RLS holds on the replica
 * exactly as on the primary.
 */
export interface ReadReplica {
  prisma: PrismaClient;
  /** Writers of the last few seconds: their reads stay on the primary (read-your-writes). */
  recentWriters: RecentWriters;
}

/**
 * Reads share ONE transaction per request (opened on first use, committed by `close()`), so a
 * request pays for the tenant setting once. Each write runs in its own transaction: a failed
 * mutation rolls back whole and leaves the database as it was. A write first ends the read
 * transaction, so a request holds one pooled connection at a time (a busy pool can never leave
 * a read-then-write resolver waiting for a second one while holding the first); reads after
 * the write open a fresh transaction and see it.
 *
 * With a replica, reads go there only once the request is known to tolerate lag (`tolerateLag()`:
 * a GraphQL query, not a mutation, whose validating reads must see the latest state), and never
 * after this request wrote or while its user wrote within the read-your-writes window. Writes and
 * the reads inside them always run on the primary.
 */
export class TenantDb {
  private reading: ReadTransaction | null = null;
  private lagTolerated = false;
  private wrote = false;

  constructor(
    private readonly prisma: PrismaClient,
    readonly scope: TenantScope,
    private readonly replica: ReadReplica | null = null,
  ) {}

  /** This request's reads may be a little stale (a query): they may go to the replica. */
  tolerateLag(): void {
    this.lagTolerated = true;
  }

  /** Whether the next read transaction opens on the replica. */
  get readsFromReplica(): boolean {
    return this.replica !== null && this.lagTolerated && !this.wrote && !this.replica.recentWriters.wroteRecently(this.scope);
  }

  read<T>(run: (tx: Tx) => Promise<T>): Promise<T> {
    const reading = (this.reading ??= this.openRead(this.readsFromReplica ? this.replica!.prisma : this.prisma));
    const result = reading.tx.then(run);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    reading.inFlight.add(settled);
    void settled.then(() => reading.inFlight.delete(settled));
    return result;
  }

  /**
   * Runs `run` in a transaction of its own. A transaction PostgreSQL rolls back to break a
   * deadlock or a serialization conflict runs again (a few times, after a short random pause):
   * two bookings of the same nights inserted at the same instant deadlock in the exclusion
   * constraint's check, and the victim must end as DATES_TAKEN, not as an internal error. `run`
   * may therefore run more than once: it writes through `tx` only, and what it keeps outside is
   * reassigned, not accumulated.
   */
  async write<T>(run: (tx: Tx) => Promise<T>): Promise<T> {
    await this.close();
    this.wrote = true;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.prisma.$transaction(async (tx) => {
            await setTenant(tx, this.scope);
            return run(tx);
          }, TX_OPTIONS);
        } catch (error) {
          if (attempt >= WRITE_ATTEMPTS || !isTransactionRetryable(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, attempt * (5 + Math.random() * 20)));
        }
      }
    } finally {
      // Marked after the commit (or a failure, which costs nothing but a few primary reads).
      this.replica?.recentWriters.mark(this.scope);
    }
  }

  /** Ends the request's read transaction (after the reads in it); further reads open a new one. */
  async close(): Promise<void> {
    const reading = this.reading;
    if (!reading) return;
    this.reading = null;
    await Promise.all(reading.inFlight);
    await reading.tx.catch(() => undefined);
    reading.release();
    await reading.done.catch(() => undefined);
  }

  private openRead(prisma: PrismaClient): ReadTransaction {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let done!: Promise<unknown>;
    const tx = new Promise<Tx>((resolveTx, rejectTx) => {
      done = prisma
        .$transaction(async (tx) => {
          await setTenant(tx, this.scope);
          resolveTx(tx);
          await released;
        }, TX_OPTIONS)
        .catch(rejectTx);
    });
    return { tx, inFlight: new Set(), release, done };
  }
}
