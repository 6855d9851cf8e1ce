// Sessions: one login = one session (a "family" of refresh tokens). Every refresh issues a new
// refresh token (a new row of the family) and retires the one presented. Presenting a retired
// token again means it leaked (or a client lost the answer): after a short grace window the
// whole family is revoked; within it the retry is refused without punishing anyone.
// Access tokens carry `sid` = the family id (= the id of its first row); revocation always
// revokes every row of a family, so the per-request check reads that one row.
import { randomUUID } from "node:crypto";
import type { Session, User } from "@ppt/db/client";
import {
  announceSignInsEnded,
  ACCESS_TOKEN_TTL_SECONDS,
  AppError,
  digest,
  isUuid,
  presentedRefreshToken,
  randomToken,
  REFRESH_TOKEN_TTL_MS,
  requireUser,
  type Tx,
} from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { recordAccountEvent } from "./account-events.ts";

export interface AccountView {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  language: string;
  emailVerified: boolean;
  mfaEnabled: boolean;
}

export function accountView(user: User): AccountView {
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    language: user.language,
    emailVerified: user.emailVerifiedAt !== null,
    mfaEnabled: user.mfaEnabled,
  };
}

export interface AuthPayloadView {
  accessToken: string | null;
  refreshToken: string | null;
  expiresAt: Date | null;
  refreshTokenExpiresAt: Date | null;
  user: AccountView | null;
  organizationId: string | null;
  mfaRequired: boolean;
  mfaToken: string | null;
}

/** Signs an access token for the user acting in the organization (roles read from the membership now). */
async function signAccessToken(ctx: PropertyContext, tx: Tx, userId: string, organizationId: string | null, sessionId: string) {
  const roles = organizationId ? await ctx.services.memberships.membershipRoles(tx, userId, organizationId) : null;
  // A membership that ended meanwhile: the session goes on without an organization.
  const org = roles ? organizationId : null;
  const accessToken = await ctx.auth
    .signer()
    .sign({ sub: userId, aud: "ppt", org, roles: roles ?? [], permissions: ctx.services.memberships.permissionsOf(roles ?? []), sid: sessionId });
  return { accessToken, organizationId: org, expiresAt: new Date(Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000) };
}

interface NewRefreshToken {
  familyId: string | null;
  previous: Session | null;
}

/** Writes the next refresh token of a family (or the first of a new family) and the access token for it. */
async function issueTokens(ctx: PropertyContext, tx: Tx, user: User, organizationId: string | null, chain: NewRefreshToken): Promise<AuthPayloadView> {
  const id = randomUUID();
  const familyId = chain.familyId ?? id;
  const refreshToken = randomToken();
  const now = new Date();
  const refreshTokenExpiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_MS);
  const access = await signAccessToken(ctx, tx, user.id, organizationId, familyId);
  await tx.session.create({
    data: {
      id,
      familyId,
      userId: user.id,
      organizationId: access.organizationId,
      tokenHash: digest(refreshToken),
      previousTokenHash: chain.previous?.tokenHash ?? null,
      expiresAt: refreshTokenExpiresAt,
      userAgent: ctx.userAgent,
      ip: ctx.clientIp,
      lastUsedAt: now,
      createdAt: now,
    },
  });
  return {
    accessToken: access.accessToken,
    refreshToken,
    expiresAt: access.expiresAt,
    refreshTokenExpiresAt,
    user: accountView(user),
    organizationId: access.organizationId,
    mfaRequired: false,
    mfaToken: null,
  };
}

