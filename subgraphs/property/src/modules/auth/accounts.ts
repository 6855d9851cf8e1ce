// Accounts: registration with email verification, password reset and change. One-time tokens
// are single-use, expire, and are stored only as digests; the raw token reaches the person
// through the outbox (the notifications worker emails it). Answers never reveal whether an
// address has an account.
import { randomUUID } from "node:crypto";
import type { OneTimeTokenPurpose, User } from "@ppt/db/client";
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
  requireCaller,
  reserveAttempt,
  requireUser,
  verifyPassword,
  writeOutboxEvent,
  type Tx,
} from "@ppt/server-kit";
import { z } from "zod";
import type { PropertyContext } from "../../context.ts";
import { recordAccountEvent } from "./account-events.ts";
import { ipKey } from "./client-key.ts";
import { accountView, revokeFamilies, startSession, type AccountView, type AuthPayloadView } from "./sessions.ts";

const TOKEN_TTL_MS: Record<OneTimeTokenPurpose, number> = {
  EMAIL_VERIFICATION: 24 * 3600 * 1000,
  PASSWORD_RESET: 3600 * 1000,
  MFA_CHALLENGE: 5 * 60 * 1000,
};

/** A new one-time token; earlier unused ones of the same purpose stop working. */
async function issueOneTimeToken(tx: Tx, userId: string, purpose: OneTimeTokenPurpose): Promise<string> {
  const now = new Date();
  await tx.oneTimeToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
  const token = randomToken();
  await tx.oneTimeToken.create({ data: { userId, purpose, tokenHash: digest(token), expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]) } });
  return token;
}

/** Uses up a one-time token (exactly once, even under concurrent use) and returns its account. */
async function useOneTimeToken(tx: Tx, token: string, purpose: OneTimeTokenPurpose): Promise<User | null> {
  const now = new Date();
  const row = await tx.oneTimeToken.findUnique({ where: { tokenHash: digest(token) } });
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt <= now) return null;
  const used = await tx.oneTimeToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
  if (used.count !== 1) return null;
  return tx.user.findUnique({ where: { id: row.userId } });
}

const invalidToken = () => AppError.badInput("Invalid or expired token", { field: "token" });

// ---------------------------------------------------------------------------------------------
// Registration

const registerSchema = z.object({
  email: z.email().max(255),
  password: passwordSchema,
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  language: z.enum(["sk", "cs", "en", "de", "hu", "uk"]).nullish(),
});

export async function register(ctx: PropertyContext, input: unknown): Promise<boolean> {
  const data = parseInput(registerSchema, input);
  await ctx.auth.limits.registrations.consume(ipKey(ctx));
  const email = normalizeEmail(data.email);
  const passwordHash = await hashPassword(data.password);
  await ctx.db.write(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email } });
    if (existing) {
      // Same answer as for a new address; the address's owner hears about it by email
      // (and an unverified account gets a fresh verification link).
      const token = existing.status === "PENDING" ? await issueOneTimeToken(tx, existing.id, "EMAIL_VERIFICATION") : null;
      await recordAccountEvent(tx, ctx, null, {
        action: "user.registration_repeated",
        entityType: "user",
        entityId: existing.id,
        notify: token
          ? { eventType: "user.email_verification_requested", payload: { userId: existing.id, token } }
          : { eventType: "user.registration_attempted", payload: { userId: existing.id } },
      });
      return;
    }
    const user = await tx.user.create({
      data: {
        email,
        passwordHash,
        firstName: data.firstName,
        lastName: data.lastName,
        language: data.language ?? "sk",
        status: "PENDING",
        passwordChangedAt: new Date(),
      },
    });
    const token = await issueOneTimeToken(tx, user.id, "EMAIL_VERIFICATION");
    await recordAccountEvent(
      tx,
      ctx,
      { userId: user.id, organizationId: null },
      {
        action: "user.registered",
        entityType: "user",
        entityId: user.id,
        notify: { eventType: "user.email_verification_requested", payload: { userId: user.id, token } },
      },
    );
  });
  return true;
}

export async function verifyEmail(ctx: PropertyContext, token: string): Promise<boolean> {
  await ctx.db.write(async (tx) => {
    const user = await useOneTimeToken(tx, token, "EMAIL_VERIFICATION");
    if (!user) throw invalidToken();
    await tx.user.update({
      where: { id: user.id },
      data: { emailVerifiedAt: user.emailVerifiedAt ?? new Date(), ...(user.status === "PENDING" ? { status: "ACTIVE" } : {}) },
    });
    await recordAccountEvent(tx, ctx, { userId: user.id, organizationId: null }, { action: "user.email_verified", entityType: "user", entityId: user.id });
  });
  return true;
}

// ---------------------------------------------------------------------------------------------
// Password reset and change

