// Every property mutation leaves two traces in its own transaction: a domain event in the
// outbox (for the relay, subscriptions and workers) and an audit entry (who did what). Both
// roll back with the change.
import { committedEvent, writeAuditLog, writeAuditLogs, writeOutboxEvent, writeOutboxEvents, type CommittedEvent, type Tx } from "@ppt/server-kit";
import type { PropertyContext } from "../context.ts";

export interface Change {
  /** e.g. "fault" */
  entityType: string;
  entityId: string;
  /** e.g. "fault.reported" */
  eventType: string;
  /** Ids and enum values only: no personal data (the audit log and the outbox outlive it). */
  payload?: Record<string, unknown>;
}

/** Returns the outbox event, for `ctx.events.committed(...)` once the transaction has committed. */
export async function recordChange(tx: Tx, ctx: PropertyContext, change: Change): Promise<CommittedEvent> {
  const payload = change.payload ?? {};
  const event = {
    aggregateType: change.entityType,
    aggregateId: change.entityId,
    eventType: change.eventType,
    organizationId: ctx.caller?.organizationId ?? null,
    payload: { ...payload, actorId: ctx.caller?.userId ?? null },
  };
  const id = await writeOutboxEvent(tx, event);
  await writeAuditLog(
    tx,
    { caller: ctx.caller, requestId: ctx.requestId },
    { action: change.eventType, entityType: change.entityType, entityId: change.entityId, diff: payload },
  );
  return committedEvent(id, event);
}

/** Many changes of one mutation (an import) in two statements, whatever their number. */
export async function recordChanges(tx: Tx, ctx: PropertyContext, changes: readonly Change[]): Promise<void> {
  if (!changes.length) return;
  const organizationId = ctx.caller?.organizationId ?? null;
  const actorId = ctx.caller?.userId ?? null;
  await writeOutboxEvents(
    tx,
    changes.map((c) => ({
      aggregateType: c.entityType,
      aggregateId: c.entityId,
      eventType: c.eventType,
      organizationId,
      payload: { ...(c.payload ?? {}), actorId },
    })),
  );
  await writeAuditLogs(
    tx,
    { caller: ctx.caller, requestId: ctx.requestId },
    changes.map((c) => ({ action: c.eventType, entityType: c.entityType, entityId: c.entityId, diff: c.payload ?? {} })),
  );
}
