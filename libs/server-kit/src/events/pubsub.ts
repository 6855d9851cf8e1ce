// Pub/sub for live updates: WAKE-UPS only (ids and versions), never state. A subscriber that is
// woken re-reads what changed from the database, so a lost or duplicated message costs at most
// one extra read and never a wrong value. Redis when REDIS_URL is set (every replica hears every
// wake-up); otherwise an in-process channel for the embedded default, behind the same interface.
import { Redis } from "ioredis";
import type { Logger } from "../logger.ts";

export type WakeUpHandler = (payload: unknown) => void;
export type Unsubscribe = () => Promise<void>;

export interface PubSub {
  publish(channel: string, payload: unknown): Promise<void>;
  /** Resolves once the subscription is live: whatever is published afterwards reaches `handler`. */
  subscribe(channel: string, handler: WakeUpHandler): Promise<Unsubscribe>;
  /** Readiness: rejects unless the transport answers now (absent: nothing to ask, as in-process). */
  ping?(): Promise<void>;
  close(): Promise<void>;
}

/** Local fan-out: one upstream subscription per channel, however many handlers listen to it. */
class HandlerRegistry {
  private readonly handlers = new Map<string, Set<WakeUpHandler>>();

  add(channel: string, handler: WakeUpHandler): boolean {
    let set = this.handlers.get(channel);
    const first = !set;
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    return first;
  }

  /** True when the channel has no handler left. */
  remove(channel: string, handler: WakeUpHandler): boolean {
    const set = this.handlers.get(channel);
    if (!set) return false;
    set.delete(handler);
    if (set.size > 0) return false;
    this.handlers.delete(channel);
    return true;
  }

  has(channel: string): boolean {
    return this.handlers.has(channel);
  }

  deliver(channel: string, payload: unknown, logger?: Logger): void {
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(payload);
      } catch (error) {
        logger?.error({ err: error, channel }, "pub/sub handler failed");
      }
    }
  }

  clear(): void {
    this.handlers.clear();
  }
}

/** The embedded default: same semantics as Redis (asynchronous delivery, JSON payloads), one process. */
export class InProcessPubSub implements PubSub {
  private readonly registry = new HandlerRegistry();
  constructor(private readonly logger?: Logger) {}

  async publish(channel: string, payload: unknown): Promise<void> {
    const copy = JSON.parse(JSON.stringify(payload ?? null)) as unknown;
    setImmediate(() => this.registry.deliver(channel, copy, this.logger));
  }

  async subscribe(channel: string, handler: WakeUpHandler): Promise<Unsubscribe> {
    this.registry.add(channel, handler);
    return async () => void this.registry.remove(channel, handler);
  }

  async close(): Promise<void> {
    this.registry.clear();
  }
}

/**
 * Redis: one publishing and one subscribing connection per process, every channel multiplexed
 * on the latter. Channel names get `prefix` (tests use a unique prefix per run).
 */
export class RedisPubSub implements PubSub {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly registry = new HandlerRegistry();
  /** SUBSCRIBE/UNSUBSCRIBE per channel run in order, so a quick unsubscribe+subscribe cannot lose the channel. */
  private readonly pending = new Map<string, Promise<unknown>>();

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly logger?: Logger,
  ) {
    this.publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.subscriber = new Redis(url, { lazyConnect: false });
    for (const connection of [this.publisher, this.subscriber]) {
      connection.on("error", (error) => this.logger?.warn({ err: error }, "redis pub/sub connection error"));
    }
    this.subscriber.on("messageBuffer", (channel: Buffer, message: Buffer) => {
      const name = channel.toString("utf8").slice(this.prefix.length);
      let payload: unknown;
      try {
        payload = JSON.parse(message.toString("utf8"));
      } catch {
        return;
      }
      this.registry.deliver(name, payload, this.logger);
    });
  }

  async publish(channel: string, payload: unknown): Promise<void> {
    await this.publisher.publish(this.prefix + channel, JSON.stringify(payload ?? null));
  }

  private serial(channel: string, run: () => Promise<unknown>): Promise<unknown> {
    const next = (this.pending.get(channel) ?? Promise.resolve()).catch(() => undefined).then(run);
    this.pending.set(channel, next);
    void next
      .finally(() => {
        if (this.pending.get(channel) === next) this.pending.delete(channel);
      })
      .catch(() => undefined);
    return next;
  }

  async subscribe(channel: string, handler: WakeUpHandler): Promise<Unsubscribe> {
    const first = this.registry.add(channel, handler);
    if (first) await this.serial(channel, () => this.subscriber.subscribe(this.prefix + channel));
    else await this.pending.get(channel)?.catch(() => undefined);
    return async () => {
      if (this.registry.remove(channel, handler)) {
        await this.serial(channel, async () => {
          // A new handler may have arrived while we waited: keep the channel then.
          if (!this.registry.has(channel)) await this.subscriber.unsubscribe(this.prefix + channel);
        });
      }
    };
  }

  async ping(): Promise<void> {
    // Not queued behind a reconnect: a connection that is not up is a failed check at once.
    for (const connection of [this.publisher, this.subscriber]) {
      if (connection.status !== "ready") throw new Error(`redis ${connection.status}`);
    }
    await this.publisher.ping();
  }

  async close(): Promise<void> {
    this.registry.clear();
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}

export function createPubSub(options: { redisUrl: string | null; prefix: string; logger?: Logger }): PubSub {
  return options.redisUrl ? new RedisPubSub(options.redisUrl, options.prefix, options.logger) : new InProcessPubSub(options.logger);
}
