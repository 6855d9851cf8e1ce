// Domain events out of the system: the same events and recipients as the in-app notices, by
// e-mail (sk/en, List-Unsubscribe with the recipient's unsubscribe link), SMS (the HTTP provider
// port, to the phone on the account) and push (each live Web Push subscription, Android device by
// FCM, iOS device by APNs; a neutral lock-screen text, see push-text.ts), as each recipient's
// preferences plan it: a muted category sends nothing; inside quiet hours SMS and push are held
// in platform.held_deliveries until they end and the scheduler sends them (sendHeldDeliveries).
// Every message leaves once per (event, recipient, channel) through the kit's delivery rows; a
// permanent refusal disables the address (a push subscription: the device token is disabled).
import type pg from "pg";
import type { PrismaClient } from "@ppt/db/client";
import {
  composeEmail,
  deliverMailOnce,
  deliverOnce,
  EmailChannel,
  emailLanguage,
  MAIL_CONSUMER_OPTIONS,
  type BrokerEvent,
  type DeliveryOutcome,
  type ConsumerDeps,
  type ConsumerFactory,
  type Logger,
  type MailSender,
  type ServerConfig,
  type Tx,
  unsubscribeKey,
} from "@ppt/server-kit";
import { contactsOfUsers, type UserContact } from "../../auth/index.ts";
import type { Channel, NotificationLanguage } from "../categories.ts";
import { ApnsChannel, apnsConfigFromEnv } from "../channels/apns.ts";
import { FcmChannel, fcmConfigFromEnv } from "../channels/fcm.ts";
import { PushChannel, vapidConfigFromEnv } from "../channels/push.ts";
import { SmsChannel, smsConfigFromEnv } from "../channels/sms.ts";
import { noticeEvents, noticeOf, type Notice } from "../in-app.ts";
import { planChannels } from "../plan-channels.ts";
import { recipientPreferences, unsubscribeToken } from "../preferences.ts";
import { pushTextOf, type PushText } from "../push-text.ts";
import { enterNotificationSystem } from "../system-scope.ts";

export const OUTBOUND_CONSUMER = "property.notifications.outbound";

/** The management app's page that reads `token` and calls unsubscribeFromNotifications. */
export const UNSUBSCRIBE_PATH = "/odhlasenie-upozorneni";

export interface OutboundChannels {
  /** Null where no mail leaves (the held-deliveries job sends SMS and push only). */
  mail: MailSender | null;
  /** Null when no SMS provider is configured: SMS is left out. */
  sms: SmsChannel | null;
  push: PushChannel | null;
  /** Null when FCM is not configured: Android devices are left out. */
  fcm?: FcmChannel | null;
  /** Null when APNs is not configured: iOS devices are left out. */
  apns?: ApnsChannel | null;
}

/** The push channels from the environment: Web Push always, FCM and APNs where configured. */
function pushChannelsFromEnv(env: NodeJS.ProcessEnv, dataDir: string | null) {
  const fcm = fcmConfigFromEnv(env);
  const apns = apnsConfigFromEnv(env);
  return { push: new PushChannel(vapidConfigFromEnv(env, dataDir)), fcm: fcm ? new FcmChannel(fcm) : null, apns: apns ? new ApnsChannel(apns) : null };
}

export function outboundChannelsFromEnv(config: ServerConfig, env: NodeJS.ProcessEnv = process.env): OutboundChannels & { close(): Promise<void> } {
  const mail = new EmailChannel(config.smtp);
  const sms = smsConfigFromEnv(env);
  const push = pushChannelsFromEnv(env, config.dataDir);
  return {
    mail,
    sms: sms ? new SmsChannel(sms) : null,
    ...push,
    close: async () => {
      mail.close();
      push.apns?.close();
    },
  };
}

/** SMS and push only: what the held-deliveries job needs. */
export function heldChannelsFromEnv(dataDir: string | null, env: NodeJS.ProcessEnv = process.env): OutboundChannels {
  const sms = smsConfigFromEnv(env);
  return { mail: null, sms: sms ? new SmsChannel(sms) : null, ...pushChannelsFromEnv(env, dataDir) };
}

/** What one recipient gets of one notice, in their language. */
interface Content {
  title: string;
  body: string | null;
  data: Record<string, unknown>;
  category: string;
}

interface Outgoing {
  userId: string;
  contact: UserContact;
  language: NotificationLanguage;
  content: Content;
  now: Channel[];
  held: { channels: Channel[]; until: Date } | null;
  subscriptions: PushTarget[];
}

/** A live push subscription: a browser's Web Push endpoint with its keys, or a phone's device token. */
type PushTarget = { id: string; platform: "WEB"; endpoint: string; p256dh: string; auth: string } | { id: string; platform: "IOS" | "ANDROID"; token: string };

interface SendDeps {
  pool: pg.Pool;
  channels: OutboundChannels;
  logger?: Logger;
}

