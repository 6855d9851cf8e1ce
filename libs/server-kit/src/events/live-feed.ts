// A per-process live feed: ONE pub/sub subscription and ONE database read per change, shared by
// every local subscriber of the same thing (a vote's tally, a conversation). Wake-ups that
// arrive while a read runs are coalesced into one more read; wake-ups that cannot change
// anything (a version or message already seen: the post-commit path and the relay both
// publish) cost no read at all. Authorization stays per subscriber, in the listeners.
import type { Logger } from "../logger.ts";
import type { PubSub, Unsubscribe } from "./pubsub.ts";
import type { WakeUp } from "./wake-up.ts";

export interface LiveFeedSpec<S, E> {
  channel: string;
  /** The first read, once the channel is live (so no change can slip between the two). */
  initial(): Promise<S>;
  /** One read per (coalesced) batch of wake-ups: the new state and what to deliver, or null when nothing changed. */
  refresh(state: S, wakeUps: WakeUp[]): Promise<{ state: S; events: E[] } | null>;
  /** Whether a wake-up can change the state; false skips the read. */
  isNews?(state: S, wakeUp: WakeUp): boolean;
}

export type FeedListener<S, E> = (events: E[], state: S) => void;

export class LiveFeed<S, E> {
  private listeners = new Set<FeedListener<S, E>>();
  private pending: WakeUp[] = [];
  private refreshing: Promise<void> | null = null;
  private unsubscribe: Unsubscribe | null = null;
  private closed = false;
  /** Database reads this feed made (benchmarks: one per change, whatever the subscriber count). */
  reads = 0;

  private constructor(
    private readonly spec: LiveFeedSpec<S, E>,
    public state: S,
    private readonly logger?: Logger,
  ) {}

  static async open<S, E>(pubsub: PubSub, spec: LiveFeedSpec<S, E>, logger?: Logger): Promise<LiveFeed<S, E>> {
    let feed: LiveFeed<S, E> | null = null;
    const early: WakeUp[] = [];
    const unsubscribe = await pubsub.subscribe(spec.channel, (payload) => {
      if (feed) feed.wake(payload as WakeUp);
      else early.push(payload as WakeUp);
    });
    try {
      feed = new LiveFeed(spec, await spec.initial(), logger);
    } catch (error) {
      await unsubscribe();
      throw error;
    }
    feed.reads = 1;
    feed.unsubscribe = unsubscribe;
    for (const wakeUp of early) feed.wake(wakeUp);
    return feed;
  }

  listen(listener: FeedListener<S, E>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  wake(wakeUp: WakeUp): void {
    if (this.closed) return;
    if (this.spec.isNews && !this.spec.isNews(this.state, wakeUp)) return;
    this.pending.push(wakeUp);
    if (!this.refreshing) this.refreshing = this.drain().finally(() => (this.refreshing = null));
  }

  private async drain(): Promise<void> {
    while (this.pending.length && !this.closed) {
      const batch = this.pending.filter((wakeUp) => !this.spec.isNews || this.spec.isNews(this.state, wakeUp));
      this.pending = [];
      if (!batch.length) continue;
      try {
        this.reads++;
        const result = await this.spec.refresh(this.state, batch);
        if (!result || this.closed) continue;
        this.state = result.state;
        for (const listener of [...this.listeners]) {
          try {
            listener(result.events, result.state);
          } catch (error) {
            this.logger?.error({ err: error, channel: this.spec.channel }, "live feed listener failed");
          }
        }
      } catch (error) {
        this.logger?.warn({ err: error, channel: this.spec.channel }, "live feed refresh failed; the next wake-up retries");
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    await this.unsubscribe?.();
  }
}

/** Feeds by key: opened by the first subscriber, closed when the last one leaves. */
export class LiveFeedRegistry<S, E> {
  private readonly feeds = new Map<string, { feed: Promise<LiveFeed<S, E>>; holders: number }>();

  constructor(
    private readonly pubsub: PubSub,
    private readonly logger?: Logger,
  ) {}

  /** The feed of `key` (opening it with `spec()` if needed) and a release function. */
  async acquire(key: string, spec: () => LiveFeedSpec<S, E>): Promise<{ feed: LiveFeed<S, E>; release: () => Promise<void> }> {
    let entry = this.feeds.get(key);
    if (!entry) {
      entry = { feed: LiveFeed.open(this.pubsub, spec(), this.logger), holders: 0 };
      this.feeds.set(key, entry);
      entry.feed.catch(() => {
        if (this.feeds.get(key) === entry) this.feeds.delete(key);
      });
    }
    entry.holders++;
    const current = entry;
    let feed: LiveFeed<S, E>;
    try {
      feed = await current.feed;
    } catch (error) {
      current.holders--;
      throw error;
    }
    let released = false;
    return {
      feed,
      release: async () => {
        if (released) return;
        released = true;
        current.holders--;
        if (current.holders === 0 && this.feeds.get(key) === current) {
          this.feeds.delete(key);
          await feed.close();
        }
      },
    };
  }

  get size(): number {
    return this.feeds.size;
  }

  /** Reads made by all open feeds (benchmarks). */
  async reads(): Promise<number> {
    let total = 0;
    for (const entry of this.feeds.values()) total += (await entry.feed.catch(() => null))?.reads ?? 0;
    return total;
  }
}