/** A new session after a successful login (password, MFA, password change). */
export async function startSession(ctx: PropertyContext, tx: Tx, user: User, organizationId: string | null, how: string): Promise<AuthPayloadView> {
  // A sign-in from a device (user agent) this account never signed in from before, when it has
  // signed in before at all: the person is told (security mail, never muted or delayed).
  const known = await tx.session.findFirst({ where: { userId: user.id }, select: { id: true } });
  const sameDevice = known ? await tx.session.findFirst({ where: { userId: user.id, userAgent: ctx.userAgent }, select: { id: true } }) : null;
  const payload = await issueTokens(ctx, tx, user, organizationId, { familyId: null, previous: null });
  await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  if (known && !sameDevice)
    await recordAccountEvent(
      tx,
      ctx,
      { userId: user.id, organizationId: payload.organizationId },
      {
        action: "session.new_device",
        entityType: "user",
        entityId: user.id,
        notify: {
          eventType: "user.new_device_sign_in",
          payload: { userId: user.id, device: (ctx.userAgent ?? "").slice(0, 200), at: new Date().toISOString() },
        },
      },
    );
  await recordAccountEvent(
    tx,
    ctx,
    { userId: user.id, organizationId: payload.organizationId },
    { action: "session.started", entityType: "user", entityId: user.id, diff: { how } },
  );
  return payload;
}

export async function revokeFamilies(tx: Tx, where: { userId: string; familyId?: string; organizationId?: string }, reason: string): Promise<number> {
  const result = await tx.session.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: reason } });
  return result.count;
}

/** Rotation: the presented token is retired and its successor returned, in one transaction. */
export async function refreshSession(ctx: PropertyContext, presented: string): Promise<AuthPayloadView> {
  let stolen: { userId: string; sessionId: string } | null = null;
  const outcome = await ctx.db.write(async (tx): Promise<AuthPayloadView | "reused"> => {
    const row = await tx.session.findUnique({ where: { tokenHash: digest(presented) } });
    const now = Date.now();
    const state = presentedRefreshToken(row, now);
    if (state === "invalid" || !row) throw AppError.unauthenticated("Invalid or expired refresh token");
    if (state === "retried") throw AppError.conflict("This refresh token was just used: use the newest one");
    if (state === "reused") {
      // Replay of a retired token: whoever holds the family's tokens is not to be trusted.
      await revokeFamilies(tx, { userId: row.userId, familyId: row.familyId }, "refresh_token_reuse");
      await recordAccountEvent(
        tx,
        ctx,
        { userId: row.userId, organizationId: row.organizationId },
        { action: "session.reuse_detected", entityType: "session", entityId: row.familyId },
      );
      stolen = { userId: row.userId, sessionId: row.familyId };
      return "reused";
    }
    // Two concurrent refreshes with one token: exactly one wins the retirement.
    const retired = await tx.session.updateMany({
      where: { id: row.id, rotatedAt: null, revokedAt: null },
      data: { rotatedAt: new Date(now), lastUsedAt: new Date(now) },
    });
    if (retired.count !== 1) throw AppError.conflict("This refresh token was just used: use the newest one");
    const user = await tx.user.findUnique({ where: { id: row.userId } });
    if (!user || user.status !== "ACTIVE") throw AppError.unauthenticated("Invalid or expired refresh token");
    return issueTokens(ctx, tx, user, row.organizationId, { familyId: row.familyId, previous: row });
  });
  // The revocation above is committed before the caller hears about it.
  if (stolen) await announceSignInsEnded(ctx.events.pubsub, [stolen]);
  if (outcome === "reused") throw AppError.unauthenticated("Invalid or expired refresh token");
  return outcome;
}

/** New tokens in another organization, in the same session: the device's previous refresh token retires. */
export async function switchOrganization(ctx: PropertyContext, organizationId: string): Promise<AuthPayloadView> {
  requireUser(ctx.caller);
  const caller = ctx.caller;
  if (!isUuid(organizationId)) throw AppError.notFound("Organization");
  return ctx.db.write(async (tx) => {
    if (!(await ctx.services.memberships.membershipRoles(tx, caller.userId, organizationId))) throw AppError.notFound("Organization");
    const user = await tx.user.findUniqueOrThrow({ where: { id: caller.userId } });
    const current = caller.sessionId
      ? await tx.session.findFirst({ where: { familyId: caller.sessionId, userId: caller.userId, revokedAt: null, rotatedAt: null } })
      : null;
    if (!current) return startSession(ctx, tx, user, organizationId, "switch_organization");
    await tx.session.updateMany({ where: { familyId: current.familyId, rotatedAt: null }, data: { rotatedAt: new Date() } });
    const payload = await issueTokens(ctx, tx, user, organizationId, { familyId: current.familyId, previous: current });
    await recordAccountEvent(
      tx,
      ctx,
      { userId: user.id, organizationId },
      { action: "session.organization_switched", entityType: "session", entityId: current.familyId },
    );
    return payload;
  });
}

