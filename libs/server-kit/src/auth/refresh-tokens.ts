// Refresh-token rotation, the rule both account stores (identity.sessions, reality.portal_sessions)
// follow. One login = one family of refresh tokens; every refresh retires the presented token and
// issues its successor. Presenting a retired token again means it leaked (or a client lost the
// answer): after a short grace window the whole family is revoked; within it the retry is refused
// without punishing anyone. Access tokens carry `sid` = the family id.

export const REFRESH_TOKEN_TTL_MS = 7 * 24 * 3600 * 1000;
/** A client that retries a refresh whose answer it lost gets CONFLICT, not a revoked session. */
export const REFRESH_REUSE_GRACE_MS = 10_000;

export interface RefreshTokenRow {
  rotatedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

/**
 * What a presented refresh token is: `invalid` (unknown, revoked, expired), `retried` (rotated
 * moments ago: refuse with CONFLICT), `reused` (rotated earlier: revoke the family), or `current`.
 */
export function presentedRefreshToken(row: RefreshTokenRow | null, now = Date.now()): "invalid" | "retried" | "reused" | "current" {
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now) return "invalid";
  if (!row.rotatedAt) return "current";
  return now - row.rotatedAt.getTime() <= REFRESH_REUSE_GRACE_MS ? "retried" : "reused";
}
