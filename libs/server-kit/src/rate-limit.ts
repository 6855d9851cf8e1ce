// Rate limits shared by every replica: counters in Redis (rate-limiter-flexible's atomic Lua
// counters) when REDIS_URL is set, so a limit holds across processes; in-process counters in the
// embedded default. A Redis outage falls back to per-process counters (the library's insurance
// limiter) rather than turning every login into an error or every limit off.
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError, ErrorCode } from "./errors.ts";
import type { Logger } from "./logger.ts";

/**
 * Why a RATE_LIMITED error was raised (its `extensions.reason`; stable, documented in the README):
 * an account locked after failed sign-ins, an address with too many failures, a partner's request
 * quota, or plainly too many requests of one kind (registrations, reset emails, inquiries).
 */
export enum RateLimitReason {
  LoginLocked = "LOGIN_LOCKED",
  TooManyFailures = "TOO_MANY_FAILURES",
  QuotaExceeded = "QUOTA_EXCEEDED",
  TooManyRequests = "TOO_MANY_REQUESTS",
}

export interface RateLimitPolicy {
  /** Part of the counter keys: one namespace per policy (e.g. "login-account"). */
  name: string;
  /** How many points a key may use per window. */
  points: number;
  windowSeconds: number;
  /** Once exhausted, the key stays refused this long (default: the rest of the window). */
  blockSeconds?: number;
  /** What a refusal says (default: too many requests). */
  reason?: RateLimitReason;
  /** A successful attempt forgets the key's failures (the account's owner proved the secret), instead of only giving its own point back. */
  forgetOnSuccess?: boolean;
}

/** X-RateLimit-* semantics, in the error's extensions. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the key may try again (or until the window resets). */
  retryAfter: number;
  resetAt: string;
}

function refusalMessage(policy: RateLimitPolicy, retryAfter: number): string {
  const wait = `try again in ${retryAfter} s`;
  switch (policy.reason ?? RateLimitReason.TooManyRequests) {
    case RateLimitReason.LoginLocked:
      return `Too many failed attempts for this account; ${wait}`;
    case RateLimitReason.TooManyFailures:
      return `Too many failed attempts from this address; ${wait}`;
    case RateLimitReason.QuotaExceeded:
      return `Request quota of ${policy.points} per ${policy.windowSeconds} s used up; ${wait}`;
    case RateLimitReason.TooManyRequests:
      return `Too many requests; ${wait}`;
  }
}

/** A RATE_LIMITED error with its reason and X-RateLimit-style details (also for limits counted outside a RateLimiter). */
export function rateLimitError(reason: RateLimitReason, message: string, state: RateLimitState): AppError {
  return new AppError(ErrorCode.RateLimited, message, { reason, ...state });
}

export class RateLimiter {
  constructor(
    readonly policy: RateLimitPolicy,
    private readonly counter: RateLimiterAbstract,
  ) {}

  private state(res: RateLimiterRes | null): RateLimitState {
    const ms = res?.msBeforeNext ?? 0;
    const at = Date.now() + ms;
    return {
      limit: this.policy.points,
      remaining: Math.max(0, this.policy.points - (res?.consumedPoints ?? 0)),
      retryAfter: Math.ceil(ms / 1000),
      // Formatted only when read (a refusal's details): the gateway charges every request, and
      // formatting a date for each was a visible part of its CPU. Enumerable: spreads and JSON keep it.
      get resetAt() {
        return new Date(at).toISOString();
      },
    };
  }

  private refused(res: RateLimiterRes | null): AppError {
    const state = { ...this.state(res), remaining: 0 };
    return rateLimitError(this.policy.reason ?? RateLimitReason.TooManyRequests, refusalMessage(this.policy, state.retryAfter), state);
  }

  /**
   * Uses a point, atomically (one Redis script, or one step in process); throws RATE_LIMITED when
   * none was left. Checking first and counting later is a race: parallel requests all pass the check.
   */
  async consume(key: string, points = 1): Promise<RateLimitState> {
    try {
      return this.state(await this.counter.consume(key, points));
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw this.refused(rejection);
      throw rejection;
    }
  }

