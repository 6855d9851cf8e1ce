// The tenant-scoped database handle of one request. Row-Level Security reads the tenant from
// a transaction-local setting, so every tenant query runs inside a transaction that sets it
// first; a pooled connection can never carry one caller's tenant into another's request.
import type { PrismaClient } from "@ppt/db/client";

export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface TenantScope {
  organizationId: string | null;
  userId: string | null;
}

// A write transaction longer than 20 s is a fault in production; a benchmark measuring a bulk
// path on a loaded machine raises it (DB_TRANSACTION_TIMEOUT_MS) to see how long it really takes.
const TX_OPTIONS = { maxWait: 5_000, timeout: Number(process.env.DB_TRANSACTION_TIMEOUT_MS ?? 20_000) };

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
 * Reads share ONE transaction per request (opened on first use, committed by `close()`), so a
 * request pays for the tenant setting once. Each write runs in its own transaction: a failed
 * mutation rolls back whole and leaves the database as it was. A write first ends the read
 * transaction, so a request holds one pooled connection at a time (a busy pool can never leave
 * a read-then-write resolver waiting for a second one while holding the first); reads after
 * the write open a fresh transaction and see it.
 */
export class TenantDb {
  private reading: ReadTransaction | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    readonly scope: TenantScope,
  ) {}

  read<T>(run: (tx: Tx) => Promise<T>): Promise<T> {
    const reading = (this.reading ??= this.openRead());
    const result = reading.tx.then(run);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    reading.inFlight.add(settled);
    void settled.then(() => reading.inFlight.delete(settled));
    return result;
  }

  async write<T>(run: (tx: Tx) => Promise<T>): Promise<T> {
    await this.close();
    return this.prisma.$transaction(async (tx) => {
      await setTenant(tx, this.scope);
      return run(tx);
    }, TX_OPTIONS);
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

  private openRead(): ReadTransaction {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let done!: Promise<unknown>;
    const tx = new Promise<Tx>((resolveTx, rejectTx) => {
      done = this.prisma
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
