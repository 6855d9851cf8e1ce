// The limit's state as response headers (the IETF RateLimit header fields: limit, remaining and
// seconds until the window resets, plus the policy), and Retry-After on a refusal.
import type { Charge } from "./charges.ts";

export function rateLimitHeaders(charge: Charge, windowSeconds: number): Record<string, string> {
  const { limit, remaining, retryAfter } = charge.state;
  const headers: Record<string, string> = {
    "ratelimit-limit": String(limit),
    "ratelimit-remaining": String(remaining),
    "ratelimit-reset": String(retryAfter),
    "ratelimit-policy": `${limit};w=${windowSeconds}`,
  };
  if (!charge.allowed) headers["retry-after"] = String(Math.max(1, retryAfter));
  return headers;
}

/** The refusal as a GraphQL error's extensions (the `http` part is Apollo's and never reaches the client). */
export function refusalExtensions(charge: Charge): Record<string, unknown> {
  const { limit, retryAfter, resetAt } = charge.state;
  return { code: "RATE_LIMITED", reason: charge.reason, limit, remaining: 0, retryAfter: Math.max(1, retryAfter), resetAt };
}
