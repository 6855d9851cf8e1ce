// The kit's rate limiter against the real Redis (and its in-process stand-in): attempts are
// reserved before they are judged (parallel ones cannot slip past), two processes share counters through Redis,
// and a refusal carries X-RateLimit-style details.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "./errors.ts";
import { createRateLimits, limitedAttempt, RateLimitReason, type RateLimits } from "./rate-limit.ts";

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
  it("reserves attempts before they are judged: of 20 parallel failures 3 are judged; a success forgets the account, refunds the address", async () => {
    const limits = open(redis);
    const account = limits.limiter({ ...policy, reason: RateLimitReason.LoginLocked, forgetOnSuccess: true });
    const address = limits.limiter({ name: "address", points: 10, windowSeconds: 60, reason: RateLimitReason.TooManyFailures });
    let judged = 0;
    const slowFailure = async () => {
      judged++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return null;
    };
    const wrong = () => new AppError(ErrorCode.Unauthenticated, "wrong");
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        limitedAttempt(
          [
            [account, "alice"],
            [address, "10.0.0.1"],
          ],
          slowFailure,
          wrong,
        ),
      ),
    );
    expect(judged).toBe(3);
    const refused = results.map((r) => (r.status === "rejected" ? (r.reason as AppError) : null)).filter((e) => e?.code === ErrorCode.RateLimited);
    expect(refused).toHaveLength(17);
    expect(refused[0]?.details).toMatchObject({ reason: "LOGIN_LOCKED", limit: 3, remaining: 0 });
    expect(refused[0]?.message).toMatch(/this account/);
    expect(refused[0]?.details.retryAfter).toBeGreaterThan(0);
    expect(Date.parse(String(refused[0]?.details.resetAt))).toBeGreaterThan(Date.now());
    // The 17 refusals gave their address points back: only the 3 judged failures count there.
    expect((await address.consume("10.0.0.1")).remaining).toBe(6);
    await address.refund("10.0.0.1");

    const bob = () =>
      limitedAttempt(
        [
          [account, "bob"],
          [address, "10.0.0.1"],
        ],
        async () => "bob",
        wrong,
      );
    await limitedAttempt(
      [
        [account, "bob"],
        [address, "10.0.0.1"],
      ],
      async () => null,
      wrong,
    ).catch(() => undefined);
    expect(await bob()).toBe("bob");
    // Bob's success forgot his failure, and gave the address this attempt's point back, not the earlier failures.
    expect((await account.consume("bob")).remaining).toBe(2);
    expect((await address.consume("10.0.0.1")).remaining).toBe(5);
  });

  it("an attempt that throws gives its points back", async () => {
    const limiter = open(redis).limiter({ ...policy, name: "throws" });
    for (let i = 0; i < 5; i++) {
      await limitedAttempt(
        [[limiter, "k"]],
        () => Promise.reject(new Error("database down")),
        () => new AppError(ErrorCode.Unauthenticated, "wrong"),
      ).catch(() => undefined);
    }
    expect((await limiter.consume("k")).remaining).toBe(2);
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
    await first.consume("carol");
    await second.consume("carol");
    await first.consume("carol");
    expect((await refusal(second.consume("carol")))?.code).toBe(ErrorCode.RateLimited);
    await elsewhere.consume("carol");
    // Without Redis each process counts alone (the embedded default runs one process).
    const [alone1, alone2] = [open(false, prefix).limiter(policy), open(false, prefix).limiter(policy)];
    for (let i = 0; i < 3; i++) await alone1.consume("dave");
    await alone2.consume("dave");
  });
});
