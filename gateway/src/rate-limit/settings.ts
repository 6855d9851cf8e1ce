// The gateway's rate limits, read once from the environment (RATE_LIMIT_*; documented in the
// README). Budgets are in points per window: an operation costs its graphql-armor cost divided by
// RATE_LIMIT_COST_PER_POINT (at least 1 point): with the defaults a page of the portal's search
// (12 listings with their cards, armor cost about 2,600) is one point, so an address may run 200
// searches a minute; a page of 50 is four, the largest document the query limits allow (cost
// 20,000) seven.
import { z } from "zod";

export interface RateLimitSettings {
  /** Off only where an operator says so (RATE_LIMIT_ENABLED=false); on by default everywhere. */
  enabled: boolean;
  windowSeconds: number;
  /** Per client address (an IPv6 client by its /64), for callers without a token. */
  anonymousPoints: number;
  /** Per signed-in person. */
  userPoints: number;
  /** Per partner API client whose token carries no plan quota, or when plan quotas are not used here. */
  partnerPoints: number;
  /** Whether a partner's budget is its plan's quota from its token (points per minute, scaled to the window). */
  partnerPlanQuota: boolean;
  /** Armor cost units per point. */
  costPerPoint: number;
  /** graphql-ws connections opened per window, per client address and per caller. */
  wsConnections: number;
  /** Subscriptions started per window, per caller. */
  wsSubscribes: number;
}

const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

const envSchema = z.object({
  RATE_LIMIT_ENABLED: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  RATE_LIMIT_WINDOW_SECONDS: count(60),
  RATE_LIMIT_ANONYMOUS_POINTS: count(200),
  RATE_LIMIT_USER_POINTS: count(1_200),
  RATE_LIMIT_PARTNER_POINTS: count(600),
  RATE_LIMIT_PARTNER_PLAN_QUOTA: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  RATE_LIMIT_COST_PER_POINT: count(3_000),
  RATE_LIMIT_WS_CONNECTIONS: count(30),
  RATE_LIMIT_WS_SUBSCRIBES: count(120),
});

export function loadRateLimitSettings(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): RateLimitSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid rate-limit configuration: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  return {
    enabled: e.RATE_LIMIT_ENABLED,
    windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
    anonymousPoints: e.RATE_LIMIT_ANONYMOUS_POINTS,
    userPoints: e.RATE_LIMIT_USER_POINTS,
    partnerPoints: e.RATE_LIMIT_PARTNER_POINTS,
    partnerPlanQuota: e.RATE_LIMIT_PARTNER_PLAN_QUOTA,
    costPerPoint: e.RATE_LIMIT_COST_PER_POINT,
    wsConnections: e.RATE_LIMIT_WS_CONNECTIONS,
    wsSubscribes: e.RATE_LIMIT_WS_SUBSCRIBES,
  };
}
