// The event transport: RabbitMQ when AMQP_URL is set, otherwise in process (same port, same rules).
import type { ServerConfig } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { EventBroker } from "./event-broker.ts";
import { InProcessBroker } from "./in-process-broker.ts";
import { RabbitMqBroker } from "./rabbitmq-broker.ts";

export * from "./event-broker.ts";
export { InProcessBroker } from "./in-process-broker.ts";
export { RabbitMqBroker } from "./rabbitmq-broker.ts";
export { runOnce, type RunOnceResult } from "./run-once.ts";

export function createEventBroker(options: {
  amqpUrl: string | null;
  prefix?: string;
  queueExpiresMs?: number;
  queueType?: "classic" | "quorum";
  logger?: Logger;
}): EventBroker {
  return options.amqpUrl
    ? new RabbitMqBroker({
        url: options.amqpUrl,
        prefix: options.prefix ?? "ppt.",
        queueExpiresMs: options.queueExpiresMs,
        queueType: options.queueType,
        logger: options.logger,
      })
    : new InProcessBroker(options.logger);
}
export { declareConsumers, startConsumers, type BrokerConsumer, type ConsumerDeps, type ConsumerFactory } from "./consumers.ts";

/** The broker a subgraph or worker process uses, as its settings say. */
export function eventBrokerFromConfig(
  config: Pick<ServerConfig, "amqpUrl" | "amqpPrefix" | "amqpQueueExpiresMs" | "amqpQueueType">,
  logger: Logger,
): EventBroker {
  return createEventBroker({
    amqpUrl: config.amqpUrl,
    prefix: config.amqpPrefix,
    queueExpiresMs: config.amqpQueueExpiresMs ?? undefined,
    queueType: config.amqpQueueType,
    logger,
  });
}
