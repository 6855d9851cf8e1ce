// One suite, both transports: what a consumer can rely on must not depend on AMQP_URL.
import { randomBytes, randomUUID } from "node:crypto";
import amqplib from "amqplib";
import { afterAll, describe, expect, it } from "vitest";
import { defaultRetryPolicy, topicMatches, topologyNames, type BrokerEvent, type EventBroker } from "./event-broker.ts";
import { InProcessBroker } from "./in-process-broker.ts";
import { RabbitMqBroker } from "./rabbitmq-broker.ts";

const AMQP_URL = process.env.AMQP_URL ?? "amqp://guest:guest@127.0.0.1:5672";

function event(eventType: string, payload: Record<string, unknown> = {}): BrokerEvent {
  return {
    id: randomUUID(),
    eventType,
    aggregateType: eventType.split(".")[0]!,
    aggregateId: randomUUID(),
    organizationId: null,
    payload,
    createdAt: new Date().toISOString(),
  };
}

function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => (check() ? resolve() : Date.now() > deadline ? reject(new Error("timed out")) : setTimeout(tick, 20));
    tick();
  });
}

interface Transport {
  broker: EventBroker;
  parked: (consumer: string) => Promise<Array<{ id: string; attempt: number }>>;
  /** Messages still waiting in the consumer's queue. */
  waiting: (consumer: string) => Promise<number>;
}

/** Raw AMQP access to what the broker left in its queues, and removal of the test's topology. */
async function rabbitInspector(prefix: string) {
  const connection = await amqplib.connect(AMQP_URL);
  const channel = await connection.createChannel();
  const consumers = new Set<string>();
  return {
    track: (consumer: string) => consumers.add(consumer),
    parked: async (consumer: string) => {
      const found: Array<{ id: string; attempt: number }> = [];
      for (;;) {
        const message = await channel.get(topologyNames(prefix, consumer).parking, { noAck: true });
        if (!message) return found;
        found.push({ id: (JSON.parse(message.content.toString()) as BrokerEvent).id, attempt: Number(message.properties.headers?.["x-ppt-attempt"]) });
      }
    },
    waiting: async (consumer: string) => (await channel.checkQueue(topologyNames(prefix, consumer).queue)).messageCount,
    dispose: async () => {
      for (const consumer of consumers) {
        const names = topologyNames(prefix, consumer);
        for (const delay of new Set([50, 200, ...defaultRetryPolicy.delaysMs])) await channel.deleteQueue(names.retry(delay));
        await channel.deleteQueue(names.queue);
        await channel.deleteQueue(names.parking);
      }
      await channel.deleteExchange(topologyNames(prefix, "").exchange);
      await connection.close();
    },
  };
}

describe("topic bindings", () => {
  it("match words like AMQP", () => {
    expect(topicMatches("fault.*", "fault.reported")).toBe(true);
    expect(topicMatches("fault.*", "fault.comment.added")).toBe(false);
    expect(topicMatches("fault.#", "fault.comment.added")).toBe(true);
    expect(topicMatches("#", "vote.closed")).toBe(true);
    expect(topicMatches("*.closed", "vote.closed")).toBe(true);
    expect(topicMatches("vote.closed", "vote.opened")).toBe(false);
  });
});

const transports: Array<[string, () => Promise<Transport & { dispose(): Promise<void> }>]> = [
  [
    "RabbitMQ",
    async () => {
      const prefix = `test.${randomBytes(4).toString("hex")}.`;
      const inspector = await rabbitInspector(prefix);
      const broker = new RabbitMqBroker({ url: AMQP_URL, prefix });
      const consume = broker.consume.bind(broker);
      broker.consume = (consumer, ...rest) => {
        inspector.track(consumer);
        return consume(consumer, ...rest);
      };
      return { broker, parked: inspector.parked, waiting: inspector.waiting, dispose: async () => (await broker.close(), await inspector.dispose()) };
    },
  ],
  [
    "in process",
    async () => {
      const broker = new InProcessBroker();
      return {
        broker,
        parked: async (consumer) => broker.parked(consumer).map((p) => ({ id: p.event.id, attempt: p.attempt })),
        waiting: async () => 0,
        dispose: () => broker.close(),
      };
    },
  ],
];

describe.each(transports)("%s broker", (_name, open) => {
  const opened: Array<{ dispose(): Promise<void> }> = [];
  const start = async () => {
    const transport = await open();
    opened.push(transport);
    return transport;
  };
  afterAll(async () => {
    for (const transport of opened) await transport.dispose();
  });

  it("delivers what matches a consumer's bindings once and acknowledges it", async () => {
    const { broker, waiting } = await start();
    const seen: string[] = [];
    await broker.consume("mail", ["fault.*"], async (received) => void seen.push(received.eventType));
    const reported = event("fault.reported", { title: "Leak" });
    await broker.publish([reported, event("vote.closed"), event("fault.comment.added")]);
    await waitFor(() => seen.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual(["fault.reported"]);
    expect(await waiting("mail")).toBe(0);
  });

  it("gives every consumer its own copy", async () => {
    const { broker } = await start();
    const seen: string[] = [];
    await broker.consume("mail", ["vote.#"], async () => void seen.push("mail"));
    await broker.consume("push", ["vote.closed"], async () => void seen.push("push"));
    await broker.publish([event("vote.closed")]);
    await waitFor(() => seen.length >= 2);
    expect(seen.sort()).toEqual(["mail", "push"]);
  });

  it("retries a failing handler after growing delays until it succeeds", async () => {
    const { broker, parked } = await start();
    const attempts: Array<{ attempt: number; at: number }> = [];
    await broker.consume(
      "sms",
      ["fault.*"],
      async (_event, delivery) => {
        attempts.push({ attempt: delivery.attempt, at: Date.now() });
        if (delivery.attempt < 3) throw new Error("provider down");
      },
      { retry: { maxAttempts: 5, delaysMs: [50, 200] } },
    );
    await broker.publish([event("fault.reported")]);
    await waitFor(() => attempts.length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(45);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(190);
    expect(await parked("sms")).toEqual([]);
  });

  it("parks a poison event after its last attempt and goes on with the others", async () => {
    const { broker, parked } = await start();
    const poison = event("fault.reported", { poison: true });
    const handled: string[] = [];
    let poisonAttempts = 0;
    await broker.consume(
      "push",
      ["fault.*"],
      async (received) => {
        if (received.payload.poison) {
          poisonAttempts++;
          throw new Error("cannot render");
        }
        handled.push(received.id);
      },
      { retry: { maxAttempts: 3, delaysMs: [50] } },
    );
    const healthy = event("fault.reported");
    await broker.publish([poison, healthy]);
    await waitFor(() => poisonAttempts >= 3 && handled.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(poisonAttempts).toBe(3);
    expect(handled).toEqual([healthy.id]);
    expect(await parked("push")).toEqual([{ id: poison.id, attempt: 3 }]);
  });
});
