// The notifications module's broker consumers, run by the property worker (or, without RabbitMQ,
// by the subgraph process): in-app notices of domain events and the mail of accounts.
import type { ConsumerFactory } from "@ppt/server-kit";
import { accountMailConsumers } from "./delivery/index.ts";
import { inAppNotificationsConsumer } from "./in-app.ts";

export const notificationConsumers: ConsumerFactory = (deps) => {
  const mail = accountMailConsumers(deps);
  return { consumers: [inAppNotificationsConsumer(deps), ...mail.consumers], close: mail.close };
};
