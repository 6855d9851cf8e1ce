// The tenant-scoped database handle of one request. Row-Level Security reads the tenant from
// a transaction-local setting, so every tenant query runs inside a transaction that sets it
// first; a pooled connection can never carry one caller's tenant into another's request.
import type { PrismaClient } from "@ppt/db/client";

export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface TenantScope {
  organizationId: string | null;
  userId: string | null;
}

const TX_OPTIONS = { maxWait: 5_000, timeout: 20_000 };

async function setTenant(tx: Tx, scope: TenantScope): Promise<void> {
  await tx.$queryRaw`SELECT set_config('app.current_org', ${scope.organizationId ?? ""}, true), set_config('app.current_user', ${scope.userId ?? ""}, true)`;
}

/**
 * Reads share ONE transaction per request (opened on first use, committed by `close()`), so a
 * request pays for the tenant setting once. Each write runs in its own transaction: a failed
 * mutation rolls back whole and leaves the database as it was.
 */
export class TenantDb {
  private readTx: Promise<Tx> | null = null;
  private releaseRead: (() => void) | null = null;
  private readDone: Promise<unknown> | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    readonly scope: TenantScope,
  ) {}

  read<T>(run: (tx: Tx) => Promise<T>): Promise<T> {
    if (!this.readTx) {
      this.readTx = new Promise<Tx>((resolveTx, rejectTx) => {
        this.readDone = this.prisma
          .$transaction(async (tx) => {
            await setTenant(tx, this.scope);
            resolveTx(tx);
            await new Promise<void>((release) => (this.releaseRead = release));
          }, TX_OPTIONS)
          .catch(rejectTx);
      });
    }
    return this.readTx.then(run);
  }

  write<T>(run: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(async (tx) => {
      await setTenant(tx, this.scope);
      return run(tx);
    }, TX_OPTIONS);
  }

  /** Ends the request's read transaction; further reads open a new one. */
  async close(): Promise<void> {
    if (!this.readTx) return;
    await this.readTx.catch(() => undefined);
    this.releaseRead?.();
    await this.readDone?.catch(() => undefined);
    this.readTx = this.readDone = this.releaseRead = null;
  }
}
