// The audit log: who changed what, when, in which tenant — written in the same transaction as
// the change, so a rolled-back mutation leaves no audit entry either. No PII in `diff`.
import type { Prisma } from "@ppt/db/client";
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
      diff: (entry.diff ?? undefined) as Prisma.InputJsonValue | undefined,
      requestId: actor.requestId ?? null,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent ?? null,
    },
  });
}

/** Many entries of one actor in one statement (bulk edits, feed imports): one JSON parameter, however many rows. */
export async function writeAuditLogs(tx: Tx, actor: AuditActor, entries: readonly AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const { caller } = actor;
  const rows = entries.map((e) => ({ action: e.action, entity_type: e.entityType, entity_id: e.entityId ?? null, diff: e.diff ?? null }));
  await tx.$executeRaw`
    INSERT INTO platform.audit_logs (organization_id, actor_user_id, actor_api_client_id, action, entity_type, entity_id, diff, request_id, ip, user_agent)
    SELECT ${caller?.organizationId ?? null}::uuid, ${caller && !caller.clientId ? caller.userId : null}::uuid, ${caller?.clientId ? caller.userId : null}::uuid,
           e.action, e.entity_type, e.entity_id, e.diff, ${actor.requestId ?? null}, ${actor.ip ?? null}, ${actor.userAgent ?? null}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS e(action text, entity_type text, entity_id uuid, diff jsonb)`;
}

/** What the audit log screen narrows by; every given condition must hold. */
export interface AuditEntryFilter {
  actorUserId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  /** Inclusive. */
  from?: Date | null;
  /** Exclusive. */
  to?: Date | null;
}

function auditWhere(organizationId: string, filter: AuditEntryFilter = {}): Prisma.AuditLogWhereInput {
  const createdAt = filter.from || filter.to ? { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } : undefined;
  return {
    organizationId,
    ...(filter.actorUserId ? { actorUserId: filter.actorUserId } : {}),
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
    ...(createdAt ? { createdAt } : {}),
  };
}

/** One organization's audit entries, newest first (the audit log screen); `cursor` from prismaCursor. */
export function auditEntriesOf(tx: Tx, organizationId: string, take: number, cursor: { cursor?: { id: string }; skip?: number }, filter?: AuditEntryFilter) {
  return tx.auditLog.findMany({ where: auditWhere(organizationId, filter), orderBy: [{ createdAt: "desc" }, { id: "desc" }], take, ...cursor });
}

export function countAuditEntries(tx: Tx, organizationId: string, filter?: AuditEntryFilter): Promise<number> {
  return tx.auditLog.count({ where: auditWhere(organizationId, filter) });
}
