// A process's live-event plumbing, handed to services through their context: pub/sub for
// ephemeral signals (typing) and wake-ups, and the low-latency path after a commit.
import type { Logger } from "../logger.ts";
import type { LiveRouter } from "./live-routes.ts";
import type { OutboxRelay } from "./outbox-relay.ts";
import type { PubSub } from "./pubsub.ts";
import { publishWakeUp, type CommittedEvent } from "./wake-up.ts";

export class LiveEvents {
  constructor(
    readonly pubsub: PubSub,
    readonly relay: OutboxRelay | null,
    /** The subgraph's declared live routes: the same ones its relay publishes by. */
    readonly router: LiveRouter,
    private readonly logger?: Logger,
  ) {}

  /**
   * Call AFTER the transaction that wrote these outbox events committed: wakes subscribers now
   * instead of at the relay's next poll. The relay still publishes the rows (the guarantee), so
   * subscribers see each wake-up at least once and dedupe by id or version.
   */
  committed(...events: CommittedEvent[]): void {
    for (const event of events) {
      publishWakeUp(this.pubsub, this.router, event).catch((error) =>
        this.logger?.warn({ err: error, eventId: event.id }, "immediate wake-up failed; the relay will deliver it"),
      );
    }
  }
}
