// Portal accounts with email and password: registration with email verification, sign-in,
// the signed-in account. Answers never reveal whether an address has an account: registering
// an address that has one answers the same and only tells the address's owner (by email).
// Verification tokens are single-use, expire and are stored only as digests; the raw token
// reaches the person through the outbox (the notifications worker emails it).
import type { PortalUser } from "@ppt/db/client";
import {
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
import type { RealityContext } from "../../shared/context.ts";
import { requirePortalUser } from "../../shared/portal-user.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { startPortalSession, type PortalAuthPayloadView } from "./sessions.ts";

const EMAIL_VERIFICATION_TTL_MS = 24 * 3600 * 1000;

/** Anonymous flows are limited per client address; without one, all such callers share a key. */
export function ipKey(ctx: RealityContext): string {
  return ctx.clientIp ?? "unknown";
}

/** A new verification token (earlier unused ones stop working), for the outbox to carry. */
async function issueEmailVerification(tx: Tx, portalUserId: string): Promise<void> {
  const now = new Date();
  await tx.portalOneTimeToken.updateMany({ where: { portalUserId, purpose: "EMAIL_VERIFICATION", usedAt: null }, data: { usedAt: now } });
  const token = randomToken();
  await tx.portalOneTimeToken.create({
    data: { portalUserId, purpose: "EMAIL_VERIFICATION", tokenHash: digest(token), expiresAt: new Date(now.getTime() + EMAIL_VERIFICATION_TTL_MS) },
  });
  await writeOutboxEvent(tx, { aggregateType: "portal_user", aggregateId: portalUserId, eventType: "portal_user.email_verification_requested", payload: { portalUserId, token } });
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
      await writeOutboxEvent(tx, { aggregateType: "portal_user", aggregateId: existing.id, eventType: "portal_user.registration_attempted", payload: { portalUserId: existing.id } });
      return;
    }
    const user = await tx.portalUser.create({ data: { email, passwordHash, name: data.displayName, language: data.language ?? "sk", status: "ACTIVE", passwordChangedAt: new Date() } });
    await issueEmailVerification(tx, user.id);
  });
  return true;
}

export async function verifyPortalEmail(ctx: RealityContext, token: string): Promise<boolean> {
  await ctx.auth.limits.failuresByIp.ensureAvailable(ipKey(ctx));
  const verified = await inTransaction(ctx, async (tx) => {
    const now = new Date();
    const row = await tx.portalOneTimeToken.findUnique({ where: { tokenHash: digest(token) } });
    if (!row || row.purpose !== "EMAIL_VERIFICATION" || row.usedAt || row.expiresAt <= now) return false;
    // Exactly once, even when used concurrently.
    const used = await tx.portalOneTimeToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) return false;
    await tx.portalUser.updateMany({ where: { id: row.portalUserId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
    return true;
  });
  if (!verified) {
    await ctx.auth.limits.failuresByIp.penalize(ipKey(ctx));
    throw AppError.badInput("Invalid or expired token", { field: "token" });
  }
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

export async function linkedProviders(ctx: RealityContext, portalUserId: string): Promise<string[]> {
  const rows = await ctx.db.portalSocialAccount.findMany({ where: { portalUserId }, select: { provider: true }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => row.provider.toLowerCase());
}
