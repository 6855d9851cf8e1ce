// The property package's broker consumers, one factory for the workers (with RabbitMQ) and the
// subgraph processes (in-process broker): the notifications module's and the meter photo OCR.
import type { ConsumerFactory } from "@ppt/server-kit";
import { meterOcrConsumer } from "./modules/meters/index.ts";
import { notificationConsumers } from "./modules/notifications/index.ts";

export const propertyConsumers: ConsumerFactory = (deps) => {
  const notifications = notificationConsumers(deps);
  return { consumers: [...notifications.consumers, meterOcrConsumer(deps)], close: notifications.close };
};
