// A person's notification preferences in one organization: category × channel switches, quiet
// hours in their own time zone, and language. `recipientPreferences` is what the delivery side
// and the in-app notices read for many recipients at once (in the notification system scope).
import type { NotificationChannel } from "@ppt/db/client";
import { AppError, signUnsubscribeToken, TenantDb, verifyUnsubscribeToken, type PrismaClient, type Tx } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { requireMember } from "./access.ts";
import { isMutable, notificationCategories, notificationChannels, notificationLanguages, type NotificationLanguage } from "./categories.ts";
import { channelEnabled, defaultPreferences, type QuietHours, type RecipientPreferences } from "./plan-channels.ts";

export interface NotificationPreferencesView {
  timeZone: string;
  language: "SK" | "EN";
  quietHours: { start: string; end: string } | null;
  channels: { category: string; channel: NotificationChannel; enabled: boolean; mutable: boolean }[];
}

export interface NotificationPreferencesInput {
  timeZone?: string | null;
  language?: "SK" | "EN" | null;
  quietHours?: { start: string; end: string } | null;
  clearQuietHours?: boolean | null;
  channels?: readonly { category: string; channel: NotificationChannel; enabled: boolean }[] | null;
}

/** Preferences of many people (one query each for switches and settings); people with none get the defaults. */
export async function recipientPreferences(tx: Tx, userIds: readonly string[]): Promise<Map<string, RecipientPreferences>> {
  const ids = [...new Set(userIds)];
  const [settings, switches] = await Promise.all([
    tx.notificationSettings.findMany({ where: { userId: { in: ids } } }),
    tx.notificationPreference.findMany({ where: { userId: { in: ids } } }),
  ]);
  const result = new Map<string, RecipientPreferences>(ids.map((id) => [id, { ...defaultPreferences, channels: {} }]));
  for (const s of settings) {
    const prefs = result.get(s.userId)!;
    prefs.timeZone = s.timeZone;
    prefs.language = (notificationLanguages as readonly string[]).includes(s.language) ? (s.language as NotificationLanguage) : "sk";
    prefs.quietHours = s.quietHoursStart !== null && s.quietHoursEnd !== null ? { start: s.quietHoursStart, end: s.quietHoursEnd } : null;
  }
  for (const p of switches) {
    const prefs = result.get(p.userId)!;
    const channels = prefs.channels as Record<string, Partial<Record<NotificationChannel, boolean>>>;
    (channels[p.category] ??= {})[p.channel] = p.enabled;
  }
  return result;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

function minutesOf(value: string, field: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw AppError.badInput("Expected a time as HH:MM", { field });
  return Number(match[1]) * 60 + Number(match[2]);
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value.length <= 64;
  } catch {
    return false;
  }
}

function view(prefs: RecipientPreferences): NotificationPreferencesView {
  return {
    timeZone: prefs.timeZone,
    language: prefs.language === "en" ? "EN" : "SK",
    quietHours: prefs.quietHours ? { start: hhmm(prefs.quietHours.start), end: hhmm(prefs.quietHours.end) } : null,
    channels: notificationCategories.flatMap((category) =>
      notificationChannels.map((channel) => ({ category, channel, enabled: channelEnabled(prefs, category, channel), mutable: isMutable(category) })),
    ),
  };
}

export async function notificationPreferences(ctx: PropertyContext): Promise<NotificationPreferencesView> {
  requireMember(ctx.caller);
  const userId = ctx.caller.userId;
  const prefs = await ctx.db.read((tx) => recipientPreferences(tx, [userId]));
  return view(prefs.get(userId)!);
}

export async function updateNotificationPreferences(ctx: PropertyContext, input: NotificationPreferencesInput): Promise<NotificationPreferencesView> {
  requireMember(ctx.caller);
  const { userId, organizationId } = ctx.caller;
  if (input.timeZone !== undefined && input.timeZone !== null && !isTimeZone(input.timeZone))
    throw AppError.badInput("Unknown time zone", { field: "timeZone" });
  if (input.quietHours && input.clearQuietHours) throw AppError.badInput("Give quietHours or clearQuietHours, not both", { field: "quietHours" });
  const quiet: QuietHours | null | undefined = input.clearQuietHours
    ? null
    : input.quietHours
      ? { start: minutesOf(input.quietHours.start, "quietHours.start"), end: minutesOf(input.quietHours.end, "quietHours.end") }
      : undefined;
  for (const c of input.channels ?? []) {
    if (!isMutable(c.category) && !c.enabled) throw AppError.badInput(`${c.category.toUpperCase()} notifications cannot be turned off`, { field: "channels" });
  }
  await ctx.db.write(async (tx) => {
    const settings = {
      ...(input.timeZone ? { timeZone: input.timeZone } : {}),
      ...(input.language ? { language: input.language.toLowerCase() } : {}),
      ...(quiet !== undefined ? { quietHoursStart: quiet?.start ?? null, quietHoursEnd: quiet?.end ?? null } : {}),
    };
    if (Object.keys(settings).length) {
      await tx.notificationSettings.upsert({
        where: { organizationId_userId: { organizationId, userId } },
        create: { organizationId, userId, ...settings },
        update: settings,
      });
    }
    for (const c of input.channels ?? []) await setChannel(tx, { organizationId, userId, category: c.category, channel: c.channel, enabled: c.enabled });
  });
  return notificationPreferences(ctx);
}

function setChannel(tx: Tx, row: { organizationId: string; userId: string; category: string; channel: NotificationChannel; enabled: boolean }) {
  const { organizationId, userId, category, channel, enabled } = row;
  return tx.notificationPreference.upsert({
    where: { organizationId_userId_channel_category: { organizationId, userId, channel, category } },
    create: row,
    update: { enabled },
  });
}

/** What the e-mail link of one category signs (the name of the first links sent: they keep working). */
const CATEGORY_MAIL = "unsubscribe";

/** The token of the e-mail link that turns one category's e-mail off for one person in one organization (no sign-in, no stored row). */
export function unsubscribeToken(key: Buffer, subject: { organizationId: string; userId: string; category: string }): string {
  return signUnsubscribeToken(key, CATEGORY_MAIL, [subject.organizationId, subject.userId, subject.category]);
}

/**
 * The e-mail link: turns e-mail of the token's category off for the person it names, in their
 * own tenant and user scope (RLS as if they had done it). Any forged, altered or security
 * token is BAD_USER_INPUT.
 */
export async function unsubscribe(prisma: PrismaClient, key: Buffer | null, token: string): Promise<string> {
  const [organizationId, userId, category] = (key && verifyUnsubscribeToken(key, CATEGORY_MAIL, token, 3)) || [];
  if (!organizationId || !userId || !category || !isMutable(category)) throw AppError.badInput("Invalid unsubscribe link", { field: "token" });
  const subject = { organizationId, userId, category };
  const db = new TenantDb(prisma, { organizationId: subject.organizationId, userId: subject.userId });
  await db.write((tx) => setChannel(tx, { ...subject, channel: "EMAIL", enabled: false }));
  return subject.category;
}
