// Readiness follows the dependencies: a subgraph whose Redis or RabbitMQ stops answering leaves
// rotation within a probe or two and comes back when they do, without a restart. The shared
// services are never touched: each dependency is reached through a proxy this test owns.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startCuttingProxy, type CuttingProxy } from "@ppt/testing/tcp-proxy";
import { startStack, type Stack } from "@ppt/testing/stack";
import { connectDatabase } from "./db/clients.ts";
import { checkDependencies } from "./readiness.ts";

describe("checkDependencies", () => {
  it("is ready only when every configured check answers in time; a hanging one fails on the timeout", async () => {
    const started = Date.now();
    const result = await checkDependencies({ database: async () => 1, redis: () => new Promise(() => undefined), broker: undefined }, 200);
    expect(result).toEqual({ ready: false, database: "up", redis: "down" });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await checkDependencies({ database: async () => 1 })).toEqual({ ready: true, database: "up" });
  });

  it("reports a database on a closed port as down", async () => {
    const db = connectDatabase("postgresql://postgres@127.0.0.1:1/postgres", { max: 1 });
    try {
      expect(await checkDependencies({ database: () => db.pool.query("SELECT 1") })).toEqual({ ready: false, database: "down" });
    } finally {
      await db.close();
    }
  });
});

describe("a subgraph's /health/ready", () => {
  let stack: Stack;
  let redis: CuttingProxy;
  let rabbit: CuttingProxy;
  const ready = async () => {
    const res = await fetch(new URL("/health/ready", stack.property.url));
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    redis = await startCuttingProxy({ host: "127.0.0.1", port: 6379 });
    rabbit = await startCuttingProxy({ host: "127.0.0.1", port: 5672 });
    stack = await startStack({
      redis: true,
      broker: true,
      env: { REDIS_URL: `redis://127.0.0.1:${redis.port}`, AMQP_URL: `amqp://guest:guest@127.0.0.1:${rabbit.port}` },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await redis?.close();
    await rabbit?.close();
  });

  it("checks the database, Redis and the broker, and follows each one down and back up", async () => {
    // The broker connects in the background after start: ready once it has (here, on a busy machine, not at once).
    await vi.waitFor(async () => expect(await ready()).toEqual({ status: 200, body: { ready: true, database: "up", redis: "up", broker: "up" } }), {
      timeout: 10_000,
      interval: 100,
    });

    redis.cut(4_000); // every connection dropped, new ones refused for 4 s: Redis is "stopped"
    await vi.waitFor(async () => expect(await ready()).toMatchObject({ status: 503, body: { ready: false, redis: "down", database: "up" } }), {
      timeout: 10_000,
      interval: 100,
    });
    await vi.waitFor(async () => expect((await ready()).status).toBe(200), { timeout: 30_000, interval: 250 });

    rabbit.cut(4_000);
    await vi.waitFor(async () => expect(await ready()).toMatchObject({ status: 503, body: { broker: "down", redis: "up" } }), {
      timeout: 10_000,
      interval: 100,
    });
    await vi.waitFor(async () => expect((await ready()).status).toBe(200), { timeout: 30_000, interval: 250 });
  }, 90_000);
});
