// Portal sessions: the same refresh-token rotation as property accounts (the kit's rule in
// auth/refresh-tokens.ts) over reality.portal_sessions, and access tokens of audience "portal"
// signed with the one issuer's key. Whether a portal token's sign-in still stands is the kit's
// checkSignIn, the same rule for every audience in both subgraphs.
import { randomUUID } from "node:crypto";
import type { PortalSession, PortalUser } from "@ppt/db/client";
import {
  announceSignInsEnded,
  ACCESS_TOKEN_TTL_SECONDS,
  AppError,
  digest,
  presentedRefreshToken,
  randomToken,
  REFRESH_TOKEN_TTL_MS,
  type Tx,
} from "@ppt/server-kit";
import type { RealityContext } from "../../context.ts";
import { requirePortalUser } from "../../shared/portal-user.ts";
import { inTransaction } from "../../shared/transaction.ts";

export interface PortalAuthPayloadView {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  refreshTokenExpiresAt: Date;
  user: PortalUser;
}

/** The next refresh token of a family (or the first of a new one) and an access token for it. */
async function issueTokens(ctx: RealityContext, tx: Tx, user: PortalUser, previous: PortalSession | null): Promise<PortalAuthPayloadView> {
  const id = randomUUID();
  const familyId = previous?.familyId ?? id;
  const refreshToken = randomToken();
  const now = new Date();
  const refreshTokenExpiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_MS);
  const accessToken = await ctx.auth.signer().sign({ sub: user.id, aud: "portal", sid: familyId });
  await tx.portalSession.create({
    data: {
      id,
      familyId,
      portalUserId: user.id,
      tokenHash: digest(refreshToken),
      previousTokenHash: previous?.tokenHash ?? null,
      expiresAt: refreshTokenExpiresAt,
      userAgent: ctx.userAgent,
      ip: ctx.clientIp,
      lastUsedAt: now,
      createdAt: now,
    },
  });
  return { accessToken, refreshToken, expiresAt: new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000), refreshTokenExpiresAt, user };
}

/** A new session after a successful sign-in (password or a provider). */
export async function startPortalSession(ctx: RealityContext, tx: Tx, user: PortalUser): Promise<PortalAuthPayloadView> {
  const payload = await issueTokens(ctx, tx, user, null);
  await tx.portalUser.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return payload;
}

export async function revokePortalSessions(tx: Tx, where: { portalUserId: string; familyId?: string }, reason: string): Promise<number> {
  const result = await tx.portalSession.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: reason } });
  return result.count;
}

const invalidRefreshToken = () => AppError.unauthenticated("Invalid or expired refresh token");

/** Rotation: the presented token retires and its successor is returned, in one transaction. */
export async function refreshPortalSession(ctx: RealityContext, presented: string): Promise<PortalAuthPayloadView> {
  let stolen: { userId: string; sessionId: string } | null = null;
  const outcome = await inTransaction(ctx, async (tx): Promise<PortalAuthPayloadView | "reused"> => {
    const row = await tx.portalSession.findUnique({ where: { tokenHash: digest(presented) } });
    const now = Date.now();
    const state = presentedRefreshToken(row, now);
    if (state === "invalid" || !row) throw invalidRefreshToken();
    if (state === "retried") throw AppError.conflict("This refresh token was just used: use the newest one");
    if (state === "reused") {
      // Replay of a retired token: whoever holds the family's tokens is not to be trusted.
      await revokePortalSessions(tx, { portalUserId: row.portalUserId, familyId: row.familyId }, "refresh_token_reuse");
      ctx.logger.warn({ familyId: row.familyId }, "portal refresh token reused: session revoked");
      stolen = { userId: row.portalUserId, sessionId: row.familyId };
      return "reused";
    }
    // Two concurrent refreshes with one token: exactly one wins the retirement.
    const retired = await tx.portalSession.updateMany({
      where: { id: row.id, rotatedAt: null, revokedAt: null },
      data: { rotatedAt: new Date(now), lastUsedAt: new Date(now) },
    });
    if (retired.count !== 1) throw AppError.conflict("This refresh token was just used: use the newest one");
    const user = await tx.portalUser.findUnique({ where: { id: row.portalUserId } });
    if (!user || user.status !== "ACTIVE") throw invalidRefreshToken();
    return issueTokens(ctx, tx, user, row);
  });
  // The revocation above is committed before the caller hears about it.
  if (stolen) await announceSignInsEnded(ctx.pubsub, [stolen]);
  if (outcome === "reused") throw invalidRefreshToken();
  return outcome;
}

/** Ends the session of the access token, or the one a refresh token belongs to. */
export async function portalLogout(ctx: RealityContext, refreshToken: string | null | undefined): Promise<boolean> {
  const ended = await inTransaction(ctx, async (tx) => {
    if (refreshToken) {
      const row = await tx.portalSession.findUnique({ where: { tokenHash: digest(refreshToken) }, select: { portalUserId: true, familyId: true } });
      if (!row) throw invalidRefreshToken();
      await revokePortalSessions(tx, row, "logout");
      return row;
    }
    const portalUserId = requirePortalUser(ctx);
    // A token without a session (a development token) has nothing to end.
    if (!ctx.caller?.sessionId) return null;
    await revokePortalSessions(tx, { portalUserId, familyId: ctx.caller.sessionId }, "logout");
    return { portalUserId, familyId: ctx.caller.sessionId };
  });
  if (ended) await announceSignInsEnded(ctx.pubsub, [{ userId: ended.portalUserId, sessionId: ended.familyId }]);
  return true;
}