/** Ends the session of the access token, or the one a refresh token belongs to. */
export async function logout(ctx: PropertyContext, refreshToken: string | null | undefined): Promise<boolean> {
  const ended = await ctx.db.write(async (tx) => {
    let target: { userId: string; familyId: string } | null = null;
    if (refreshToken) {
      const row = await tx.session.findUnique({ where: { tokenHash: digest(refreshToken) }, select: { userId: true, familyId: true } });
      if (!row) throw AppError.unauthenticated("Invalid or expired refresh token");
      target = row;
    } else {
      requireUser(ctx.caller);
      if (!ctx.caller.sessionId) return null;
      target = { userId: ctx.caller.userId, familyId: ctx.caller.sessionId };
    }
    await revokeFamilies(tx, target, "logout");
    await recordAccountEvent(
      tx,
      ctx,
      { userId: target.userId, organizationId: ctx.caller?.organizationId ?? null },
      { action: "session.logged_out", entityType: "session", entityId: target.familyId },
    );
    return target;
  });
  if (ended) await announceSignInsEnded(ctx.events.pubsub, [{ userId: ended.userId, sessionId: ended.familyId }]);
  return true;
}

/** Every session ends and every access token issued until now is refused (tokens_valid_after). */
export async function logoutAllSessions(ctx: PropertyContext): Promise<boolean> {
  requireUser(ctx.caller);
  const caller = ctx.caller;
  await ctx.db.write(async (tx) => {
    await tx.user.update({ where: { id: caller.userId }, data: { tokensValidAfter: new Date() } });
    const count = await revokeFamilies(tx, { userId: caller.userId }, "logout_all");
    await recordAccountEvent(tx, ctx, "caller", {
      action: "session.logged_out_everywhere",
      entityType: "user",
      entityId: caller.userId,
      diff: { sessions: count },
    });
  });
  await announceSignInsEnded(ctx.events.pubsub, [{ userId: caller.userId }]);
  return true;
}

export interface SessionView {
  id: string;
  current: boolean;
  organizationId: string | null;
  userAgent: string | null;
  ip: string | null;
  signedInAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
}

/** Live sessions: the unretired refresh token of each family (its first row tells when the login happened). */
export async function mySessions(ctx: PropertyContext): Promise<SessionView[]> {
  requireUser(ctx.caller);
  const caller = ctx.caller;
  return ctx.db.read(async (tx) => {
    const heads = await tx.session.findMany({
      where: { userId: caller.userId, revokedAt: null, rotatedAt: null, expiresAt: { gt: new Date() } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 100,
    });
    const firsts = await tx.session.findMany({ where: { id: { in: heads.map((h) => h.familyId) } }, select: { id: true, createdAt: true } });
    const signedIn = new Map(firsts.map((f) => [f.id, f.createdAt]));
    return heads.map((h) => ({
      id: h.familyId,
      current: h.familyId === caller.sessionId,
      organizationId: h.organizationId,
      userAgent: h.userAgent,
      ip: h.ip,
      signedInAt: signedIn.get(h.familyId) ?? h.createdAt,
      lastUsedAt: h.lastUsedAt,
      expiresAt: h.expiresAt,
    }));
  });
}

export async function revokeSession(ctx: PropertyContext, id: string): Promise<boolean> {
  requireUser(ctx.caller);
  const caller = ctx.caller;
  if (!isUuid(id)) throw AppError.notFound("Session");
  await ctx.db.write(async (tx) => {
    const count = await revokeFamilies(tx, { userId: caller.userId, familyId: id }, "revoked_by_user");
    if (count === 0) throw AppError.notFound("Session");
    await recordAccountEvent(tx, ctx, "caller", { action: "session.revoked", entityType: "session", entityId: id });
  });
  await announceSignInsEnded(ctx.events.pubsub, [{ userId: caller.userId, sessionId: id }]);
  return true;
}
