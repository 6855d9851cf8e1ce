// The kit's rate limiter against the real Redis (and its in-process stand-in): failures lock a
// key without being consumed by the check itself, two processes share counters through Redis,
// and a refusal carries X-RateLimit-style details.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "./errors.ts";
import { createRateLimits, type RateLimits } from "./rate-limit.ts";

const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const opened: RateLimits[] = [];
const open = (redis: boolean, prefix = `test-${randomUUID()}:`) => {
  const limits = createRateLimits({ redisUrl: redis ? redisUrl : null, prefix });
  opened.push(limits);
  return limits;
};
afterAll(async () => {
  for (const limits of opened) await limits.close();
});

async function refusal(promise: Promise<unknown>): Promise<AppError | null> {
  return promise.then(
    () => null,
    (error: unknown) => error as AppError,
  );
}

const policy = { name: "login", points: 3, windowSeconds: 60, blockSeconds: 60 };

describe.each([
  ["in process", false],
  ["Redis", true],
])("rate limits (%s)", (_, redis) => {
  it("refuses a key once its failures are used up, without counting the checks, until reset", async () => {
    const limiter = open(redis).limiter(policy);
    for (let i = 0; i < 3; i++) {
      await limiter.ensureAvailable("alice");
      expect((await limiter.penalize("alice")).remaining).toBe(2 - i);
    }
    const refused = await refusal(limiter.ensureAvailable("alice"));
    expect(refused?.code).toBe(ErrorCode.RateLimited);
    expect(refused?.details).toMatchObject({ limit: 3, remaining: 0 });
    expect(refused?.details.retryAfter).toBeGreaterThan(0);
    expect(Date.parse(String(refused?.details.resetAt))).toBeGreaterThan(Date.now());
    await limiter.ensureAvailable("bob");
    await limiter.reset("alice");
    await limiter.ensureAvailable("alice");
  });

  it("consumes a quota and refuses the request beyond it", async () => {
    const limiter = open(redis).limiter({ name: "quota", points: 2, windowSeconds: 60 });
    await limiter.consume("client");
    expect((await limiter.consume("client")).remaining).toBe(0);
    expect((await refusal(limiter.consume("client")))?.code).toBe(ErrorCode.RateLimited);
  });
});

describe("rate limits across processes", () => {
  it("share counters through Redis under one prefix, and never across prefixes", async () => {
    const prefix = `test-${randomUUID()}:`;
    const [first, second] = [open(true, prefix).limiter(policy), open(true, prefix).limiter(policy)];
    const elsewhere = open(true).limiter(policy);
    await first.penalize("carol");
    await second.penalize("carol");
    await first.penalize("carol");
    expect((await refusal(second.ensureAvailable("carol")))?.code).toBe(ErrorCode.RateLimited);
    await elsewhere.ensureAvailable("carol");
    // Without Redis each process counts alone (the embedded default runs one process).
    const [alone1, alone2] = [open(false, prefix).limiter(policy), open(false, prefix).limiter(policy)];
    await alone1.penalize("dave");
    await alone1.penalize("dave");
    await alone1.penalize("dave");
    await alone2.ensureAvailable("dave");
  });
});
