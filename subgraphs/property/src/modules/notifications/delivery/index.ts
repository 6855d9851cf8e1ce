// The delivery side of notifications: what leaves the system (account mail; domain events by mail, SMS and push), once per event.
export { ACCOUNT_MAIL_CONSUMER, accountMailConsumers, accountMailPaths } from "./account-mail.ts";
export {
  OUTBOUND_CONSUMER,
  heldChannelsFromEnv,
  outboundChannelsFromEnv,
  outboundHandler,
  outboundNotificationConsumers,
  sendHeldDeliveries,
  UNSUBSCRIBE_PATH,
  type OutboundChannels,
} from "./outbound.ts";
