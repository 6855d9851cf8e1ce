// Two-factor authentication: enrolment (secret pending until a first code confirms it),
// recovery codes (10, shown once, stored as digests, each usable once), and disabling.
import type { User } from "@ppt/db/client";
import { AppError, digest, limitedAttempt, requireUser, type Tx } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { recordAccountEvent } from "./account-events.ts";
import { ipKey } from "./client-key.ts";
import { normalizeRecoveryCode, recoveryCode } from "./secrets.ts";
import { decryptSecret, encryptSecret, matchTotp, newTotpSecret, totpUri } from "./totp.ts";

const RECOVERY_CODE_COUNT = 10;

export async function enrollTotp(ctx: PropertyContext): Promise<{ secret: string; uri: string }> {
  requireUser(ctx.caller);
  const caller = ctx.caller;
  const secret = newTotpSecret();
  return ctx.db.write(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: caller.userId } });
    if (user.mfaEnabled) throw AppError.conflict("Two-factor authentication is already enabled");
    // Pending: stored, but not enforced until confirmTotp proves the app has it.
    await tx.user.update({ where: { id: user.id }, data: { mfaSecret: encryptSecret(ctx.auth.mfaKey(), secret) } });
    await recordAccountEvent(tx, ctx, "caller", { action: "user.mfa_enrollment_started", entityType: "user", entityId: user.id });
    return { secret, uri: totpUri(secret, user.email) };
  });
}

function secretOf(ctx: PropertyContext, user: User): string | null {
  return user.mfaSecret ? decryptSecret(ctx.auth.mfaKey(), user.mfaSecret) : null;
}

export async function confirmTotp(ctx: PropertyContext, code: string): Promise<string[]> {
  requireUser(ctx.caller);
  const caller = ctx.caller;
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, recoveryCode);
  return ctx.db.write(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: caller.userId } });
    if (user.mfaEnabled) throw AppError.conflict("Two-factor authentication is already enabled");
    const secret = secretOf(ctx, user);
    if (!secret) throw AppError.badInput("Start with enrollTotp", { field: "code" });
    if (matchTotp(secret, code) === null) throw AppError.badInput("Wrong code", { field: "code" });
    await tx.user.update({ where: { id: user.id }, data: { mfaEnabled: true } });
    await tx.mfaRecoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.mfaRecoveryCode.createMany({ data: codes.map((c) => ({ userId: user.id, codeHash: digest(normalizeRecoveryCode(c)) })) });
    await recordAccountEvent(tx, ctx, "caller", {
      action: "user.mfa_enabled",
      entityType: "user",
      entityId: user.id,
      notify: { eventType: "user.mfa_enabled", payload: { userId: user.id } },
    });
    return codes;
  });
}

/**
 * Guessing this code is guessing the sign-in's second factor: the same per-account counter as
 * completeMfaLogin (and the address's), each guess reserved before it is checked.
 */
export async function disableTotp(ctx: PropertyContext, code: string): Promise<boolean> {
  requireUser(ctx.caller);
  const caller = ctx.caller;
  const { loginAccount, failuresByIp } = ctx.auth.limits;
  await limitedAttempt(
    [
      [loginAccount, `mfa:${caller.userId}`],
      [failuresByIp, ipKey(ctx)],
    ],
    () =>
      ctx.db.write(async (tx) => {
        const user = await tx.user.findUniqueOrThrow({ where: { id: caller.userId } });
        if (!user.mfaEnabled) throw AppError.conflict("Two-factor authentication is not enabled");
        if (!(await secondFactorMatches(ctx, tx, user, { code, recoveryCode: code }))) return null;
        await tx.user.update({ where: { id: user.id }, data: { mfaEnabled: false, mfaSecret: null } });
        await tx.mfaRecoveryCode.deleteMany({ where: { userId: user.id } });
        await recordAccountEvent(tx, ctx, "caller", {
          action: "user.mfa_disabled",
          entityType: "user",
          entityId: user.id,
          notify: { eventType: "user.mfa_disabled", payload: { userId: user.id } },
        });
        return true;
      }),
    () => AppError.badInput("Wrong code", { field: "code" }),
  );
  return true;
}

/**
 * A current TOTP code (each time step accepted once for sign-ins: a code seen over a shoulder
 * cannot be replayed) or an unused recovery code (used up here, in the caller's transaction).
 */
export async function secondFactorMatches(
  ctx: PropertyContext,
  tx: Tx,
  user: User,
  presented: { code?: string | null; recoveryCode?: string | null },
): Promise<boolean> {
  const secret = secretOf(ctx, user);
  if (presented.code && secret) {
    const step = matchTotp(secret, presented.code);
    if (step !== null) {
      try {
        await ctx.auth.limits.usedTotpSteps.consume(`${user.id}:${step}`);
        return true;
      } catch {
        // this step's code was already used: fall through to the recovery code, if any
      }
    }
  }
  if (presented.recoveryCode) {
    const used = await tx.mfaRecoveryCode.updateMany({
      where: { userId: user.id, codeHash: digest(normalizeRecoveryCode(presented.recoveryCode)), usedAt: null },
      data: { usedAt: new Date() },
    });
    return used.count === 1;
  }
  return false;
}
