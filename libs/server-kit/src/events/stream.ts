// The durable event queue for workers (notifications, imports, projections): a Redis Stream
// with consumer groups. Delivery is at-least-once, so every consumer is idempotent by event id:
// it records (consumer, event id) in platform.processed_events in the same transaction as its
// own effects, and an event it has already handled is acknowledged and skipped.
import { hostname } from "node:os";
import { Redis } from "ioredis";
import type { PrismaClient } from "@ppt/db/client";
import type { Tx } from "../db/tenant-db.ts";
import type { Logger } from "../logger.ts";

/** What workers receive: the committed outbox row (its id is the idempotency key). */
export interface StreamEvent {
  id: string;
  eventType: string;
  aggregateType: string;
  aggregateId: string;
  organizationId: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

export type StreamHandler = (event: StreamEvent, tx: Tx) => Promise<void>;

export interface EventStream {
  append(event: StreamEvent): Promise<void>;
  /** Starts a consumer of `group`; returns a stop function. */
  consume(group: string, handler: (event: StreamEvent) => Promise<void>): () => Promise<void>;
  close(): Promise<void>;
}

const STREAM_MAX_LENGTH = 100_000;

export class RedisEventStream implements EventStream {
  private readonly writer: Redis;
  private readonly readers = new Set<Redis>();

  constructor(
    private readonly url: string,
    private readonly key: string,
    private readonly logger?: Logger,
  ) {
    this.writer = new Redis(url, { maxRetriesPerRequest: 3 });
    this.writer.on("error", (error) => this.logger?.warn({ err: error }, "redis stream connection error"));
  }

  async append(event: StreamEvent): Promise<void> {
    await this.writer.xadd(this.key, "MAXLEN", "~", String(STREAM_MAX_LENGTH), "*", "event", JSON.stringify(event));
  }

  consume(group: string, handler: (event: StreamEvent) => Promise<void>): () => Promise<void> {
    // A blocking XREADGROUP holds its connection: each consumer gets its own.
    const reader = new Redis(this.url);
    reader.on("error", (error) => this.logger?.warn({ err: error }, "redis stream reader error"));
    this.readers.add(reader);
    const consumer = `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    let running = true;
    const handle = async (entries: [string, string[]][]) => {
      for (const [entryId, fields] of entries) {
        const raw = fields[fields.indexOf("event") + 1];
        try {
          if (raw) await handler(JSON.parse(raw) as StreamEvent);
          await reader.xack(this.key, group, entryId);
        } catch (error) {
          // Left pending: claimed again after the idle time below, by this or another consumer.
          this.logger?.error({ err: error, group, entryId }, "stream consumer failed; will retry");
        }
      }
    };
    const loop = (async () => {
      try {
        await reader.xgroup("CREATE", this.key, group, "0", "MKSTREAM");
      } catch (error) {
        if (!String(error).includes("BUSYGROUP")) throw error;
      }
      while (running) {
        try {
          // Entries another consumer took but never acknowledged (it crashed) come back after 30 s.
          const claimed = (await reader.xautoclaim(this.key, group, consumer, 30_000, "0-0", "COUNT", 50)) as [string, [string, string[]][]];
          if (claimed[1]?.length) await handle(claimed[1]);
          const result = (await reader.xreadgroup("GROUP", group, consumer, "COUNT", 50, "BLOCK", 1_000, "STREAMS", this.key, ">")) as
            [string, [string, string[]][]][] | null;
          for (const [, entries] of result ?? []) await handle(entries);
        } catch (error) {
          if (!running) break;
          this.logger?.warn({ err: error, group }, "stream read failed");
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    })();
    return async () => {
      running = false;
      reader.disconnect();
      this.readers.delete(reader);
      await loop.catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    for (const reader of this.readers) reader.disconnect();
    this.readers.clear();
    this.writer.disconnect();
  }
}

/** The embedded default: an in-process queue per group (nothing survives a restart; the outbox does). */
export class InProcessEventStream implements EventStream {
  private readonly groups = new Map<string, { queue: StreamEvent[]; wake: (() => void) | null }>();
  private readonly history: StreamEvent[] = [];

  constructor(private readonly logger?: Logger) {}

  async append(event: StreamEvent): Promise<void> {
    this.history.push(event);
    if (this.history.length > 10_000) this.history.shift();
    for (const group of this.groups.values()) {
      group.queue.push(event);
      group.wake?.();
    }
  }

  consume(name: string, handler: (event: StreamEvent) => Promise<void>): () => Promise<void> {
    let group = this.groups.get(name);
    if (!group) this.groups.set(name, (group = { queue: [...this.history], wake: null }));
    const state = group;
    let running = true;
    const loop = (async () => {
      while (running) {
        const event = state.queue.shift();
        if (!event) {
          await new Promise<void>((resolve) => (state.wake = resolve));
          state.wake = null;
          continue;
        }
        try {
          await handler(event);
        } catch (error) {
          this.logger?.error({ err: error, group: name }, "stream consumer failed; will retry");
          state.queue.push(event);
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    })();
    return async () => {
      running = false;
      state.wake?.();
      await loop;
    };
  }

  async close(): Promise<void> {
    for (const group of this.groups.values()) group.wake?.();
    this.groups.clear();
  }
}

export function createEventStream(options: { redisUrl: string | null; key: string; logger?: Logger }): EventStream {
  return options.redisUrl ? new RedisEventStream(options.redisUrl, options.key, options.logger) : new InProcessEventStream(options.logger);
}

/**
 * Wraps a worker's handler so each event takes effect once per consumer: the processed_events
 * row and the handler's writes commit together; a redelivered event finds the row and is skipped.
 */
export function idempotentConsumer(prisma: PrismaClient, consumer: string, handler: StreamHandler): (event: StreamEvent) => Promise<void> {
  return async (event) => {
    await prisma.$transaction(async (tx) => {
      const inserted = await tx.$executeRaw`
        INSERT INTO platform.processed_events (consumer, event_id) VALUES (${consumer}, ${event.id}::uuid)
        ON CONFLICT DO NOTHING`;
      if (inserted === 0) return;
      await handler(event, tx);
    });
  };
}
