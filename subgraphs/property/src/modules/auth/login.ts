// Signing in: password (Argon2id), then — for accounts with two-factor authentication — a TOTP
// or recovery code against a 5-minute challenge token. Failures count per account and per client
// address (shared by every replica): after 5 failures within a minute the account refuses every
// attempt for a minute, even one with the right password, so guessing gains nothing by speed.
import type { User } from "@ppt/db/client";
import { AppError, digest, isUuid, limitedAttempt, normalizeEmail, parseInput, verifyPassword } from "@ppt/server-kit";
import { z } from "zod";
import type { PropertyContext } from "../../context.ts";
import { ipKey } from "./client-key.ts";
import { secondFactorMatches } from "./mfa.ts";
import { startSession, type AuthPayloadView } from "./sessions.ts";

const MFA_CHALLENGE_TTL_SECONDS = 5 * 60;
const wrongCredentials = () => AppError.unauthenticated("Wrong email or password");

/** The organization to sign in to: the one asked for (if an active membership), else the earliest. */
async function organizationToUse(ctx: PropertyContext, userId: string, requested: string | null | undefined): Promise<string | null> {
  return ctx.db.read(async (tx) => {
    if (requested) {
      if (!isUuid(requested) || !(await ctx.services.memberships.membershipRoles(tx, userId, requested)))
        throw AppError.forbidden("Not a member of that organization");
      return requested;
    }
    return (await ctx.services.memberships.activeMembershipsOf(tx, userId))[0]?.organizationId ?? null;
  });
}

async function signIn(ctx: PropertyContext, user: User, requestedOrg: string | null | undefined, how: string): Promise<AuthPayloadView> {
  const organizationId = await organizationToUse(ctx, user.id, requestedOrg);
  return ctx.db.write((tx) => startSession(ctx, tx, user, organizationId, how));
}

const loginSchema = z.object({ email: z.string().max(255), password: z.string().max(1024), organizationId: z.string().nullish() });

export async function login(ctx: PropertyContext, input: unknown): Promise<AuthPayloadView> {
  const { email: rawEmail, password, organizationId } = parseInput(loginSchema, input);
  const email = normalizeEmail(rawEmail);
  const { loginAccount, failuresByIp } = ctx.auth.limits;
  const user = await limitedAttempt(
    [
      [loginAccount, `email:${email}`],
      [failuresByIp, ipKey(ctx)],
    ],
    async () => {
      const found = await ctx.db.read((tx) => tx.user.findUnique({ where: { email } }));
      const ok = await verifyPassword(found?.passwordHash, password);
      return ok && found && (found.status === "ACTIVE" || found.status === "PENDING") ? found : null;
    },
    wrongCredentials,
  );
  if (user.status === "PENDING") throw AppError.forbidden("Verify your email address first");
  if (user.mfaEnabled) {
    const mfaToken = await ctx.auth.signer().signChallenge(user.id, "ppt-mfa", { org: organizationId ?? null }, MFA_CHALLENGE_TTL_SECONDS);
    return {
      accessToken: null,
      refreshToken: null,
      expiresAt: null,
      refreshTokenExpiresAt: null,
      user: null,
      organizationId: null,
      mfaRequired: true,
      mfaToken,
    };
  }
  return signIn(ctx, user, organizationId, "password");
}

export async function completeMfaLogin(
  ctx: PropertyContext,
  input: { mfaToken: string; code?: string | null; recoveryCode?: string | null },
): Promise<AuthPayloadView> {
  const challenge = await ctx.auth.verifier.verifyChallenge(input.mfaToken, "ppt-mfa");
  if (!input.code && !input.recoveryCode) throw AppError.badInput("Give a code or a recovery code", { field: "code" });
  const { loginAccount, failuresByIp } = ctx.auth.limits;
  const user = await limitedAttempt(
    [
      [loginAccount, `mfa:${challenge.sub}`],
      [failuresByIp, ipKey(ctx)],
    ],
    () =>
      ctx.db.write(async (tx) => {
        const found = await tx.user.findUnique({ where: { id: challenge.sub } });
        if (!found || found.status !== "ACTIVE" || !found.mfaEnabled) return null;
        if (!(await secondFactorMatches(ctx, tx, found, input))) return null;
        // Single use: the challenge is recorded in the transaction that accepts it; a second
        // completion (or a concurrent one) meets the unique digest and is refused.
        const used = await tx.$executeRaw`
          INSERT INTO identity.one_time_tokens (user_id, purpose, token_hash, expires_at, used_at)
          VALUES (${found.id}::uuid, 'MFA_CHALLENGE', ${digest(input.mfaToken)}, to_timestamp(${challenge.exp ?? 0}), now())
          ON CONFLICT (token_hash) DO NOTHING`;
        if (used !== 1) throw AppError.unauthenticated("This sign-in step was already completed: sign in again");
        return found;
      }),
    () => AppError.unauthenticated("Wrong code"),
  );
  return signIn(ctx, user, typeof challenge.org === "string" ? challenge.org : null, input.recoveryCode ? "recovery_code" : "totp");
}
