// RabbitMQ behind the EventBroker port. Topology (all durable, declared idempotently on every
// (re)connect): one topic exchange; per consumer a queue bound to its patterns, one retry queue
// per back-off delay whose messages expire (TTL) and dead-letter back into the consumer's queue
// through the default exchange, and a parking queue for events that exhausted their attempts.
// amqp-connection-manager reconnects and re-runs the setup; a delivery whose channel died before
// its ack comes again, which the consumers' run-once records absorb.
import amqp, { type AmqpConnectionManager, type ChannelWrapper } from "amqp-connection-manager";
import type { ConfirmChannel, ConsumeMessage } from "amqplib";
import type { Logger } from "../logger.ts";
import { withTraceparent } from "../tracing/trace-context.ts";
import {
  resolveRetryPolicy,
  retryDelay,
  topologyNames,
  UnprocessableEvent,
  type BrokerEvent,
  type BrokerHandler,
  type ConsumeOptions,
  type Consumption,
  type EventBroker,
} from "./event-broker.ts";

export interface RabbitMqBrokerOptions {
  url: string;
  /** Prefix of every exchange and queue name, e.g. "ppt." */
  prefix: string;
  logger?: Logger;
  /** How long one publish waits for its confirm before it is sent again. */
  publishTimeoutMs?: number;
  reconnectSeconds?: number;
  heartbeatSeconds?: number;
  /** Queues unused this long are deleted by RabbitMQ (x-expires): throwaway prefixes (tests) clean up after themselves. */
  queueExpiresMs?: number;
  /**
   * "quorum": every queue is a quorum queue (replicated by Raft across a RabbitMQ cluster's nodes,
   * so a node's loss loses no event); "classic" (default): single-node queues. The type is fixed
   * when a queue is created: switching needs new queue names (AMQP_PREFIX) or the old ones drained and deleted.
   */
  queueType?: "classic" | "quorum";
}

const ATTEMPT_HEADER = "x-ppt-attempt";

export class RabbitMqBroker implements EventBroker {
  private readonly connection: AmqpConnectionManager;
  private readonly publisher: ChannelWrapper;
  private readonly consumptions = new Set<Consumption>();
  private closed = false;

  constructor(private readonly options: RabbitMqBrokerOptions) {
    this.connection = amqp.connect([options.url], {
      reconnectTimeInSeconds: options.reconnectSeconds ?? 1,
      heartbeatIntervalInSeconds: options.heartbeatSeconds ?? 5,
    });
    this.connection.on("disconnect", ({ err }) => options.logger?.warn({ err }, "rabbitmq disconnected"));
    this.connection.on("connectFailed", ({ err }) => options.logger?.warn({ err }, "rabbitmq connect failed"));
    const { exchange } = topologyNames(options.prefix, "");
    this.publisher = this.connection.createChannel({
      confirm: true,
      publishTimeout: options.publishTimeoutMs ?? 10_000,
      setup: (channel: ConfirmChannel) =>
        channel.assertExchange(exchange, "topic", { durable: true, autoDelete: Boolean(options.queueExpiresMs) }).then(() => undefined),
    });
    // A setup cut short by a lost connection is reported as an 'error' event (thrown if nobody
    // listens); it runs again on the next connection.
    this.publisher.on("error", (error) => options.logger?.warn({ err: error }, "rabbitmq publisher channel setup failed; retried on reconnect"));
  }

  async publish(events: BrokerEvent[]): Promise<void> {
    const { exchange } = topologyNames(this.options.prefix, "");
    await Promise.all(
      events.map((event) =>
        this.confirmed(() =>
          // In the trace of the request that wrote the event (its traceparent also travels in the body).
          withTraceparent(event.traceparent, () =>
            this.publisher.publish(exchange, event.eventType, Buffer.from(JSON.stringify(event)), {
              persistent: true,
              messageId: event.id,
              type: event.eventType,
              contentType: "application/json",
            }),
          ),
        ),
      ),
    );
  }

