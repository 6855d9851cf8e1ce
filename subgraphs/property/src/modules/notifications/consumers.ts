// The notifications module's broker consumers, run by the property worker (or, without RabbitMQ,
// by the subgraph process): in-app notices of domain events, the same events by mail, SMS and
// push, and the mail of accounts.
import type { ConsumerFactory } from "@ppt/server-kit";
import { accountMailConsumers, outboundNotificationConsumers } from "./delivery/index.ts";
import { inAppNotificationsConsumer } from "./in-app.ts";

export const notificationConsumers: ConsumerFactory = (deps) => {
  const mail = accountMailConsumers(deps);
  const outbound = outboundNotificationConsumers(deps);
  return {
    consumers: [inAppNotificationsConsumer(deps), ...mail.consumers, ...outbound.consumers],
    close: async () => {
      await mail.close?.();
      await outbound.close?.();
    },
  };
};
