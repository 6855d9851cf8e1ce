// The event plumbing against the real Redis and PostgreSQL: pub/sub (Redis and in-process),
// the outbox relay (publishes to the broker and as wake-ups, marks, retries, shares work between
// replicas) and a run-once consumer that sees an event twice.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@ppt/db/client";
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, type DbHandle } from "../db/clients.ts";
import { LiveFeed } from "./live-feed.ts";
import { LiveRouter } from "./live-routes.ts";
import { OutboxRelay } from "./outbox-relay.ts";
import { InProcessPubSub, RedisPubSub, type PubSub } from "./pubsub.ts";
import { InProcessBroker, runOnce, type BrokerEvent } from "../broker/index.ts";
import type { WakeUp } from "./wake-up.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = () => `test-${randomUUID()}:`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(20);
  }
}

let db: TestDatabase;
let owner: DbHandle;

beforeAll(async () => {
  db = await createTestDatabase();
  owner = connectDatabase(db.ownerUrl, { max: 2 });
});

afterAll(async () => {
  await owner?.close();
  await db?.drop();
});

describe.each([
  ["redis", () => new RedisPubSub(REDIS_URL, prefix())],
  ["in-process", () => new InProcessPubSub()],
] as const)("%s pub/sub", (_name, make) => {
  it("delivers to every handler of a channel, not to other channels, and stops after unsubscribe", async () => {
    const pubsub: PubSub = make();
    const a: unknown[] = [];
    const b: unknown[] = [];
    const other: unknown[] = [];
    const stopA = await pubsub.subscribe("vote:1", (p) => a.push(p));
    await pubsub.subscribe("vote:1", (p) => b.push(p));
    await pubsub.subscribe("vote:2", (p) => other.push(p));
    await pubsub.publish("vote:1", { version: 1 });
    await until(() => a.length === 1 && b.length === 1);
    await stopA();
    await pubsub.publish("vote:1", { version: 2 });
    await until(() => b.length === 2);
    await sleep(50);
    expect(a).toEqual([{ version: 1 }]);
    expect(b).toEqual([{ version: 1 }, { version: 2 }]);
    expect(other).toEqual([]);
    await pubsub.close();
  });
});

it("keeps Redis channels of different prefixes (deployments, test runs) apart", async () => {
  const one = new RedisPubSub(REDIS_URL, prefix());
  const two = new RedisPubSub(REDIS_URL, prefix());
  const heard: unknown[] = [];
  await two.subscribe("vote:1", (p) => heard.push(p));
  await one.publish("vote:1", { version: 1 });
  await sleep(200);
  expect(heard).toEqual([]);
  await Promise.all([one.close(), two.close()]);
});

const router = new LiveRouter([{ "vote.*": (event) => [`vote:${event.aggregateId}`] }]);

/** A row as the property subgraph writes it (its relays claim the rows of their own role). */
async function insertOutbox(payload: Record<string, unknown>, aggregateId = randomUUID()) {
  return owner.prisma.outboxEvent.create({
    data: {
      aggregateType: "vote",
      aggregateId,
      eventType: "vote.tally_updated",
      organizationId: randomUUID(),
      payload: payload as Prisma.InputJsonValue,
      source: "ppt_property",
    },
  });
}

