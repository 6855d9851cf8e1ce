// What the auth flows need from the process, made once per process: the token signer, the
// rate limits (shared by every replica through Redis) and the key that encrypts TOTP secrets.
import { hkdfSync } from "node:crypto";
import { AppError, ErrorCode, signInPolicies, TokenSigner, type RateLimiter, type ServiceDeps, type TokenVerifier } from "@ppt/server-kit";
import type { MembershipDirectory } from "./account-services.ts";

export interface AuthLimits {
  /** Failed logins per account: the 6th attempt within the minute is refused, right password or not. */
  loginAccount: RateLimiter;
  /** Failed attempts (logins, codes, reset tokens, client secrets) per client address. */
  failuresByIp: RateLimiter;
  /** Password-reset emails per address. */
  resetRequests: RateLimiter;
  /** Registrations per client address. */
  registrations: RateLimiter;
  /** A TOTP code signs in once (its time step is remembered for longer than the code is valid). */
  usedTotpSteps: RateLimiter;
  /** Requests of a partner client per minute, at that client's quota. */
}

export interface AuthRuntime {
  verifier: TokenVerifier;
  /** The organizations module's answers (memberships, roles, the session check's SQL part). */
  memberships: MembershipDirectory;
  limits: AuthLimits;
  /** Throws when this process holds no signing key (a verify-only deployment). */
  signer(): TokenSigner;
  /** AES-256-GCM key for TOTP secrets at rest. */
  mfaKey(): Buffer;
}

/** Made once per process by the composition root (context.ts) and handed to every context. */
export function createAuthRuntime(deps: ServiceDeps, memberships: MembershipDirectory): AuthRuntime {
  const { rateLimits, config } = deps;
  const signing = config.keys.signing;
  const signer = signing ? new TokenSigner(signing) : null;
  const keyMaterial = config.mfaEncryptionKey ?? signing?.privateKeyPem ?? null;
  const mfaKey = keyMaterial ? Buffer.from(hkdfSync("sha256", keyMaterial, "ppt", "totp-secret-v1", 32)) : null;
  const missing = (what: string): never => {
    throw new AppError(ErrorCode.Internal, `This process has no ${what}`);
  };
  return {
    verifier: deps.verifier,
    memberships,
    limits: {
      loginAccount: rateLimits.limiter({ name: "login-account", ...signInPolicies.loginAccount }),
      failuresByIp: rateLimits.limiter({ name: "auth-failures-ip", ...signInPolicies.failuresByIp }),
      resetRequests: rateLimits.limiter({ name: "password-reset-account", ...signInPolicies.resetRequests }),
      registrations: rateLimits.limiter({ name: "registrations-ip", ...signInPolicies.registrations }),
      usedTotpSteps: rateLimits.limiter({ name: "totp-used", points: 1, windowSeconds: 120 }),
    },
    signer: () => signer ?? missing("JWT signing key (JWT_PRIVATE_KEY)"),
    mfaKey: () => mfaKey ?? missing("MFA encryption key"),
  };
}