  /**
   * A publish whose confirm is lost with its connection is sent again: the broker may then hold it
   * twice, never zero times (consumers are idempotent by event id).
   */
  private async confirmed(send: () => Promise<unknown>): Promise<void> {
    for (;;) {
      try {
        await send();
        return;
      } catch (error) {
        if (this.closed) throw error;
        this.options.logger?.warn({ err: error }, "rabbitmq publish not confirmed, sending again");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** The consumer's queue, its bindings, its retry queues and its parking queue (idempotent). */
  private async assertTopology(channel: ConfirmChannel, consumer: string, bindingPatterns: string[], options?: ConsumeOptions): Promise<void> {
    const names = topologyNames(this.options.prefix, consumer);
    const expires = {
      ...(this.options.queueExpiresMs ? { "x-expires": this.options.queueExpiresMs } : {}),
      ...(this.options.queueType === "quorum" ? { "x-queue-type": "quorum" } : {}),
    };
    await channel.assertExchange(names.exchange, "topic", { durable: true, autoDelete: Boolean(this.options.queueExpiresMs) });
    await channel.assertQueue(names.queue, { durable: true, arguments: { ...expires } });
    for (const pattern of bindingPatterns) await channel.bindQueue(names.queue, names.exchange, pattern);
    for (const delay of new Set(resolveRetryPolicy(options).delaysMs)) {
      await channel.assertQueue(names.retry(delay), {
        durable: true,
        arguments: { ...expires, "x-message-ttl": delay, "x-dead-letter-exchange": "", "x-dead-letter-routing-key": names.queue },
      });
    }
    await channel.assertQueue(names.parking, { durable: true, arguments: { ...expires } });
  }

  async declare(consumer: string, bindingPatterns: string[], options?: ConsumeOptions): Promise<void> {
    // On the publisher's channel, so it runs again after every reconnect (a broker that lost its state).
    await this.publisher.addSetup((channel: ConfirmChannel) => this.assertTopology(channel, consumer, bindingPatterns, options));
  }

  async consume(consumer: string, bindingPatterns: string[], handler: BrokerHandler, options?: ConsumeOptions): Promise<Consumption> {
    const names = topologyNames(this.options.prefix, consumer);
    const policy = resolveRetryPolicy(options);
    const inFlight = new Set<Promise<void>>();
    let consumerTag: string | null = null;
    let channelNow: ConfirmChannel | null = null;
    let stopping = false;

    const forward = async (queue: string, message: ConsumeMessage, attempt: number, extra: Record<string, unknown> = {}) => {
      await this.confirmed(() =>
        this.publisher.sendToQueue(queue, message.content, {
          ...message.properties,
          persistent: true,
          headers: { ...message.properties.headers, ...extra, [ATTEMPT_HEADER]: attempt },
        }),
      );
    };

    const handle = async (channel: ConfirmChannel, message: ConsumeMessage) => {
      const attempt = Number(message.properties.headers?.[ATTEMPT_HEADER] ?? 1);
      let event: BrokerEvent | null = null;
      try {
        event = JSON.parse(message.content.toString("utf8")) as BrokerEvent;
      } catch {
        // Unreadable now means unreadable forever: parked at once.
      }
      try {
        if (!event) throw new UnprocessableEvent("event body is not JSON");
        await handler(event, { attempt });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (error instanceof UnprocessableEvent || attempt >= policy.maxAttempts) {
          this.options.logger?.error({ err: error, consumer, eventId: event?.id, attempt }, "event parked");
          await forward(names.parking, message, attempt, { "x-ppt-error": reason.slice(0, 1_000) });
        } else {
          this.options.logger?.warn({ err: error, consumer, eventId: event?.id, attempt }, "event will be retried");
          await forward(names.retry(retryDelay(policy, attempt)), message, attempt + 1, { "x-ppt-error": reason.slice(0, 1_000) });
        }
      }
      // The ack belongs to the channel the message came on; if that one died, the broker has
      // already put the message back and it will be delivered (and skipped) again.
      try {
        channel.ack(message);
      } catch (error) {
        this.options.logger?.warn({ err: error, consumer }, "ack lost with its channel");
      }
    };

    const wrapper = this.connection.createChannel({
      confirm: true,
      setup: async (channel: ConfirmChannel) => {
        channelNow = channel;
        await this.assertTopology(channel, consumer, bindingPatterns, options);
        if (stopping) return;
        await channel.prefetch(options?.prefetch ?? 10);
        const { consumerTag: tag } = await channel.consume(names.queue, (message) => {
          if (!message) return; // cancelled by the broker (queue deleted): the setup runs again on reconnect
          const run = handle(channel, message).catch((error) => this.options.logger?.error({ err: error, consumer }, "event handling failed"));
          inFlight.add(run);
          void run.finally(() => inFlight.delete(run));
        });
        consumerTag = tag;
      },
    });
    wrapper.on("error", (error) => this.options.logger?.warn({ err: error, consumer }, "rabbitmq consumer channel setup failed; retried on reconnect"));
    await wrapper.waitForConnect();

    const consumption: Consumption = {
      stop: async () => {
        if (stopping) return;
        stopping = true;
        this.consumptions.delete(consumption);
        if (channelNow && consumerTag) await channelNow.cancel(consumerTag).catch(() => undefined);
        await Promise.allSettled([...inFlight]);
        await wrapper.close();
      },
    };
    this.consumptions.add(consumption);
    return consumption;
  }

  async ping(): Promise<void> {
    if (this.closed || !this.connection.isConnected()) throw new Error("rabbitmq not connected");
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumptions].map((consumption) => consumption.stop()));
    this.closed = true;
    await this.publisher.close();
    await this.connection.close();
  }
}
