// Rate limits shared by every replica: counters in Redis (rate-limiter-flexible's atomic Lua
// counters) when REDIS_URL is set, so a limit holds across processes; in-process counters in the
// embedded default. A Redis outage falls back to per-process counters (the library's insurance
// limiter) rather than turning every login into an error or every limit off.
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError, ErrorCode } from "./errors.ts";
import type { Logger } from "./logger.ts";

export interface RateLimitPolicy {
  /** Part of the counter keys: one namespace per policy (e.g. "login-account"). */
  name: string;
  /** How many points a key may use per window. */
  points: number;
  windowSeconds: number;
  /** Once exhausted, the key stays refused this long (default: the rest of the window). */
  blockSeconds?: number;
}

/** X-RateLimit-* semantics, in the error's extensions. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the key may try again (or until the window resets). */
  retryAfter: number;
  resetAt: string;
}

export class RateLimiter {
  constructor(
    readonly policy: RateLimitPolicy,
    private readonly counter: RateLimiterAbstract,
  ) {}

  private state(res: RateLimiterRes | null): RateLimitState {
    const ms = res?.msBeforeNext ?? 0;
    return {
      limit: this.policy.points,
      remaining: Math.max(0, this.policy.points - (res?.consumedPoints ?? 0)),
      retryAfter: Math.ceil(ms / 1000),
      resetAt: new Date(Date.now() + ms).toISOString(),
    };
  }

  private refused(res: RateLimiterRes | null): AppError {
    return new AppError(ErrorCode.RateLimited, "Too many attempts, try again later", { ...this.state(res), remaining: 0 });
  }

  /** Throws RATE_LIMITED when the key has nothing left, without using a point (e.g. before checking a password). */
  async ensureAvailable(key: string): Promise<void> {
    const res = await this.counter.get(key);
    if (res && res.consumedPoints >= this.policy.points) throw this.refused(res);
  }

  /** Uses a point; throws RATE_LIMITED when none was left (e.g. a request against a quota). */
  async consume(key: string, points = 1): Promise<RateLimitState> {
    try {
      return this.state(await this.counter.consume(key, points));
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw this.refused(rejection);
      throw rejection;
    }
  }

  /** Uses a point when one is left: true, else false (e.g. counting a listing view once per visitor). */
  async tryConsume(key: string): Promise<boolean> {
    try {
      await this.counter.consume(key, 1);
      return true;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return false;
      throw rejection;
    }
  }

  /** Counts a failure (a wrong password): never throws for being over the limit. */
  async penalize(key: string): Promise<RateLimitState> {
    try {
      return this.state(await this.counter.consume(key, 1));
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return this.state(rejection);
      throw rejection;
    }
  }

  /** Forgets a key's failures (a successful login). */
  async reset(key: string): Promise<void> {
    await this.counter.delete(key);
  }
}

export interface RateLimitsOptions {
  redisUrl: string | null;
  /** Prefix of every counter key (the deployment's Redis key prefix; tests use a unique one). */
  prefix: string;
  logger?: Logger;
}

/** One per process: one Redis connection for every policy's counters. */
export class RateLimits {
  private readonly redis: Redis | null;
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(private readonly options: RateLimitsOptions) {
    this.redis = options.redisUrl ? new Redis(options.redisUrl, { maxRetriesPerRequest: 1 }) : null;
    this.redis?.on("error", (error) => options.logger?.warn({ err: error }, "redis rate-limit connection error"));
  }

  /** The limiter of a policy (created once; later calls with the same name return it). */
  limiter(policy: RateLimitPolicy): RateLimiter {
    const existing = this.limiters.get(policy.name);
    if (existing) return existing;
    const settings = {
      keyPrefix: `${this.options.prefix}rl:${policy.name}`,
      points: policy.points,
      duration: policy.windowSeconds,
      blockDuration: policy.blockSeconds ?? 0,
    };
    const memory = new RateLimiterMemory(settings);
    const counter = this.redis ? new RateLimiterRedis({ ...settings, storeClient: this.redis, insuranceLimiter: memory }) : memory;
    const limiter = new RateLimiter(policy, counter);
    this.limiters.set(policy.name, limiter);
    return limiter;
  }

  async close(): Promise<void> {
    this.redis?.disconnect();
  }
}

export function createRateLimits(options: RateLimitsOptions): RateLimits {
  return new RateLimits(options);
}

/** The sign-in limits every account store applies (property and portal keep separate counters). */
export const signInPolicies = {
  /** Failed logins per account: the 6th attempt within the minute is refused, right password or not. */
  loginAccount: { points: 5, windowSeconds: 60, blockSeconds: 60 },
  /** Failed attempts (logins, codes, tokens, secrets) per client address. */
  failuresByIp: { points: 30, windowSeconds: 300, blockSeconds: 300 },
  /** Registrations per client address. */
  registrations: { points: 20, windowSeconds: 3600 },
  /** Password-reset emails per address asked for. */
  resetRequests: { points: 5, windowSeconds: 900 },
} satisfies Record<string, Omit<RateLimitPolicy, "name">>;

/**
 * A guarded attempt (a password, a code): refused when any counter is exhausted; a failure
 * (`run` gives null) counts on every counter; a success forgets the first counter's failures.
 */
export async function limitedAttempt<T>(limiters: [RateLimiter, string][], run: () => Promise<T | null>, failure: () => AppError): Promise<T> {
  for (const [limiter, key] of limiters) await limiter.ensureAvailable(key);
  const result = await run();
  if (result === null) {
    await Promise.all(limiters.map(([limiter, key]) => limiter.penalize(key)));
    throw failure();
  }
  await limiters[0]![0].reset(limiters[0]![1]);
  return result;
}
