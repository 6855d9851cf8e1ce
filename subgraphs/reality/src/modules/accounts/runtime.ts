// What portal sign-in needs from the process, made once per process: the token signer (the same
// key and issuer as property tokens, audience "portal"), the sign-in rate limits (counters of
// their own, shared by every replica through Redis) and the OpenID Connect providers.
import { AppError, ErrorCode, RateLimitReason, signInPolicies, TokenSigner, type RateLimiter, type ServiceDeps } from "@ppt/server-kit";
import { OidcProviders } from "./oidc-providers.ts";

export interface PortalAuthLimits {
  /** Failed logins per account: the 6th attempt within the minute is refused, right password or not. */
  loginAccount: RateLimiter;
  /** Failed attempts (passwords, sign-in callbacks, verification tokens) per client address. */
  failuresByIp: RateLimiter;
  /** Registrations per client address. */
  registrations: RateLimiter;
  /** Password-reset emails per address asked for (known or not). */
  resetRequests: RateLimiter;
  /** Started OIDC sign-ins per client address (each one writes a row until it completes or expires). */
  oidcStarts: RateLimiter;
}

export interface PortalAuthRuntime {
  limits: PortalAuthLimits;
  providers: OidcProviders;
  /** Throws when this process holds no signing key (JWT_PRIVATE_KEY). */
  signer(): TokenSigner;
}

/** Built once by the composition root (app.ts) and handed to every request's context. */
export function createPortalAuthRuntime(deps: ServiceDeps): PortalAuthRuntime {
  const { rateLimits, config } = deps;
  const signer = config.keys.signing ? new TokenSigner(config.keys.signing) : null;
  return {
    limits: {
      loginAccount: rateLimits.limiter({ name: "portal-login-account", ...signInPolicies.loginAccount }),
      failuresByIp: rateLimits.limiter({ name: "portal-auth-failures-ip", ...signInPolicies.failuresByIp }),
      registrations: rateLimits.limiter({ name: "portal-registrations-ip", ...signInPolicies.registrations }),
      resetRequests: rateLimits.limiter({ name: "portal-password-reset-account", ...signInPolicies.resetRequests }),
      oidcStarts: rateLimits.limiter({ name: "portal-oidc-starts-ip", points: 30, windowSeconds: 60, reason: RateLimitReason.TooManyRequests }),
    },
    providers: new OidcProviders(config.portalOidc, deps.logger),
    signer: () => {
      if (!signer) throw new AppError(ErrorCode.Internal, "This process has no JWT signing key (JWT_PRIVATE_KEY)");
      return signer;
    },
  };
}
