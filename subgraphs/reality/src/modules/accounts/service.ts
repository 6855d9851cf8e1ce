// Portal accounts with email and password: registration with email verification, sign-in,
// password reset, the signed-in account. Answers never reveal whether an address has an account: registering
// an address that has one answers the same and only tells the address's owner (by email).
// Verification and reset tokens are single-use, expire and are stored only as digests; the raw
// token reaches the person through the outbox (the notifications worker emails it).
import { randomUUID } from "node:crypto";
import type { PortalTokenPurpose, PortalUser } from "@ppt/db/client";
import {
  announceSignInsEnded,
  AppError,
  digest,
  hashPassword,
  limitedAttempt,
  normalizeEmail,
  parseInput,
  passwordSchema,
  randomToken,
  verifyPassword,
  writeOutboxEvent,
  type Tx,
} from "@ppt/server-kit";
import { z } from "zod";
import type { RealityContext } from "../../context.ts";
import { requirePortalUser } from "../../shared/portal-user.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { revokePortalSessions, startPortalSession, type PortalAuthPayloadView } from "./sessions.ts";

const TOKEN_TTL_MS: Record<PortalTokenPurpose, number> = { EMAIL_VERIFICATION: 24 * 3600 * 1000, PASSWORD_RESET: 3600 * 1000 };
const EVENT_OF: Record<PortalTokenPurpose, string> = {
  EMAIL_VERIFICATION: "portal_user.email_verification_requested",
  PASSWORD_RESET: "portal_user.password_reset_requested",
};

/** Anonymous flows are limited per client address; without one, all such callers share a key. */
export function ipKey(ctx: RealityContext): string {
  return ctx.clientIp ?? "unknown";
}

/** A new one-time token (earlier unused ones of the purpose stop working), for the outbox to carry. */
async function issueOneTimeToken(tx: Tx, portalUserId: string, purpose: PortalTokenPurpose): Promise<void> {
  const now = new Date();
  await tx.portalOneTimeToken.updateMany({ where: { portalUserId, purpose, usedAt: null }, data: { usedAt: now } });
  const token = randomToken();
  await tx.portalOneTimeToken.create({ data: { portalUserId, purpose, tokenHash: digest(token), expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]) } });
  await writeOutboxEvent(tx, { aggregateType: "portal_user", aggregateId: portalUserId, eventType: EVENT_OF[purpose], payload: { portalUserId, token } });
}

/** The token's account when the token is valid for the purpose; it is used up exactly once, even when presented concurrently. */
async function useOneTimeToken(tx: Tx, token: string, purpose: PortalTokenPurpose): Promise<PortalUser | null> {
  const now = new Date();
  const row = await tx.portalOneTimeToken.findUnique({ where: { tokenHash: digest(token) }, include: { portalUser: true } });
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt <= now) return null;
  const used = await tx.portalOneTimeToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
  return used.count === 1 ? row.portalUser : null;
}

const invalidToken = () => AppError.badInput("Invalid or expired token", { field: "token" });

/**
 * A token check: its point on the caller's address is taken before the token is looked at; a
 * wrong token keeps it, a valid one gives it back, an error on the way gives it back.
 */
function tokenAttempt<T>(ctx: RealityContext, run: () => Promise<T | null>): Promise<T> {
  return limitedAttempt([[ctx.auth.limits.failuresByIp, ipKey(ctx)]], run, invalidToken);
}

const registerSchema = z.object({
  email: z.email().max(255),
  password: passwordSchema,
  displayName: z.string().trim().min(1).max(200),
  language: z.enum(["sk", "cs", "en", "de", "hu", "uk"]).nullish(),
});

/** Always true. A new account can sign in at once; its address counts as proven once verified. */
export async function registerPortalUser(ctx: RealityContext, input: unknown): Promise<boolean> {
  const data = parseInput(registerSchema, input);
  await ctx.auth.limits.registrations.consume(ipKey(ctx));
  const email = normalizeEmail(data.email);
  const passwordHash = await hashPassword(data.password);
  await inTransaction(ctx, async (tx) => {
    const existing = await tx.portalUser.findUnique({ where: { email } });
    if (existing) {
      // The password given here is not applied: whoever typed it has not proven the address.
      await writeOutboxEvent(tx, {
        aggregateType: "portal_user",
        aggregateId: existing.id,
        eventType: "portal_user.registration_attempted",
        payload: { portalUserId: existing.id },
      });
      return;
    }
    const user = await tx.portalUser.create({
      data: { email, passwordHash, name: data.displayName, language: data.language ?? "sk", status: "ACTIVE", passwordChangedAt: new Date() },
    });
    await issueOneTimeToken(tx, user.id, "EMAIL_VERIFICATION");
  });
  return true;
}

export async function verifyPortalEmail(ctx: RealityContext, token: string): Promise<boolean> {
  await tokenAttempt(ctx, () =>
    inTransaction(ctx, async (tx) => {
      const user = await useOneTimeToken(tx, token, "EMAIL_VERIFICATION");
      if (user && !user.emailVerifiedAt) await tx.portalUser.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
      return user;
    }),
  );
  return true;
}

