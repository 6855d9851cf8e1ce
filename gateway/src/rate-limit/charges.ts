// The counters behind the gateway's limits: rate-limiter-flexible through the kit's RateLimits
// (atomic counters in Redis shared by every gateway replica when REDIS_URL is set, in-process
// otherwise, and in-process while Redis is down rather than no limit at all).
import { AppError, ErrorCode, type RateLimits, type RateLimitReason, type RateLimitState } from "@ppt/server-kit/edge";
import type { Payer } from "./payer.ts";

export interface Charge {
  allowed: boolean;
  reason: RateLimitReason;
  state: RateLimitState;
  /** The refusal's message (only when not allowed). */
  message?: string;
}

/** Points, per window, under one counter namespace. */
export interface Budget {
  name: string;
  points: number;
  windowSeconds: number;
  reason: RateLimitReason;
}

export async function charge(rateLimits: RateLimits, budget: Budget, key: string, points: number): Promise<Charge> {
  const limiter = rateLimits.limiter({ name: budget.name, points: budget.points, windowSeconds: budget.windowSeconds, reason: budget.reason });
  try {
    return { allowed: true, reason: budget.reason, state: await limiter.consume(key, points) };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== ErrorCode.RateLimited) throw error;
    const { reason: _reason, ...state } = error.details as unknown as RateLimitState & { reason: RateLimitReason };
    return { allowed: false, reason: budget.reason, state, message: error.message };
  }
}

/** A payer's request budget (one namespace per tier and, for partners, per quota: a changed quota starts afresh). */
export function requestBudget(payer: Payer, windowSeconds: number): Budget {
  const name = payer.kind === "partner" ? `gw-partner-${payer.points}` : `gw-${payer.kind}`;
  return { name, points: payer.points, windowSeconds, reason: payer.reason };
}
