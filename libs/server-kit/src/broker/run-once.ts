// Exactly-once effects over at-least-once delivery: the (consumer, event id) row in
// platform.processed_events commits in the same transaction as the effect's own writes, so a
// redelivered event finds the row and does nothing. Effects outside the database (a mail sent)
// need their own record (a delivery row claimed before sending), since no transaction covers them.
import pg from "pg";
import type { Tx } from "../db/tenant-db.ts";

export type RunOnceResult<T> = { ran: true; value: T } | { ran: false };

/** With a pool: one transaction of its own. With a Prisma transaction: joins it (the caller commits). */
export async function runOnce<T>(db: pg.Pool, consumer: string, eventId: string, effect: (client: pg.PoolClient) => Promise<T>): Promise<RunOnceResult<T>>;
export async function runOnce<T>(db: Tx, consumer: string, eventId: string, effect: (tx: Tx) => Promise<T>): Promise<RunOnceResult<T>>;
export async function runOnce<T>(
  db: pg.Pool | Tx,
  consumer: string,
  eventId: string,
  effect: ((client: pg.PoolClient) => Promise<T>) | ((tx: Tx) => Promise<T>),
): Promise<RunOnceResult<T>> {
  if (db instanceof pg.Pool) {
    const client = await db.connect();
    try {
      await client.query("BEGIN");
      const { rowCount } = await client.query("INSERT INTO platform.processed_events (consumer, event_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING", [
        consumer,
        eventId,
      ]);
      if (rowCount === 0) {
        await client.query("ROLLBACK");
        return { ran: false };
      }
      const value = await (effect as (client: pg.PoolClient) => Promise<T>)(client);
      await client.query("COMMIT");
      return { ran: true, value };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  const inserted = await db.$executeRaw`
    INSERT INTO platform.processed_events (consumer, event_id) VALUES (${consumer}, ${eventId}::uuid) ON CONFLICT DO NOTHING`;
  if (inserted === 0) return { ran: false };
  return { ran: true, value: await (effect as (tx: Tx) => Promise<T>)(db) };
}
