// A package's broker consumers (mail, imports, projections…) and where they run. With RabbitMQ
// (AMQP_URL) the workers run them: the relays of every process publish to the shared exchange.
// Without it the broker is in-process, so an event reaches only the consumers of the process whose
// relay published it: each subgraph process then runs its own package's consumers (npm start with
// nothing configured keeps working; the workers then neither relay nor consume).
import type pg from "pg";
import type { ServerConfig } from "../config.ts";
import type { PrismaClient } from "../db/clients.ts";
import type { Logger } from "../logger.ts";
import { parseTraceparent, runInRequestContext } from "../http/request-context.ts";
import { traceConsumer } from "../tracing/trace-context.ts";
import type { BrokerHandler, ConsumeOptions, Consumption, EventBroker } from "./event-broker.ts";

export interface ConsumerDeps {
  /** The package role's client (RLS stays on: tenant data needs the tenant context). */
  prisma: PrismaClient;
  pool: pg.Pool;
  config: ServerConfig;
  logger: Logger;
}

export interface BrokerConsumer {
  /** Its queue (under the broker's prefix) and its processed_events name, e.g. "property.account-mail". */
  name: string;
  /** Topic patterns of the event types it takes ("user.*", "vote.#"). */
  patterns: string[];
  /** Idempotent by event id (runOnce, or a delivery row claimed before an outside effect). */
  handle: BrokerHandler;
  options?: ConsumeOptions;
}

/** What a package contributes: its consumers, made once per process, and what to close after them. */
export type ConsumerFactory = (deps: ConsumerDeps) => { consumers: BrokerConsumer[]; close?: () => void | Promise<void> };

/**
 * The consumer's handling of an event, in a span under the request that wrote it (the event's
 * traceparent), with the log lines written meanwhile carrying that trace id and the event's id.
 */
function tracedHandler(consumer: BrokerConsumer): BrokerHandler {
  return (event, delivery) => {
    const traceId = parseTraceparent(event.traceparent)?.traceId;
    const attributes = {
      "messaging.system": "ppt-outbox",
      "messaging.operation.type": "process",
      "messaging.destination.name": event.eventType,
      "messaging.message.id": event.id,
      "messaging.consumer.group.name": consumer.name,
      "ppt.delivery.attempt": delivery.attempt,
    };
    const handle = () => traceConsumer(`process ${event.eventType}`, event.traceparent, attributes, () => consumer.handle(event, delivery));
    return traceId ? runInRequestContext({ requestId: event.id, traceId }, handle) : handle();
  };
}

/** Starts every consumer on `broker`; the returned function stops them (waiting for the events in hand), then closes. */
export async function startConsumers(broker: EventBroker, factory: ConsumerFactory | undefined, deps: ConsumerDeps): Promise<() => Promise<void>> {
  if (!factory) return async () => undefined;
  const made = factory(deps);
  const consumptions: Consumption[] = [];
  for (const consumer of made.consumers) {
    consumptions.push(await broker.consume(consumer.name, consumer.patterns, tracedHandler(consumer), consumer.options));
  }
  deps.logger.info({ consumers: made.consumers.map((c) => c.name) }, "broker consumers running");
  return async () => {
    await Promise.all(consumptions.map((consumption) => consumption.stop()));
    await made.close?.();
  };
}

/**
 * Declares the consumers' queues and bindings without consuming (the publishing side with
 * RabbitMQ): an event committed before any worker has started waits in its queue, not lost as unroutable.
 */
export async function declareConsumers(broker: EventBroker, factory: ConsumerFactory | undefined, deps: ConsumerDeps): Promise<void> {
  if (!factory) return;
  const made = factory(deps);
  try {
    for (const consumer of made.consumers) await broker.declare(consumer.name, consumer.patterns, consumer.options);
  } finally {
    await made.close?.();
  }
}