export async function requestPasswordReset(ctx: PropertyContext, rawEmail: string): Promise<boolean> {
  const email = normalizeEmail(rawEmail);
  // Counted whether or not the address has an account, so the limit reveals nothing either.
  await ctx.auth.limits.resetRequests.consume(`email:${email}`);
  await ctx.auth.limits.failuresByIp.ensureAvailable(ipKey(ctx));
  await ctx.db.write(async (tx) => {
    const user = await tx.user.findUnique({ where: { email } });
    if (!user || (user.status !== "ACTIVE" && user.status !== "PENDING")) {
      // The same work either way (one transaction, one outbox row): timing tells nothing.
      // The worker may tell the address that it has no account here.
      await writeOutboxEvent(tx, { aggregateType: "user", aggregateId: randomUUID(), eventType: "user.password_reset_unknown_address", payload: { email } });
      return;
    }
    const token = await issueOneTimeToken(tx, user.id, "PASSWORD_RESET");
    await recordAccountEvent(
      tx,
      ctx,
      { userId: user.id, organizationId: null },
      {
        action: "user.password_reset_requested",
        entityType: "user",
        entityId: user.id,
        notify: { eventType: "user.password_reset_requested", payload: { userId: user.id, token } },
      },
    );
  });
  return true;
}

/** Sets a new password; every session ends and every earlier access token is refused. */
async function setPassword(tx: Tx, ctx: PropertyContext, user: User, passwordHash: string, reason: string): Promise<void> {
  const now = new Date();
  await tx.user.update({
    where: { id: user.id },
    data: {
      passwordHash,
      passwordChangedAt: now,
      tokensValidAfter: now,
      // The reset link reached the address: that verifies it.
      ...(reason === "password_reset"
        ? { emailVerifiedAt: user.emailVerifiedAt ?? now, ...(user.status === "PENDING" ? { status: "ACTIVE" as const } : {}) }
        : {}),
    },
  });
  await revokeFamilies(tx, { userId: user.id }, reason);
  await recordAccountEvent(
    tx,
    ctx,
    { userId: user.id, organizationId: ctx.caller?.organizationId ?? null },
    {
      action: "user.password_changed",
      entityType: "user",
      entityId: user.id,
      diff: { reason },
      notify: { eventType: "user.password_changed", payload: { userId: user.id } },
    },
  );
}

export async function resetPassword(ctx: PropertyContext, token: string, newPassword: string): Promise<boolean> {
  const password = parseInput(passwordSchema, newPassword, "newPassword");
  const { failuresByIp, loginAccount } = ctx.auth.limits;
  // A wrong token counts against the address; the point is taken before the token is looked at.
  const attempt = await reserveAttempt([[failuresByIp, ipKey(ctx)]]);
  const passwordHash = await hashPassword(password);
  const user = await ctx.db
    .write(async (tx) => {
      const found = await useOneTimeToken(tx, token, "PASSWORD_RESET");
      if (!found || (found.status !== "ACTIVE" && found.status !== "PENDING")) throw invalidToken();
      await setPassword(tx, ctx, found, passwordHash, "password_reset");
      return found;
    })
    .catch(async (error: unknown) => {
      if (!(error instanceof AppError && error.details.field === "token")) await attempt.abandoned();
      throw error;
    });
  await attempt.succeeded();
  await announceSignInsEnded(ctx.events.pubsub, [{ userId: user.id }]);
  // Whoever locked the account out by guessing no longer keeps its owner out.
  await loginAccount.reset(`email:${user.email}`);
  return true;
}

export async function changePassword(ctx: PropertyContext, currentPassword: string, newPassword: string): Promise<AuthPayloadView> {
  requireUser(ctx.caller);
  const caller = ctx.caller;
  const password = parseInput(passwordSchema, newPassword, "newPassword");
  const user = await limitedAttempt(
    [[ctx.auth.limits.loginAccount, `change:${caller.userId}`]],
    async () => {
      const found = await ctx.db.read((tx) => tx.user.findUniqueOrThrow({ where: { id: caller.userId } }));
      return (await verifyPassword(found.passwordHash, currentPassword)) ? found : null;
    },
    () => AppError.badInput("The current password is wrong", { field: "currentPassword" }),
  );
  const passwordHash = await hashPassword(password);
  const payload = await ctx.db.write(async (tx) => {
    await setPassword(tx, ctx, user, passwordHash, "password_change");
    return startSession(ctx, tx, user, caller.organizationId, "password_change");
  });
  // Every earlier sign-in ended; the new session's own subscriptions pass the re-check.
  await announceSignInsEnded(ctx.events.pubsub, [{ userId: user.id }]);
  return payload;
}

/** The signed-in person's account; null for partner clients (they are not people). */
export async function me(ctx: PropertyContext): Promise<AccountView | null> {
  requireCaller(ctx.caller);
  if (ctx.caller.clientId) return null;
  const userId = ctx.caller.userId;
  const user = await ctx.db.read((tx) => tx.user.findUnique({ where: { id: userId } }));
  return user ? accountView(user) : null;
}
