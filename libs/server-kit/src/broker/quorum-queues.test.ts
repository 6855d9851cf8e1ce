// AMQP_QUEUE_TYPE=quorum: every queue of the topology (consumer, retry, parking) is declared as a
// quorum queue, the kind a RabbitMQ cluster replicates; events still flow and retries still come
// back through the TTL queues. A single node runs quorum queues too, so the real broker proves it.
import { randomBytes, randomUUID } from "node:crypto";
import amqplib from "amqplib";
import { afterAll, describe, expect, it } from "vitest";
import { topologyNames, type BrokerEvent } from "./event-broker.ts";
import { RabbitMqBroker } from "./rabbitmq-broker.ts";

const AMQP_URL = process.env.AMQP_URL ?? "amqp://guest:guest@127.0.0.1:5672";
const prefix = `test.quorum.${randomBytes(4).toString("hex")}.`;
const broker = new RabbitMqBroker({ url: AMQP_URL, prefix, queueExpiresMs: 60_000, queueType: "quorum" });

afterAll(async () => {
  await broker.close();
});

/** Declaring the queue again as a classic one: RabbitMQ refuses when it exists with another type. */
async function declaredAs(queue: string, type: "classic" | "quorum", other: Record<string, unknown> = {}): Promise<boolean> {
  const connection = await amqplib.connect(AMQP_URL);
  try {
    const channel = await connection.createChannel();
    channel.on("error", () => undefined);
    try {
      await channel.assertQueue(queue, { durable: true, arguments: { "x-expires": 60_000, ...other, "x-queue-type": type } });
      await channel.close();
      return true;
    } catch (error) {
      expect(String(error)).toMatch(/PRECONDITION_FAILED.*x-queue-type/);
      return false;
    }
  } finally {
    await connection.close().catch(() => undefined);
  }
}

describe("quorum queues (AMQP_QUEUE_TYPE=quorum)", () => {
  it("declares the consumer, retry and parking queues as quorum queues and delivers through them, retries included", async () => {
    const consumer = "quorum-check";
    const seen: string[] = [];
    let failedOnce = false;
    const consumption = await broker.consume(
      consumer,
      ["quorum.#"],
      async (event) => {
        if (!failedOnce) {
          failedOnce = true;
          throw new Error("first attempt fails: the retry queue brings it back");
        }
        seen.push(event.id);
      },
      { retry: { delaysMs: [50], maxAttempts: 3 } },
    );
    const event: BrokerEvent = {
      id: randomUUID(),
      eventType: "quorum.checked",
      aggregateType: "quorum",
      aggregateId: randomUUID(),
      organizationId: null,
      payload: {},
      createdAt: new Date().toISOString(),
    };
    await broker.publish([event]);
    const deadline = Date.now() + 15_000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(seen).toEqual([event.id]);
    await consumption.stop();

    const names = topologyNames(prefix, consumer);
    const retryArguments = { "x-message-ttl": 50, "x-dead-letter-exchange": "", "x-dead-letter-routing-key": names.queue };
    expect(await declaredAs(names.queue, "classic")).toBe(false);
    expect(await declaredAs(names.retry(50), "classic", retryArguments)).toBe(false);
    expect(await declaredAs(names.parking, "classic")).toBe(false);
    expect(await declaredAs(names.queue, "quorum")).toBe(true);
  });
});
