// A message (e-mail, SMS, push) that leaves once per (event, recipient, channel): the delivery row is claimed and locked before the
// provider exchange and marked in the same transaction after it, so a redelivered event (a crash, a
// lost ack, a broker reconnect) finds it sent and does nothing, and two handlers of the same event
// never send at the same time. A permanent refusal (5xx) disables the address and is not retried;
// a temporary one (4xx, no connection) is recorded and thrown, so the broker retries it with
// back-off. The one window no transaction covers: the server accepted the message and the process
// died before the commit; the retry then sends the same message again, with the same Message-ID
// (derived from the event, recipient and channel: the delivery row itself did not survive the
// crash), which receiving mail stores recognise as one message.
// Neither the address nor the message (it may carry a one-time link) is ever logged.
import { createHash } from "node:crypto";
import type pg from "pg";
import type { Logger } from "../logger.ts";
import type { RenderedEmail } from "./compose.ts";
import type { DeliveryOutcome } from "./delivery-outcome.ts";

export interface MailSender {
  send(to: string, email: RenderedEmail, options?: { messageId?: string }): Promise<DeliveryOutcome>;
}

export interface MailDelivery {
  eventId: string;
  /** The consumer that sends it (e.g. "property.account-mail"). */
  consumer: string;
  /** The template, e.g. "account.verify_email". */
  kind: string;
  to: string;
  /** Rendered only when the mail is really sent. */
  render: () => RenderedEmail | Promise<RenderedEmail>;
}

export type MailResult = "sent" | "already-sent" | "disabled-address" | "bounced";

/** A temporary failure: the broker retries the event later (the reason stays in the delivery row, not in the logs). */
export class TemporaryDeliveryFailure extends Error {
  override readonly name = "TemporaryDeliveryFailure";
}

/** One message by any channel (e-mail, SMS, push), sent once per (event, recipient, channel). */
export interface ChannelDelivery {
  eventId: string;
  consumer: string;
  kind: string;
  /** "email", "sms", "push". */
  channel: string;
  /** The address on that channel (an e-mail address, a phone number, a push subscription id). */
  to: string;
  /** Sends it (called only when the delivery is still pending); `key` is the same at every attempt, whichever process makes it. */
  send: (key: string) => Promise<DeliveryOutcome>;
  /** After a permanent refusal (the address is disabled already): e.g. drop a dead push subscription. */
  onPermanent?: () => Promise<void>;
}

export async function deliverMailOnce(pool: pg.Pool, sender: MailSender, mail: MailDelivery, logger?: Logger): Promise<MailResult> {
  const to = mail.to.trim().toLowerCase();
  return deliverOnce(
    pool,
    {
      eventId: mail.eventId,
      consumer: mail.consumer,
      kind: mail.kind,
      channel: "email",
      to,
      send: async (key) => sender.send(to, await mail.render(), { messageId: `<${key}@ppt.delivery>` }),
    },
    logger,
  );
}

/** Stable per (event, recipient, channel): a Message-ID that survives a crash before the row's commit. */
export function deliveryKey(eventId: string, to: string, channel: string): string {
  return createHash("sha256").update(`${eventId}\n${to}\n${channel}`).digest("hex").slice(0, 40);
}

export async function deliverOnce(pool: pg.Pool, delivery: ChannelDelivery, logger?: Logger): Promise<MailResult> {
  const mail = delivery;
  const CHANNEL = delivery.channel;
  const to = delivery.to;
  const client = await pool.connect();
  let open = false;
  try {
    await client.query("BEGIN");
    open = true;
    await client.query(
      `INSERT INTO platform.deliveries (event_id, recipient, channel, consumer, kind) VALUES ($1::uuid, $2, $3, $4, $5)
       ON CONFLICT (event_id, recipient, channel) DO NOTHING`,
      [mail.eventId, to, CHANNEL, mail.consumer, mail.kind],
    );
    const { rows } = await client.query<{ id: string; status: string; attempts: number }>(
      "SELECT id, status, attempts FROM platform.deliveries WHERE event_id = $1::uuid AND recipient = $2 AND channel = $3 FOR UPDATE",
      [mail.eventId, to, CHANNEL],
    );
    const row = rows[0]!;
    const attempt = row.attempts + 1;
    if (row.status !== "pending") {
      await client.query("COMMIT");
      open = false;
      return row.status === "sent" ? "already-sent" : row.status === "suppressed" ? "disabled-address" : "bounced";
    }
    const disabled = await client.query("SELECT 1 FROM platform.disabled_addresses WHERE channel = $1 AND address = $2", [CHANNEL, to]);
    // One statement (the row and its attempt): the least time between the server's acceptance and the commit.
    const record = async (status: string, outcome: string, detail: string | null, providerId: string | null = null) => {
      await client.query(
        `WITH marked AS (
           UPDATE platform.deliveries SET status = $2::platform.delivery_status, attempts = $3, last_error = $4, provider_id = COALESCE($5, provider_id),
                  sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END, updated_at = now()
            WHERE id = $1 RETURNING id)
         INSERT INTO platform.delivery_attempts (delivery_id, attempt, outcome, detail) SELECT id, $3, $6, $7 FROM marked`,
        [
          row.id,
          status,
          attempt,
          outcome === "ok" ? null : detail?.slice(0, 1_000),
          providerId?.slice(0, 300) ?? null,
          outcome,
          detail?.slice(0, 1_000) ?? null,
        ],
      );
    };
    if (disabled.rowCount) {
      await record("suppressed", "suppressed", "the address is disabled after a permanent failure");
      await client.query("COMMIT");
      open = false;
      logger?.info({ eventId: mail.eventId, kind: mail.kind, channel: CHANNEL }, "not sent: address disabled");
      return "disabled-address";
    }
    const outcome = await delivery.send(deliveryKey(mail.eventId, to, CHANNEL));
    if (outcome.kind === "ok") {
      await record("sent", "ok", null, outcome.providerId ?? null);
      await client.query("COMMIT");
      open = false;
      return "sent";
    }
    if (outcome.kind === "permanent") {
      await record("failed", "permanent", outcome.reason);
      await client.query("INSERT INTO platform.disabled_addresses (channel, address, reason) VALUES ($1, $2, $3) ON CONFLICT (channel, address) DO NOTHING", [
        CHANNEL,
        to,
        outcome.reason.slice(0, 1_000),
      ]);
      await client.query("COMMIT");
      open = false;
      await delivery.onPermanent?.();
      logger?.warn({ eventId: mail.eventId, kind: mail.kind, channel: CHANNEL }, "refused permanently: address disabled");
      return "bounced";
    }
    await record("pending", "temporary", outcome.reason);
    await client.query("COMMIT");
    open = false;
    throw new TemporaryDeliveryFailure(`${CHANNEL} ${mail.kind} not accepted yet (attempt ${attempt})`);
  } catch (error) {
    if (open) await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
