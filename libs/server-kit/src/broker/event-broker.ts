// The transport that carries committed outbox events to the workers (mail, SMS, push, imports…).
// Delivery is at-least-once: a consumer sees an event again after a crash, a lost ack or a
// reconnect, so every effect is guarded by the consumer's record of what it has done (run-once.ts).
// RabbitMQ carries it in production; without AMQP_URL an in-process broker keeps the same rules.

/** A committed outbox row as it travels; `id` is the idempotency key of every consumer. */
export interface BrokerEvent {
  id: string;
  /** Also the routing key, e.g. "fault.reported". */
  eventType: string;
  aggregateType: string;
  aggregateId: string;
  organizationId: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
  /** W3C traceparent of the request that wrote the event, when it was written in one (tracing metadata, not business data). */
  traceparent?: string;
}

export interface Delivery {
  /** 1 on the first delivery, then one more per retry. */
  attempt: number;
}

/** A handler that throws has the event retried later; throwing this parks it at once. */
export class UnprocessableEvent extends Error {
  override readonly name = "UnprocessableEvent";
}

export type BrokerHandler = (event: BrokerEvent, delivery: Delivery) => Promise<void>;

export interface RetryPolicy {
  /** Deliveries before an event is parked (first delivery included). */
  maxAttempts: number;
  /** Wait before retry n is delaysMs[n-1]; the last one repeats. */
  delaysMs: number[];
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 6, delaysMs: [1_000, 5_000, 30_000, 120_000, 600_000] };

export interface ConsumeOptions {
  retry?: Partial<RetryPolicy>;
  /** Events handled at the same time by this consumer. */
  prefetch?: number;
}

export interface Consumption {
  /** Stops taking new events and waits for the ones being handled. */
  stop(): Promise<void>;
}

export interface EventBroker {
  /** Resolves once the broker has taken every event (publisher confirms). */
  publish(events: BrokerEvent[]): Promise<void>;
  /**
   * Starts (or joins: replicas share it) the durable queue of `consumer`, bound to topic patterns
   * ("fault.*", "vote.#"). An event is acknowledged only after `handler` resolves.
   */
  consume(consumer: string, bindingPatterns: string[], handler: BrokerHandler, options?: ConsumeOptions): Promise<Consumption>;
  /**
   * Creates the durable queue of `consumer` and its bindings without consuming: a publisher declares
   * the queues of its package's consumers, so events committed before any worker started wait there.
   */
  declare(consumer: string, bindingPatterns: string[], options?: ConsumeOptions): Promise<void>;
  /** Readiness: rejects unless the broker is connected now (absent: nothing to ask, as in-process). */
  ping?(): Promise<void>;
  close(): Promise<void>;
}

export function retryDelay(policy: RetryPolicy, attempt: number): number {
  const { delaysMs } = policy;
  return delaysMs[Math.min(attempt - 1, delaysMs.length - 1)] ?? 0;
}

export function resolveRetryPolicy(options?: ConsumeOptions): RetryPolicy {
  return { ...defaultRetryPolicy, ...options?.retry };
}

/** Every name one broker uses, under its prefix, so test runs and deployments never share queues. */
export function topologyNames(prefix: string, consumer: string) {
  return {
    exchange: `${prefix}events`,
    queue: `${prefix}${consumer}`,
    parking: `${prefix}${consumer}.parked`,
    retry: (delayMs: number) => `${prefix}${consumer}.retry.${delayMs}ms`,
  };
}

/** AMQP topic matching: words split on ".", `*` is exactly one word, `#` zero or more. */
export function topicMatches(pattern: string, routingKey: string): boolean {
  const match = (p: string[], k: string[]): boolean => {
    if (p.length === 0) return k.length === 0;
    const [head, ...rest] = p;
    if (head === "#") return match(rest, k) || (k.length > 0 && match(p, k.slice(1)));
    if (k.length === 0) return false;
    return (head === "*" || head === k[0]) && match(rest, k.slice(1));
  };
  return match(pattern.split("."), routingKey.split("."));
}
