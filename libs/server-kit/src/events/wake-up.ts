// What a committed domain event becomes on pub/sub: a wake-up on each channel its type's
// declared live route names (live-routes.ts), carrying ids and versions only.
// Subscribers re-read state from the database, so a wake-up can be duplicated or lost without
// ever showing a wrong value; the outbox relay guarantees one eventually arrives.
import type { LiveRouter } from "./live-routes.ts";
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

const ID_KEY = /^[a-z][A-Za-z]*Id$/;
const VERSION_KEY = /^(version|[a-z][A-Za-z]*Version)$/;

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

export async function publishWakeUp(pubsub: PubSub, router: LiveRouter, event: CommittedEvent): Promise<void> {
  const channels = router.channelsOf(event);
  if (!channels.length) return;
  const wakeUp = wakeUpOf(event);
  await Promise.all(channels.map((channel) => pubsub.publish(channel, wakeUp)));
}

/** The outbox row as committed: what `writeOutboxEvent` wrote, with the id it returned. */
export function committedEvent(
  id: string,
  event: { aggregateType: string; aggregateId: string; eventType: string; organizationId?: string | null; payload?: Record<string, unknown> },
): CommittedEvent {
  return {
    id,
    eventType: event.eventType,
    aggregateType: event.aggregateType,
    aggregateId: event.aggregateId,
    organizationId: event.organizationId ?? null,
    payload: event.payload ?? {},
  };
}
