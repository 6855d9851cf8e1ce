// What a committed domain event becomes on pub/sub: a wake-up on every channel its ids name
// (`vote:<id>`, `conversation:<id>`, `building:<id>`, …), carrying ids and versions only.
// Subscribers re-read state from the database, so a wake-up can be duplicated or lost without
// ever showing a wrong value; the outbox relay guarantees one eventually arrives.
import type { PubSub } from "./pubsub.ts";

export interface CommittedEvent {
  /** The outbox row id. */
  id: string;
  eventType: string;
  aggregateType: string;
  aggregateId: string;
  organizationId: string | null;
  payload: Record<string, unknown>;
}

export interface WakeUp {
  eventId: string;
  eventType: string;
  aggregateType: string;
  aggregateId: string;
  organizationId: string | null;
  /** Ids and versions from the event payload (`voteId`, `version`, `messageId`, …): never content. */
  [key: string]: unknown;
}

const ID_KEY = /^([a-z][A-Za-z]*)Id$/;
const VERSION_KEY = /^(version|[a-z][A-Za-z]*Version)$/;
/** Ids that name people or tenants, not things anyone subscribes to. */
const NOT_CHANNELS = new Set(["organization", "user", "sender", "actor", "reporter", "assignee", "castBy", "createdBy", "uploadedBy"]);

export function wakeUpOf(event: CommittedEvent): WakeUp {
  const wakeUp: WakeUp = {
    eventId: event.id,
    eventType: event.eventType,
    aggregateType: event.aggregateType,
    aggregateId: event.aggregateId,
    organizationId: event.organizationId,
  };
  for (const [key, value] of Object.entries(event.payload ?? {})) {
    if ((ID_KEY.test(key) && typeof value === "string") || (VERSION_KEY.test(key) && (typeof value === "number" || typeof value === "string"))) {
      wakeUp[key] = value;
    }
  }
  return wakeUp;
}

/** `<aggregateType>:<aggregateId>` plus one channel per id of a thing in the payload. */
export function channelsOf(event: CommittedEvent): string[] {
  const channels = new Set([`${event.aggregateType}:${event.aggregateId}`]);
  for (const [key, value] of Object.entries(event.payload ?? {})) {
    const match = ID_KEY.exec(key);
    if (match && typeof value === "string" && !NOT_CHANNELS.has(match[1]!)) channels.add(`${match[1]}:${value}`);
  }
  return [...channels];
}

export async function publishWakeUp(pubsub: PubSub, event: CommittedEvent): Promise<void> {
  const wakeUp = wakeUpOf(event);
  await Promise.all(channelsOf(event).map((channel) => pubsub.publish(channel, wakeUp)));
}

/** The outbox row as committed: what `writeOutboxEvent` wrote, with the id it returned. */
export function committedEvent(id: string, event: { aggregateType: string; aggregateId: string; eventType: string; organizationId?: string | null; payload?: Record<string, unknown> }): CommittedEvent {
  return {
    id,
    eventType: event.eventType,
    aggregateType: event.aggregateType,
    aggregateId: event.aggregateId,
    organizationId: event.organizationId ?? null,
    payload: event.payload ?? {},
  };
}
