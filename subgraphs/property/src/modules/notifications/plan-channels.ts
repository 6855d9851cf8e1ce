// Which channels carry one notification to one recipient, and when: a pure decision from the
// recipient's preferences, the notification's category and the current instant. The delivery
// side calls it per recipient; the in-app side uses the same rules for IN_APP.
//
// - A muted channel of a mutable category carries nothing; security (and general) notices go by
//   every channel that is on by default or that the person turned on, muted or not.
// - Quiet hours are wall-clock minutes in the person's own time zone (daylight saving included),
//   may cross midnight (22:00–07:00), and hold back only the intrusive channels (push, SMS) until
//   they end; security notices ignore them.
import { defaultChannels, intrusiveChannels, isMutable, notificationChannels, type Channel, type NotificationLanguage } from "./categories.ts";

export interface QuietHours {
  /** Minutes after local midnight, 0–1439. */
  start: number;
  end: number;
}

export interface RecipientPreferences {
  /** IANA zone, e.g. "Europe/Bratislava". */
  timeZone: string;
  language: NotificationLanguage;
  quietHours: QuietHours | null;
  /** Explicit choices per category and channel; a missing one is the channel's default. */
  channels: Readonly<Record<string, Partial<Record<Channel, boolean>>>>;
}

export interface ChannelPlan {
  /** Send now. */
  now: Channel[];
  /** Send when the quiet hours end (null: nothing waits). */
  delayed: { channels: Channel[]; until: Date } | null;
}

export const defaultPreferences: RecipientPreferences = { timeZone: "Europe/Bratislava", language: "sk", quietHours: null, channels: {} };

/** Whether the recipient receives `category` by `channel` at all (quiet hours aside). */
export function channelEnabled(prefs: RecipientPreferences, category: string, channel: Channel): boolean {
  const chosen = prefs.channels[category]?.[channel];
  // A security notice may be turned ON for an extra channel (SMS), never off.
  if (!isMutable(category)) return chosen === true || defaultChannels[channel];
  return chosen ?? defaultChannels[channel];
}

export function planChannels(prefs: RecipientPreferences, category: string, now: Date): ChannelPlan {
  const enabled = notificationChannels.filter((channel) => channelEnabled(prefs, category, channel));
  const until = isMutable(category) && prefs.quietHours ? quietHoursEnd(prefs.quietHours, prefs.timeZone, now) : null;
  if (!until) return { now: enabled, delayed: null };
  const held = enabled.filter((c) => intrusiveChannels.includes(c));
  return { now: enabled.filter((c) => !intrusiveChannels.includes(c)), delayed: held.length ? { channels: held, until } : null };
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: Date, timeZone: string): WallClock {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** The zone's offset from UTC at `instant`, in milliseconds (whole minutes). */
function offsetAt(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, 0, w.minutes);
  const floored = Math.floor(instant.getTime() / 60_000) * 60_000;
  return asUtc - floored;
}

/** The instant a local wall-clock time occurs (in a daylight-saving gap: just after it). */
function instantOf(year: number, month: number, day: number, minutes: number, timeZone: string, near: Date): Date {
  const local = Date.UTC(year, month - 1, day, 0, minutes);
  const first = new Date(local - offsetAt(near, timeZone));
  return new Date(local - offsetAt(first, timeZone));
}

/** When the quiet hours that hold `now` end, or null when `now` is outside them. */
export function quietHoursEnd(quiet: QuietHours, timeZone: string, now: Date): Date | null {
  if (quiet.start === quiet.end) return null;
  const local = wallClock(now, timeZone);
  const m = local.minutes;
  const inside = quiet.start < quiet.end ? m >= quiet.start && m < quiet.end : m >= quiet.start || m < quiet.end;
  if (!inside) return null;
  // The end is today, or tomorrow when the window crosses midnight and we are before midnight.
  const tomorrow = quiet.start > quiet.end && m >= quiet.start;
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day + (tomorrow ? 1 : 0)));
  return instantOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), quiet.end, timeZone, now);
}
