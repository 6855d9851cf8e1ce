// The outbox relay: publishes committed events (platform.outbox rows with published_at NULL)
// to the event broker for workers (RabbitMQ, or the in-process broker; publisher confirms: a row is
// marked only once the broker holds it) and as pub/sub wake-ups, then marks them published.
// Runs inside every subgraph process and in the worker entry points. A relay claims only the rows
// of its own subgraph (`source`: by default the database role that wrote the row, which is the
// role the relay connects as): without Redis, pub/sub is in-process, and an event published by
// another subgraph's process would reach none of its subscribers. Rows are claimed with
// FOR UPDATE SKIP LOCKED, so the replicas of a subgraph share the work without publishing a row
// twice (except after a crash between publish and commit — consumers are idempotent for that).
// Services may also publish a wake-up right after their commit (low latency); the relay is the
// guarantee that one arrives even if that process dies first.
import pg from "pg";
import { keepConnectionErrorsInHand } from "../db/clients.ts";
import type { Logger } from "../logger.ts";
import type { LiveRouter } from "./live-routes.ts";
import type { PubSub } from "./pubsub.ts";
import type { BrokerEvent, EventBroker } from "../broker/event-broker.ts";
import { publishWakeUp } from "./wake-up.ts";

export interface OutboxRelayOptions {
  /** The relay's own small pool (its polling is not a request's work and is not counted as one). */
  databaseUrl: string;
  pubsub: PubSub;
  /** The subgraph's declared live routes (which channels each event type wakes). */
  router: LiveRouter;
  /** Where workers take the events from (null: wake-ups only). */
  broker: EventBroker | null;
  /** Whose rows this relay claims; default: the rows written by the role it connects as. */
  source?: string;
  logger?: Logger;
  batchSize?: number;
  /** Poll interval while events keep coming; doubles up to `idleIntervalMs` while the outbox is empty. */
  intervalMs?: number;
  idleIntervalMs?: number;
  /** A row that failed this many times is left for an operator (last_error says why). */
  maxAttempts?: number;
  /** Told the event types of each batch once it is published (the business counters). */
  onPublished?: (eventTypes: string[]) => void;
}

interface OutboxRow {
  id: string;
  aggregate_type: string;
  aggregate_id: string;
  event_type: string;
  organization_id: string | null;
  payload: Record<string, unknown> | null;
  created_at: Date;
  traceparent: string | null;
}

export class OutboxRelay {
  private readonly pool: pg.Pool;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = true;
  private delay: number;
  private statements = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2, idleTimeoutMillis: 30_000 });
    this.pool.on("error", (error) => options.logger?.warn({ err: error }, "outbox relay pool error"));
    keepConnectionErrorsInHand(this.pool);
    this.delay = options.intervalMs ?? 100;
  }

  /** SQL statements the relay has sent (kept apart from the request pool's count). */
  queryCount(): number {
    return this.statements;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Runs a pass now (after a commit that wants its event out quickly). */
  nudge(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runOnce()
        .then((count) => {
          const base = this.options.intervalMs ?? 100;
          const idle = this.options.idleIntervalMs ?? 1_000;
          this.delay = count > 0 ? (count >= (this.options.batchSize ?? 100) ? 0 : base) : Math.min(idle, Math.max(base, this.delay * 2));
        })
        .catch((error) => {
          this.options.logger?.warn({ err: error }, "outbox relay pass failed");
          this.delay = this.options.idleIntervalMs ?? 1_000;
        })
        .finally(() => this.schedule(this.delay));
    }, ms);
    this.timer.unref?.();
  }

  /** One pass: claim a batch, publish it, mark it. Returns how many rows were claimed. */
  runOnce(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.pass().finally(() => (this.running = null));
    return this.running;
  }

  /** Rows of this relay's source committed and not yet published (parked ones included): the backlog metric. */
  async backlog(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM platform.outbox WHERE source = COALESCE($1::text, current_user::text) AND published_at IS NULL",
      [this.options.source ?? null],
    );
    return Number(rows[0]?.n ?? 0);
  }

  private async query<R extends pg.QueryResultRow>(client: pg.PoolClient, text: string, values?: unknown[]) {
    this.statements++;
    return client.query<R>(text, values);
  }

  private async pass(): Promise<number> {
    const client = await this.pool.connect();
    try {
      await this.query(client, "BEGIN");
      const { rows } = await this.query<OutboxRow>(
        client,
        `SELECT id, aggregate_type, aggregate_id, event_type, organization_id, payload, created_at, traceparent
           FROM platform.outbox
          WHERE source = COALESCE($3::text, current_user::text) AND published_at IS NULL AND attempts < $2
          ORDER BY created_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize ?? 100, this.options.maxAttempts ?? 10, this.options.source ?? null],
      );
      const published: string[] = [];
      const failed: { id: string; error: string }[] = [];
      const events: BrokerEvent[] = rows.map((row) => ({
        id: row.id,
        eventType: row.event_type,
        aggregateType: row.aggregate_type,
        aggregateId: row.aggregate_id,
        organizationId: row.organization_id,
        payload: row.payload ?? {},
        createdAt: row.created_at.toISOString(),
        ...(row.traceparent ? { traceparent: row.traceparent } : {}),
      }));
      // The whole batch to the broker first (confirmed together); a batch it refuses is retried whole.
      let brokerError: string | null = null;
      if (events.length && this.options.broker) {
        await this.options.broker.publish(events).catch((error: unknown) => {
          brokerError = error instanceof Error ? error.message : String(error);
        });
      }
      for (const event of events) {
        if (brokerError !== null) {
          failed.push({ id: event.id, error: brokerError });
          continue;
        }
        try {
          await publishWakeUp(this.options.pubsub, this.options.router, event);
          published.push(event.id);
        } catch (error) {
          failed.push({ id: event.id, error: error instanceof Error ? error.message : String(error) });
        }
      }
      if (published.length) await this.query(client, "UPDATE platform.outbox SET published_at = now() WHERE id = ANY($1::uuid[])", [published]);
      for (const { id, error } of failed) {
        await this.query(client, "UPDATE platform.outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1", [id, error.slice(0, 2000)]);
      }
      await this.query(client, "COMMIT");
      if (published.length && this.options.onPublished) {
        const done = new Set(published);
        this.options.onPublished(events.filter((event) => done.has(event.id)).map((event) => event.eventType));
      }
      if (failed.length) this.options.logger?.warn({ failed: failed.length }, "outbox events failed to publish; will retry");
      return rows.length;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }
}
