// Which live channels a committed event wakes. Each subgraph declares, per event type, the
// channels its subscribers listen on (`fault.*` → `building:<id>` and `fault:<id>`); the kit only
// looks the route up. An event type nobody declared is logged and wakes nobody: guessing a
// channel from payload key names delivered some events twice and silently lost others.
import type { Logger } from "../logger.ts";
import type { CommittedEvent } from "./wake-up.ts";

/** The channels an event wakes; [] when it has no live subscribers (workers still get it from the stream). */
export type LiveRoute = (event: CommittedEvent) => readonly string[];

/** Routes by event type: an exact type (`vote.tally_updated`) or every type of a prefix (`fault.*`). */
export type LiveRoutes = Readonly<Record<string, LiveRoute>>;

/** For event types that no live feed listens to. */
export const noLiveChannels: LiveRoute = () => [];

/** A payload value a route needs; a missing one is the writer's bug, reported rather than guessed around. */
export function routeKey(event: CommittedEvent, key: string): string {
  const value = event.payload?.[key];
  if (typeof value !== "string" || value === "") throw new Error(`${event.eventType} ${event.id}: its live route needs payload.${key}`);
  return value;
}

export class LiveRouter {
  private readonly routes = new Map<string, LiveRoute>();
  private readonly unrouted = new Set<string>();

  /** `tables`: one per module; two modules declaring the same type (or prefix) is refused at start. */
  constructor(
    tables: readonly LiveRoutes[],
    private readonly logger?: Logger,
  ) {
    for (const table of tables) {
      for (const [pattern, route] of Object.entries(table)) {
        if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*|\.\*)$/.test(pattern))
          throw new Error(`Live route "${pattern}": expected "<aggregate>.<event>" or "<aggregate>.*"`);
        if (this.routes.has(pattern)) throw new Error(`Live route "${pattern}" is declared twice`);
        this.routes.set(pattern, route);
      }
    }
  }

  /** The declared route of an event type (exact first, then its prefix), or undefined. */
  routeOf(eventType: string): LiveRoute | undefined {
    const exact = this.routes.get(eventType);
    if (exact) return exact;
    const dot = eventType.indexOf(".");
    return dot > 0 ? this.routes.get(`${eventType.slice(0, dot)}.*`) : undefined;
  }

  /** The channels of an event; none (logged once per type) when its type has no route or its route fails. */
  channelsOf(event: CommittedEvent): string[] {
    const route = this.routeOf(event.eventType);
    if (!route) {
      if (!this.unrouted.has(event.eventType)) {
        this.unrouted.add(event.eventType);
        this.logger?.error({ eventType: event.eventType }, "event type has no live route: declare one (or noLiveChannels) in its subgraph's live routes");
      }
      return [];
    }
    try {
      return [...new Set(route(event))];
    } catch (error) {
      this.logger?.error({ err: error, eventType: event.eventType, eventId: event.id }, "live route failed: no wake-up for this event");
      return [];
    }
  }
}
