// The audit log: who changed what, when, in which tenant — written in the same transaction as
// the change, so a rolled-back mutation leaves no audit entry either. No PII in `diff`.
import type { Caller } from "../auth/caller.ts";
import type { Tx } from "../db/tenant-db.ts";

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  diff?: Record<string, unknown>;
}

export interface AuditActor {
  caller: Caller | null;
  requestId?: string;
  ip?: string | null;
  userAgent?: string | null;
}

export async function writeAuditLog(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const { caller } = actor;
  await tx.auditLog.create({
    data: {
      organizationId: caller?.organizationId ?? null,
      actorUserId: caller && !caller.clientId ? caller.userId : null,
      actorApiClientId: caller?.clientId ? caller.userId : null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      diff: (entry.diff ?? undefined) as object | undefined,
      requestId: actor.requestId ?? null,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent ?? null,
    },
  });
}