/**
 * Always true, known address or not (the limit counts either way, so it tells nothing either).
 * An account that only ever signed in with a provider gets a reset link too: it sets a first password.
 */
export async function requestPortalPasswordReset(ctx: RealityContext, rawEmail: string): Promise<boolean> {
  const email = normalizeEmail(rawEmail);
  await ctx.auth.limits.resetRequests.consume(`email:${email}`);
  await ctx.auth.limits.failuresByIp.ensureAvailable(ipKey(ctx));
  await inTransaction(ctx, async (tx) => {
    const user = await tx.portalUser.findUnique({ where: { email } });
    if (user?.status === "ACTIVE") return issueOneTimeToken(tx, user.id, "PASSWORD_RESET");
    // The same work either way (one transaction, one outbox row): timing tells nothing.
    await writeOutboxEvent(tx, {
      aggregateType: "portal_user",
      aggregateId: randomUUID(),
      eventType: "portal_user.password_reset_unknown_address",
      payload: { email },
    });
  });
  return true;
}

/**
 * Sets the new password; every session of the account ends and every earlier access token is
 * refused. The link reached the address, so the address counts as verified.
 */
export async function resetPortalPassword(ctx: RealityContext, token: string, newPassword: string): Promise<boolean> {
  const password = parseInput(passwordSchema, newPassword, "newPassword");
  const passwordHash = await hashPassword(password);
  const user = await tokenAttempt(ctx, () =>
    inTransaction(ctx, async (tx) => {
      const found = await useOneTimeToken(tx, token, "PASSWORD_RESET");
      if (!found || found.status !== "ACTIVE") return null;
      const now = new Date();
      await tx.portalUser.update({
        where: { id: found.id },
        data: { passwordHash, passwordChangedAt: now, tokensValidAfter: now, emailVerifiedAt: found.emailVerifiedAt ?? now },
      });
      await revokePortalSessions(tx, { portalUserId: found.id }, "password_reset");
      await writeOutboxEvent(tx, {
        aggregateType: "portal_user",
        aggregateId: found.id,
        eventType: "portal_user.password_changed",
        payload: { portalUserId: found.id },
      });
      return found;
    }),
  );
  await announceSignInsEnded(ctx.pubsub, [{ userId: user.id }]);
  // Whoever locked the account out by guessing no longer keeps its owner out.
  await ctx.auth.limits.loginAccount.reset(`email:${user.email}`);
  return true;
}

const loginSchema = z.object({ email: z.string().max(255), password: z.string().max(1024) });

/** Failures count per account and per client address; an exhausted account refuses even the right password. */
export async function portalLogin(ctx: RealityContext, input: unknown): Promise<PortalAuthPayloadView> {
  const { email: rawEmail, password } = parseInput(loginSchema, input);
  const email = normalizeEmail(rawEmail);
  const { loginAccount, failuresByIp } = ctx.auth.limits;
  const user = await limitedAttempt(
    [
      [loginAccount, `email:${email}`],
      [failuresByIp, ipKey(ctx)],
    ],
    async () => {
      const found = await ctx.db.portalUser.findUnique({ where: { email } });
      const ok = await verifyPassword(found?.passwordHash, password);
      return ok && found?.status === "ACTIVE" ? found : null;
    },
    () => AppError.unauthenticated("Wrong email or password"),
  );
  return inTransaction(ctx, (tx) => startPortalSession(ctx, tx, user));
}

/** The signed-in portal account (portal tokens only). */
export async function portalMe(ctx: RealityContext): Promise<PortalUser> {
  const id = requirePortalUser(ctx);
  const user = await ctx.db.portalUser.findUnique({ where: { id } });
  // The request's session check already refused a deleted or suspended account.
  if (!user) throw AppError.unauthenticated("This sign-in is no longer valid");
  return user;
}

/** Portal accounts by id, in the order asked (null for a deleted one): a viewing's requester, batched. */
export async function portalUsersByIds(db: Pick<Tx, "portalUser">, ids: readonly string[]): Promise<(PortalUser | null)[]> {
  const rows = await db.portalUser.findMany({ where: { id: { in: [...ids] } } });
  return ids.map((id) => rows.find((row) => row.id === id) ?? null);
}

/** A portal account by id (other modules: an inquiry's sender, a realtor profile's claimant). */
export function portalUserById(db: Pick<Tx, "portalUser">, id: string): Promise<PortalUser | null> {
  return db.portalUser.findUnique({ where: { id } });
}

export async function linkedProviders(ctx: RealityContext, portalUserId: string): Promise<string[]> {
  const rows = await ctx.db.portalSocialAccount.findMany({ where: { portalUserId }, select: { provider: true }, orderBy: { createdAt: "asc" } });
  // Two identities of one provider (two Google accounts) read as one linked provider.
  return [...new Set(rows.map((row) => row.provider.toLowerCase()))];
}