describe("outbox relay", () => {
  it("publishes committed events as wake-ups (ids and versions only) and to the broker, then marks them", async () => {
    const pubsub = new RedisPubSub(REDIS_URL, prefix());
    const broker = new InProcessBroker();
    const relay = new OutboxRelay({ databaseUrl: db.urlFor("property"), pubsub, router, broker, intervalMs: 20 });
    const voteId = randomUUID();
    const heard: WakeUp[] = [];
    await pubsub.subscribe(`vote:${voteId}`, (p) => heard.push(p as WakeUp));
    const row = await insertOutbox({ voteId, version: 7, secret: "never published" }, voteId);
    const received: BrokerEvent[] = [];
    const consumption = await broker.consume("test", ["vote.#"], async (event) => void received.push(event));
    relay.start();
    await until(() => heard.length === 1 && received.some((e) => e.id === row.id));
    expect(heard[0]).toMatchObject({ eventId: row.id, eventType: "vote.tally_updated", voteId, version: 7 });
    expect(heard[0]).not.toHaveProperty("secret");
    await until(async () => (await owner.prisma.outboxEvent.findUniqueOrThrow({ where: { id: row.id } })).publishedAt !== null);
    await sleep(100);
    expect(heard).toHaveLength(1); // marked: never published again
    await consumption.stop();
    await relay.stop();
    await broker.close();
    await pubsub.close();
  });

  it("counts failed attempts and keeps the error, and publishes on a later pass", async () => {
    let fail = true;
    const pubsub = new InProcessPubSub();
    const flaky: PubSub = {
      publish: async (channel, payload) => {
        if (fail) throw new Error("redis down");
        await pubsub.publish(channel, payload);
      },
      subscribe: (channel, handler) => pubsub.subscribe(channel, handler),
      close: () => pubsub.close(),
    };
    const relay = new OutboxRelay({ databaseUrl: db.urlFor("property"), pubsub: flaky, router, broker: null });
    await owner.prisma.outboxEvent.updateMany({ where: { publishedAt: null }, data: { publishedAt: new Date() } });
    const row = await insertOutbox({ version: 1 });
    await relay.runOnce();
    const failed = await owner.prisma.outboxEvent.findUniqueOrThrow({ where: { id: row.id } });
    expect(failed).toMatchObject({ attempts: 1, lastError: "redis down", publishedAt: null });
    fail = false;
    await relay.runOnce();
    expect((await owner.prisma.outboxEvent.findUniqueOrThrow({ where: { id: row.id } })).publishedAt).not.toBeNull();
    await relay.stop();
  });

  it("lets replicas share the outbox without publishing a row twice (FOR UPDATE SKIP LOCKED)", async () => {
    await owner.prisma.outboxEvent.updateMany({ where: { publishedAt: null }, data: { publishedAt: new Date() } });
    const pubsub = new InProcessPubSub();
    const counts = new Map<string, number>();
    const counting: PubSub = {
      publish: async (channel, payload) => {
        const id = (payload as WakeUp).eventId;
        if (channel.startsWith("vote:")) counts.set(id, (counts.get(id) ?? 0) + 1);
        await sleep(2); // hold the batch's locks a little, so the replicas overlap
      },
      subscribe: (channel, handler) => pubsub.subscribe(channel, handler),
      close: async () => undefined,
    };
    const relays = [1, 2, 3].map(() => new OutboxRelay({ databaseUrl: db.urlFor("property"), pubsub: counting, router, broker: null, batchSize: 10 }));
    const rows = await Promise.all(Array.from({ length: 60 }, () => insertOutbox({ version: 1 })));
    await until(async () => {
      await Promise.all(relays.map((relay) => relay.runOnce()));
      return (await owner.prisma.outboxEvent.count({ where: { id: { in: rows.map((r) => r.id) }, publishedAt: null } })) === 0;
    }, 15_000);
    expect(rows.every((row) => counts.get(row.id) === 1)).toBe(true);
    await Promise.all(relays.map((relay) => relay.stop()));
  });
});

describe("run-once consumer", () => {
  it("takes effect once per consumer, even when the broker delivers an event twice", async () => {
    const broker = new InProcessBroker();
    const handled: string[] = [];
    const name = `test-${randomUUID()}`;
    const consumption = await broker.consume(name, ["fault.*"], async (event) => {
      await runOnce(owner.pool, name, event.id, async () => void handled.push(event.id));
    });
    const event: BrokerEvent = {
      id: randomUUID(),
      eventType: "fault.reported",
      aggregateType: "fault",
      aggregateId: randomUUID(),
      organizationId: null,
      payload: {},
      createdAt: new Date().toISOString(),
    };
    await broker.publish([event]);
    await broker.publish([event]); // at-least-once: a relay that crashed before marking re-publishes
    await until(() => handled.length >= 1);
    await sleep(300);
    expect(handled).toEqual([event.id]);
    await consumption.stop();
    await broker.close();
  });
});

describe("live feed", () => {
  it("reads once per change however many listeners, skips wake-ups that cannot be news, and coalesces bursts", async () => {
    const pubsub = new InProcessPubSub();
    let version = 1;
    let reads = 0;
    const feed = await LiveFeed.open<number, number>(pubsub, {
      channel: "vote:x",
      initial: async () => version,
      isNews: (state, wakeUp) => Number(wakeUp.version) > state,
      refresh: async () => {
        reads++;
        await sleep(30);
        return { state: version, events: [version] };
      },
    });
    const seen: number[][] = [[], [], []];
    seen.forEach((list) => feed.listen((events) => list.push(...events)));
    version = 2;
    await pubsub.publish("vote:x", { version: 2 });
    await until(() => seen[0]!.length === 1);
    await pubsub.publish("vote:x", { version: 2 }); // a duplicate (relay + post-commit)
    version = 5;
    for (const v of [3, 4, 5]) await pubsub.publish("vote:x", { version: v });
    await until(() => seen[0]!.at(-1) === 5);
    await sleep(100);
    expect(seen.every((list) => list.join() === seen[0]!.join())).toBe(true);
    expect(reads).toBeLessThanOrEqual(3);
    expect(seen[0]).toEqual([...new Set(seen[0])]);
    await feed.close();
  });
});
