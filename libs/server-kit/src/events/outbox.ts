// The transactional outbox: a domain change and its event commit together (same transaction),
// so nothing a user did is ever known only to Redis or a queue. A relay publishes them later.
import type { Tx } from "../db/tenant-db.ts";

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
      payload: (event.payload ?? {}) as object,
    },
    select: { id: true },
  });
  return row.id;
}
