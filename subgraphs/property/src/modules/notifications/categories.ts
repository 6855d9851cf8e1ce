// What a notification is about (the unit a person mutes) and the channels it may travel by.
// Security notices (sign-in from a new device, password changes) can be neither muted nor
// delayed: a person must hear of them.
import type { NotificationChannel } from "@ppt/db/client";

export const notificationCategories = ["faults", "announcements", "voting", "messages", "rentals", "meters", "security", "general"] as const;
export type NotificationCategory = (typeof notificationCategories)[number];

/** The categories a person may mute; security and general are always delivered. */
export const mutableCategories: readonly NotificationCategory[] = ["faults", "announcements", "voting", "messages", "rentals", "meters"];

export const notificationChannels = ["IN_APP", "EMAIL", "PUSH", "SMS"] as const satisfies readonly NotificationChannel[];
export type Channel = NotificationChannel;

/** With no preference row: in-app, e-mail and push on, SMS (paid, intrusive) off. */
export const defaultChannels: Readonly<Record<Channel, boolean>> = { IN_APP: true, EMAIL: true, PUSH: true, SMS: false };

/** The channels that wake a person up: quiet hours hold them back (in-app and e-mail wait silently anyway). */
export const intrusiveChannels: readonly Channel[] = ["PUSH", "SMS"];

export const notificationLanguages = ["sk", "en"] as const;
export type NotificationLanguage = (typeof notificationLanguages)[number];

export function isNotificationCategory(value: string): value is NotificationCategory {
  return (notificationCategories as readonly string[]).includes(value);
}

export function isMutable(category: string): boolean {
  return (mutableCategories as readonly string[]).includes(category);
}
