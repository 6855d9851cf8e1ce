// The transactional outbox: a domain change and its event commit together (same transaction),
// so nothing a user did is ever known only to Redis or a queue. A relay publishes them later.
import type { Prisma } from "@ppt/db/client";
import type { Tx } from "../db/tenant-db.ts";
import { currentTraceparent } from "../tracing/trace-context.ts";

export interface DomainEvent {
  /** e.g. "fault", "vote", "user" */
  aggregateType: string;
  aggregateId: string;
  /** e.g. "fault.reported", "vote.ballot_cast", "user.password_reset_requested" */
  eventType: string;
  organizationId?: string | null;
  payload?: Record<string, unknown>;
}

export async function writeOutboxEvent(tx: Tx, event: DomainEvent): Promise<string> {
  const row = await tx.outboxEvent.create({
    data: {
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      eventType: event.eventType,
      organizationId: event.organizationId ?? null,
      payload: (event.payload ?? {}) as Prisma.InputJsonValue,
      // The request's trace continues in the worker that handles the event.
      traceparent: currentTraceparent() ?? null,
    },
    select: { id: true },
  });
  return row.id;
}

/** Many events in one statement (bulk edits, feed imports, jobs): one JSON parameter, however many rows. */
export async function writeOutboxEvents(tx: Tx, events: readonly DomainEvent[]): Promise<number> {
  if (!events.length) return 0;
  const traceparent = currentTraceparent() ?? null;
  const rows = events.map((e) => ({
    aggregate_type: e.aggregateType,
    aggregate_id: e.aggregateId,
    event_type: e.eventType,
    organization_id: e.organizationId ?? null,
    payload: e.payload ?? {},
  }));
  return tx.$executeRaw`
    INSERT INTO platform.outbox (aggregate_type, aggregate_id, event_type, organization_id, payload, traceparent)
    SELECT e.aggregate_type, e.aggregate_id, e.event_type, e.organization_id, e.payload, ${traceparent}::varchar
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS e(aggregate_type text, aggregate_id uuid, event_type text, organization_id uuid, payload jsonb)`;
}