function contentOf(notice: Notice, language: NotificationLanguage): Content {
  return { title: notice.title[language], body: notice.body?.[language] ?? null, data: notice.data, category: notice.category };
}

/** Each person's live push subscriptions that a configured channel can reach. */
async function pushTargets(tx: Tx, userIds: string[], channels: OutboundChannels) {
  const platforms = [
    ...(channels.push ? (["WEB"] as const) : []),
    ...(channels.fcm ? (["ANDROID"] as const) : []),
    ...(channels.apns ? (["IOS"] as const) : []),
  ];
  const rows = platforms.length
    ? await tx.deviceToken.findMany({ where: { userId: { in: userIds }, platform: { in: platforms }, disabledAt: null }, orderBy: { createdAt: "asc" } })
    : [];
  const byUser = new Map<string, PushTarget[]>();
  for (const row of rows) {
    let target: PushTarget;
    if (row.platform === "WEB") {
      if (!row.p256dh || !row.authSecret) continue;
      target = { id: row.id, platform: "WEB", endpoint: row.token, p256dh: row.p256dh, auth: row.authSecret };
    } else target = { id: row.id, platform: row.platform, token: row.token };
    byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), target]);
  }
  return byUser;
}

function sendPush(channels: OutboundChannels, target: PushTarget, text: PushText): Promise<DeliveryOutcome> {
  if (target.platform === "WEB") return channels.push!.send({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, { ...text });
  if (target.platform === "ANDROID") return channels.fcm!.send(target.token, text);
  return channels.apns!.send(target.token, text);
}

/** Sends one channel's message to one recipient (once per event, recipient and channel). */
async function sendBy(
  deps: SendDeps & { prisma: PrismaClient; config: ServerConfig; organizationId: string },
  eventId: string,
  kind: string,
  channel: Channel,
  out: Pick<Outgoing, "userId" | "contact" | "language" | "content" | "subscriptions">,
): Promise<void> {
  const { pool, channels, logger } = deps;
  const base = { eventId, consumer: OUTBOUND_CONSUMER, kind };
  const { content } = out;
  if (channel === "EMAIL") {
    const mail = channels.mail;
    if (!mail) return;
    const security = content.category === "security";
    const key = unsubscribeKey(deps.config);
    const unsubscribeUrl =
      !security && key
        ? `${deps.config.appUrls.management}${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(unsubscribeToken(key, { organizationId: deps.organizationId, userId: out.userId, category: content.category }))}`
        : undefined;
    if (!security && !unsubscribeUrl) return; // no signing key: mail without a working unsubscribe link is not sent
    const greeting = out.language === "en" ? `Hello ${out.contact.firstName},` : `Dobrý deň, ${out.contact.firstName},`;
    await deliverMailOnce(
      pool,
      mail,
      {
        ...base,
        to: out.contact.email,
        render: () =>
          composeEmail({
            language: emailLanguage(out.language),
            subject: content.title,
            paragraphs: [greeting, content.title, ...(content.body ? [content.body] : [])],
            action: { label: out.language === "en" ? "Open PPT" : "Otvoriť PPT", url: deps.config.appUrls.management },
            unsubscribeUrl,
            security,
          }),
      },
      logger,
    );
  } else if (channel === "SMS") {
    const sms = channels.sms;
    const phone = out.contact.phone?.replace(/\s+/g, "");
    if (!sms || !phone) return;
    const text = [content.title, content.body].filter(Boolean).join(" ").slice(0, 306);
    await deliverOnce(pool, { ...base, channel: "sms", to: phone, send: () => sms.send(phone, text) }, logger);
  } else if (channel === "PUSH") {
    const text = pushTextOf(kind, content.category, out.language, content.data);
    for (const sub of out.subscriptions)
      await deliverOnce(
        pool,
        {
          ...base,
          channel: "push",
          to: sub.id,
          send: () => sendPush(channels, sub, text),
          // The push service says the subscription or device token is gone: never used again.
          onPermanent: async () => {
            await deps.prisma.$transaction(async (tx) => {
              await enterNotificationSystem(tx, deps.organizationId);
              await tx.deviceToken.updateMany({ where: { id: sub.id }, data: { disabledAt: new Date() } });
            });
          },
        },
        logger,
      );
  }
}

/** Runs every send, then fails with the first failure (the broker retries; what went out is not sent again). */
async function allSettled(sends: Array<() => Promise<void>>): Promise<void> {
  let failure: Error | null = null;
  for (const send of sends) {
    try {
      await send();
    } catch (error) {
      failure ??= error instanceof Error ? error : new Error(String(error));
    }
  }
  if (failure) throw failure;
}

export function outboundHandler(
  deps: Pick<ConsumerDeps, "prisma" | "pool" | "config" | "logger">,
  channels: OutboundChannels,
  clock: () => Date = () => new Date(),
) {
  const { prisma, pool, config, logger } = deps;
  return async (event: BrokerEvent): Promise<void> => {
    const organizationId = event.organizationId;
    if (!organizationId) return;
    const now = clock();
    const outgoing = await prisma.$transaction(async (tx): Promise<Outgoing[]> => {
      await enterNotificationSystem(tx, organizationId);
      const notice = await noticeOf(event, tx, organizationId);
      if (!notice) return [];
      const actorId = typeof event.payload?.actorId === "string" ? event.payload.actorId : null;
      const recipients = [...new Set(notice.recipients)].filter((id) => id !== actorId);
      if (!recipients.length) return [];
      const [preferences, contacts, subscriptions] = await Promise.all([
        recipientPreferences(tx, recipients),
        contactsOfUsers(tx, recipients),
        pushTargets(tx, recipients, channels),
      ]);
      const list: Outgoing[] = [];
      for (const userId of recipients) {
        const contact = contacts.get(userId);
        const prefs = preferences.get(userId);
        if (!contact || !prefs) continue;
        const plan = planChannels(prefs, notice.category, now);
        const subs = subscriptions.get(userId) ?? [];
        // Only the channels this person can be reached by (nothing is held for a channel without an address).
        const reachable = (c: Channel) =>
          (c === "EMAIL" && channels.mail !== null) || (c === "SMS" && channels.sms !== null && !!contact.phone) || (c === "PUSH" && subs.length > 0);
        const external = (list: Channel[]) => list.filter(reachable);
        const held = plan.delayed && external(plan.delayed.channels).length ? { channels: external(plan.delayed.channels), until: plan.delayed.until } : null;
        list.push({
          userId,
          contact,
          language: prefs.language,
          content: contentOf(notice, prefs.language),
          now: external(plan.now),
          held,
          subscriptions: subs,
        });
      }
      return list;
    });
    const sendDeps = { pool, channels, logger, prisma, config, organizationId };
    const sends: Array<() => Promise<void>> = [];
    for (const out of outgoing) {
      for (const channel of out.now) sends.push(() => sendBy(sendDeps, event.id, event.eventType, channel, out));
      if (out.held)
        for (const channel of out.held.channels)
          sends.push(async () => {
            await pool.query(
              `INSERT INTO platform.held_deliveries (event_id, organization_id, user_id, channel, kind, content, due_at)
               VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6::jsonb, $7) ON CONFLICT (event_id, user_id, channel) DO NOTHING`,
              [event.id, organizationId, out.userId, channel, event.eventType, JSON.stringify({ ...out.content, language: out.language }), out.held!.until],
            );
          });
    }
    await allSettled(sends);
  };
}

/**
 * Sends the held SMS and push messages whose quiet hours are over (a scheduled job). Rows are
 * claimed with SKIP LOCKED, so replicas split them; each message still goes once per (event,
 * recipient, channel). A temporary failure leaves its row for the next run.
 */
export async function sendHeldDeliveries(
  deps: { prisma: PrismaClient; pool: pg.Pool; config: ServerConfig; channels: OutboundChannels; logger?: Logger },
  now = new Date(),
  batchSize = 100,
): Promise<number> {
  const client = await deps.pool.connect();
  let sent = 0;
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{
      id: string;
      event_id: string;
      organization_id: string;
      user_id: string;
      channel: Channel;
      kind: string;
      content: Content & { language: NotificationLanguage };
    }>(
      `SELECT id, event_id, organization_id, user_id, channel, kind, content FROM platform.held_deliveries
        WHERE sent_at IS NULL AND due_at <= $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, batchSize],
    );
    for (const row of rows) {
      const { contact, subscriptions } = await deps.prisma.$transaction(async (tx) => {
        await enterNotificationSystem(tx, row.organization_id);
        const [contacts, subs] = await Promise.all([contactsOfUsers(tx, [row.user_id]), pushTargets(tx, [row.user_id], deps.channels)]);
        return { contact: contacts.get(row.user_id), subscriptions: subs.get(row.user_id) ?? [] };
      });
      try {
        if (contact)
          await sendBy({ ...deps, organizationId: row.organization_id }, row.event_id, row.kind, row.channel, {
            userId: row.user_id,
            contact,
            language: row.content.language,
            content: row.content,
            subscriptions,
          });
        await client.query("UPDATE platform.held_deliveries SET sent_at = $2 WHERE id = $1", [row.id, now]);
        sent++;
      } catch (error) {
        deps.logger?.warn({ err: error, channel: row.channel, kind: row.kind }, "held notification not sent yet");
      }
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return sent;
}

export const outboundNotificationConsumers: ConsumerFactory = (deps) => {
  const channels = outboundChannelsFromEnv(deps.config);
  return {
    consumers: [
      {
        name: OUTBOUND_CONSUMER,
        patterns: noticeEvents,
        handle: outboundHandler(deps, channels),
        options: MAIL_CONSUMER_OPTIONS,
      },
    ],
    close: () => channels.close(),
  };
};
