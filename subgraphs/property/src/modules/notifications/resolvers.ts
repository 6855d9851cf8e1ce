import type { NotificationCategory, Resolvers } from "../../generated/graphql.ts";
import { subscribeNotificationAdded } from "./live.ts";
import * as preferences from "./preferences.ts";
import * as push from "./push-subscriptions.ts";
import * as notifications from "./service.ts";

const category = (value: string) => value.toUpperCase() as NotificationCategory;

export const notificationResolvers: Resolvers = {
  Query: {
    notifications: (_, { first, after, unreadOnly }, ctx) => notifications.listNotifications(ctx, first, after, unreadOnly),
    unreadNotificationCount: (_, __, ctx) => notifications.unreadNotificationCount(ctx),
    notificationPreferences: (_, __, ctx) => preferences.notificationPreferences(ctx),
    pushSubscriptions: (_, __, ctx) => push.pushSubscriptions(ctx),
    webPushPublicKey: (_, __, ctx) => push.webPushPublicKey(ctx),
  },
  Mutation: {
    markNotificationsRead: (_, { ids, all }, ctx) => notifications.markNotificationsRead(ctx, ids, all),
    updateNotificationPreferences: (_, { input }, ctx) =>
      preferences.updateNotificationPreferences(ctx, { ...input, channels: input.channels?.map((c) => ({ ...c, category: c.category.toLowerCase() })) }),
    registerPushSubscription: (_, { input }, ctx) => push.registerPushSubscription(ctx, input),
    removePushSubscription: (_, { id }, ctx) => push.removePushSubscription(ctx, id),
    unsubscribeFromNotifications: async (_, { token }, ctx) =>
      category(await preferences.unsubscribe(ctx.publicDb, ctx.services.notifications.unsubscribeKey, token)),
  },
  Subscription: {
    notificationAdded: { subscribe: (_, __, ctx) => subscribeNotificationAdded(ctx) },
  },
  Notification: {
    category: (n) => category(n.category),
    read: (n) => n.readAt !== null,
    data: (n) => n.data ?? {},
  },
  NotificationConnection: {
    totalCount: (c) => c.totalCount(),
    unreadCount: (c) => c.unreadCount(),
  },
  NotificationChannelPreference: {
    category: (c) => category(c.category),
  },
  PushSubscription: {
    endpoint: (d) => d.token,
  },
};
