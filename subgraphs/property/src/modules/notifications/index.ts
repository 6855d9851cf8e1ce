// The notifications module's public surface. The centre: in-app notifications (list, unread
// count, read marks, the live notificationAdded feed), per-person preferences (category ×
// channel, quiet hours in their time zone, language, the unsubscribe link) and push
// subscriptions; the in-app handler of domain events; planChannels for the delivery side.
// Delivery: the mail of accounts (verification, password reset, invitation) over SMTP.
export { createNotificationLoaders } from "./loaders.ts";
export { notificationResolvers } from "./resolvers.ts";
export { notificationLiveRoutes, notificationsChannel } from "./live-routes.ts";
export { createInAppNotifications, IN_APP_CONSUMER } from "./in-app.ts";
export { notificationConsumers } from "./consumers.ts";
export {
  accountMailPaths,
  heldChannelsFromEnv,
  outboundChannelsFromEnv,
  sendHeldDeliveries,
  UNSUBSCRIBE_PATH,
  type OutboundChannels,
} from "./delivery/index.ts";
export {
  planChannels,
  channelEnabled,
  quietHoursEnd,
  defaultPreferences,
  type ChannelPlan,
  type QuietHours,
  type RecipientPreferences,
} from "./plan-channels.ts";
export { recipientPreferences } from "./preferences.ts";
export { webPushPublicKeyFromEnv } from "./channels/push.ts";
export { enterNotificationSystem } from "./system-scope.ts";
export * from "./categories.ts";
