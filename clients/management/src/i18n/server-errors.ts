// The server's stable error codes (`extensions.code`) and the reasons of a RATE_LIMITED refusal
// (`extensions.reason`) that the app words in the reader's language. The wording lives in each
// dictionary (sk.ts, en.ts) under `errors`; a code missing there fails the typecheck.

export const SERVER_ERROR_CODES = [
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "RATE_LIMITED",
  "QUERY_TOO_COMPLEX",
  "QUERY_TOO_LARGE",
  "PAYLOAD_TOO_LARGE",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "SERVICE_UNAVAILABLE",
  "INTERNAL_SERVER_ERROR",
  /** Not the server's: no answer came (offline, the gateway down). */
  "NETWORK",
] as const;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

/**
 * Why a RATE_LIMITED refusal was made (the kit's RateLimitReason and the gateway's subscription
 * limit). TOO_MANY_REQUESTS says no more than the code, so it reads as the code (or as the
 * screen's own wording for RATE_LIMITED: "too many inquiries in the last hour").
 */
export const RATE_LIMIT_REASONS = ["LOGIN_LOCKED", "TOO_MANY_FAILURES", "QUOTA_EXCEEDED", "TOO_MANY_SUBSCRIPTIONS"] as const;
export type RateLimitReason = (typeof RATE_LIMIT_REASONS)[number];

export interface ServerErrorMessages {
  codes: Record<ServerErrorCode, string>;
  reasons: Record<RateLimitReason, string>;
  /** Appended to a rate-limit message when the server says how long to wait. */
  retryAfter: (seconds: number) => string;
  /** A code this app does not know yet. */
  other: string;
}
