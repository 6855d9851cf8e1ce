// The broker of `npm start` with nothing configured: the same topology and rules as RabbitMQ
// (a queue per consumer created by its first consume, topic bindings, acknowledgement only after
// the handler resolves, back-off retries, parking after the last attempt), held in memory.
// Events in memory die with the process; the outbox rows they came from do not.
import type { Logger } from "../logger.ts";
import {
  resolveRetryPolicy,
  retryDelay,
  topicMatches,
  UnprocessableEvent,
  type BrokerEvent,
  type BrokerHandler,
  type ConsumeOptions,
  type Consumption,
  type EventBroker,
  type RetryPolicy,
} from "./event-broker.ts";

interface Pending {
  event: BrokerEvent;
  attempt: number;
}

interface ConsumerQueue {
  patterns: Set<string>;
  ready: Pending[];
  parked: Array<Pending & { error: string }>;
  timers: Set<NodeJS.Timeout>;
  subscribers: Array<{ handler: BrokerHandler; policy: RetryPolicy; prefetch: number; active: number; stopped: boolean }>;
  inFlight: Set<Promise<void>>;
}

export class InProcessBroker implements EventBroker {
  private readonly queues = new Map<string, ConsumerQueue>();

  constructor(private readonly logger?: Logger) {}

  async publish(events: BrokerEvent[]): Promise<void> {
    for (const event of events) {
      for (const queue of this.queues.values()) {
        if ([...queue.patterns].some((pattern) => topicMatches(pattern, event.eventType))) {
          // A copy per queue, as a broker would: one consumer cannot alter what another receives.
          queue.ready.push({ event: structuredClone(event), attempt: 1 });
        }
      }
    }
    for (const queue of this.queues.values()) this.dispatch(queue);
  }

  async declare(consumer: string, bindingPatterns: string[]): Promise<void> {
    this.queueOf(consumer, bindingPatterns);
  }

  private queueOf(consumer: string, bindingPatterns: string[]): ConsumerQueue {
    let queue = this.queues.get(consumer);
    if (!queue) {
      queue = { patterns: new Set(), ready: [], parked: [], timers: new Set(), subscribers: [], inFlight: new Set() };
      this.queues.set(consumer, queue);
    }
    for (const pattern of bindingPatterns) queue.patterns.add(pattern);
    return queue;
  }

  async consume(consumer: string, bindingPatterns: string[], handler: BrokerHandler, options?: ConsumeOptions): Promise<Consumption> {
    const queue = this.queueOf(consumer, bindingPatterns);
    const subscriber = { handler, policy: resolveRetryPolicy(options), prefetch: options?.prefetch ?? 10, active: 0, stopped: false };
    queue.subscribers.push(subscriber);
    this.dispatch(queue);
    const owner = queue;
    return {
      stop: async () => {
        subscriber.stopped = true;
        owner.subscribers = owner.subscribers.filter((other) => other !== subscriber);
        await Promise.allSettled([...owner.inFlight]);
      },
    };
  }

  /** Events of `consumer` that exhausted their attempts (the parking queue). */
  parked(consumer: string): Array<{ event: BrokerEvent; attempt: number; error: string }> {
    return [...(this.queues.get(consumer)?.parked ?? [])];
  }

  private dispatch(queue: ConsumerQueue): void {
    for (;;) {
      const subscriber = queue.subscribers.filter((s) => !s.stopped && s.active < s.prefetch).sort((a, b) => a.active - b.active)[0];
      const next = subscriber && queue.ready.shift();
      if (!subscriber || !next) return;
      subscriber.active++;
      const run = this.deliver(queue, subscriber.handler, subscriber.policy, next).finally(() => {
        subscriber.active--;
        queue.inFlight.delete(run);
        this.dispatch(queue);
      });
      queue.inFlight.add(run);
    }
  }

  private async deliver(queue: ConsumerQueue, handler: BrokerHandler, policy: RetryPolicy, pending: Pending): Promise<void> {
    try {
      await handler(pending.event, { attempt: pending.attempt });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof UnprocessableEvent || pending.attempt >= policy.maxAttempts) {
        this.logger?.error({ err: error, eventId: pending.event.id, attempt: pending.attempt }, "event parked");
        queue.parked.push({ ...pending, error: reason });
        return;
      }
      this.logger?.warn({ err: error, eventId: pending.event.id, attempt: pending.attempt }, "event will be retried");
      const timer = setTimeout(
        () => {
          queue.timers.delete(timer);
          queue.ready.push({ event: pending.event, attempt: pending.attempt + 1 });
          this.dispatch(queue);
        },
        retryDelay(policy, pending.attempt),
      );
      queue.timers.add(timer);
    }
  }

  async close(): Promise<void> {
    for (const queue of this.queues.values()) {
      for (const subscriber of queue.subscribers) subscriber.stopped = true;
      for (const timer of queue.timers) clearTimeout(timer);
      await Promise.allSettled([...queue.inFlight]);
    }
    this.queues.clear();
  }
}