  /**
   * Throws RATE_LIMITED when the key has nothing left, without using a point. Only for refusing
   * what an exhausted key may not do at all: never check here and count later (parallel requests
   * all pass the check); reserve with `reserveAttempt` instead.
   */
  async ensureAvailable(key: string): Promise<void> {
    const res = await this.counter.get(key);
    if (res && res.consumedPoints >= this.policy.points) throw this.refused(res);
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

  /** Gives back a point consumed for an attempt that turned out not to count. */
  async refund(key: string, points = 1): Promise<void> {
    await this.counter.reward(key, points);
  }

  /** Forgets a key's points (a successful login forgets the account's failures). */
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
  /** Attempts per account: at most 5 are evaluated per minute, then every attempt is refused for a minute, right password or not. */
  loginAccount: { points: 5, windowSeconds: 60, blockSeconds: 60, reason: RateLimitReason.LoginLocked, forgetOnSuccess: true },
  /** Failed attempts (logins, codes, tokens, secrets) per client address. */
  failuresByIp: { points: 30, windowSeconds: 300, blockSeconds: 300, reason: RateLimitReason.TooManyFailures },
  /** Registrations per client address. */
  registrations: { points: 20, windowSeconds: 3600, reason: RateLimitReason.TooManyRequests },
  /** Password-reset emails per address asked for. */
  resetRequests: { points: 5, windowSeconds: 900, reason: RateLimitReason.TooManyRequests },
} satisfies Record<string, Omit<RateLimitPolicy, "name">>;

/**
 * An attempt whose point is already taken on every counter. How the points come back:
 * - it failed (a wrong password, code, token or secret): nothing comes back, the failure counts;
 * - it succeeded: a counter whose policy says `forgetOnSuccess` (the account's, the client id's)
 *   forgets every failure, since whoever proved the secret is its owner; every other counter
 *   (the address's) gets this attempt's point back, the address's earlier failures still count;
 * - it could not be judged (an error on the way, not a verdict): every counter gets its point back.
 */
export class ReservedAttempt {
  constructor(private readonly held: readonly (readonly [RateLimiter, string])[]) {}

  async succeeded(): Promise<void> {
    await Promise.all(this.held.map(([limiter, key]) => (limiter.policy.forgetOnSuccess ? limiter.reset(key) : limiter.refund(key))));
  }

  async abandoned(): Promise<void> {
    await Promise.all(this.held.map(([limiter, key]) => limiter.refund(key)));
  }
}

/**
 * Takes one point on every counter BEFORE the slow check (a password hash, a code) runs, so that
 * of N parallel attempts against a limit of L at most L are ever evaluated. Refused (RATE_LIMITED)
 * when any counter has nothing left; the points already taken on the others are given back.
 */
export async function reserveAttempt(limiters: readonly (readonly [RateLimiter, string])[]): Promise<ReservedAttempt> {
  const held: (readonly [RateLimiter, string])[] = [];
  try {
    for (const entry of limiters) {
      await entry[0].consume(entry[1]);
      held.push(entry);
    }
  } catch (error) {
    await new ReservedAttempt(held).abandoned();
    throw error;
  }
  return new ReservedAttempt(held);
}

/**
 * A guarded attempt (a password, a code): reserved on every counter first (see reserveAttempt),
 * then `run` judges it: null is a failure (its points stay used, `failure()` is thrown), a value a
 * success (see ReservedAttempt for what comes back), a thrown error gives the points back.
 */
export async function limitedAttempt<T>(limiters: [RateLimiter, string][], run: () => Promise<T | null>, failure: () => AppError): Promise<T> {
  const attempt = await reserveAttempt(limiters);
  let result: T | null;
  try {
    result = await run();
  } catch (error) {
    await attempt.abandoned();
    throw error;
  }
  if (result === null) throw failure();
  await attempt.succeeded();
  return result;
}
