// Signing in with an OpenID Connect provider (Google, Apple, Facebook; a local provider in tests):
// authorization code flow with PKCE (S256), state and nonce through openid-client. The code
// verifier and nonce never leave the server: they wait in reality.portal_oidc_logins under the
// state's digest, are used once (deleted when the browser comes back) and expire after 10 minutes.
//
// Which account a provider identity signs in to:
//   1. the account already linked to (provider, subject);
//   2. else, when the provider says the email is verified, the account with that address (now
//      linked). If that account's own address was never proven, whoever set its password has not
//      proven it either: the password is dropped and its sessions end (no pre-registered takeover);
//   3. else a new account (its address counts as proven when the provider says so).
// An unverified provider email never attaches to an existing account.
import type { PortalAuthProvider, PortalUser } from "@ppt/db/client";
import { AppError, digest, normalizeEmail, reserveAttempt, type Tx } from "@ppt/server-kit";
import * as oidc from "openid-client";
import type { RealityContext } from "../../context.ts";
import { requirePortalUser } from "../../shared/portal-user.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { ipKey } from "./service.ts";
import { revokePortalSessions, startPortalSession, type PortalAuthPayloadView } from "./sessions.ts";

const STARTED_LOGIN_TTL_MS = 10 * 60 * 1000;
const SCOPE = "openid email profile";

export interface OidcStartView {
  authorizationUrl: string;
  state: string;
}

export async function startPortalOidcLogin(ctx: RealityContext, providerName: string, redirectUri: URL | string): Promise<OidcStartView> {
  const provider = ctx.auth.providers.get(providerName);
  const redirect = String(redirectUri);
  ctx.auth.providers.requireRedirectUri(redirect);
  await ctx.auth.limits.oidcStarts.consume(ipKey(ctx));
  const configuration = await provider.configuration();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const authorizationUrl = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirect,
    scope: SCOPE,
    response_type: "code",
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const now = Date.now();
  await inTransaction(ctx, async (tx) => {
    // Abandoned sign-ins are swept here rather than by a job: the table stays small either way.
    await tx.portalOidcLogin.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
    await tx.portalOidcLogin.create({
      data: {
        provider: provider.stored,
        stateHash: digest(state),
        codeVerifier,
        nonce,
        redirectUri: redirect,
        expiresAt: new Date(now + STARTED_LOGIN_TTL_MS),
      },
    });
  });
  return { authorizationUrl: authorizationUrl.href, state };
}

export interface CompleteOidcInput {
  provider: string;
  code: string;
  state: string;
  /** The `iss` parameter of the provider's redirect (RFC 9207), when it sends one. */
  iss?: string | null;
}

interface ProviderIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

export async function completePortalOidcLogin(ctx: RealityContext, input: CompleteOidcInput): Promise<PortalAuthPayloadView> {
  const { provider, identity, attempt } = await confirmedIdentity(ctx, input);
  const payload = await inTransaction(ctx, async (tx) => {
    const user = await accountForIdentity(tx, provider.stored, identity);
    if (user.status !== "ACTIVE") throw AppError.unauthenticated("This account cannot sign in");
    return startPortalSession(ctx, tx, user);
  });
  await attempt.succeeded();
  return payload;
}

/**
 * Links a provider identity to the signed-in account, whatever address the provider reports (an
 * Apple relay address, another mailbox): the person proved both by holding the session and by
 * signing in at the provider. The started sign-in is the same as for completePortalOidcLogin.
 * An identity already linked to another account is refused (CONFLICT): it signs in there.
 */
export async function linkPortalOidcProvider(ctx: RealityContext, input: CompleteOidcInput): Promise<PortalUser> {
  const userId = requirePortalUser(ctx);
  const { provider, identity, attempt } = await confirmedIdentity(ctx, input);
  const user = await inTransaction(ctx, async (tx) => {
    const linked = await tx.portalSocialAccount.findUnique({ where: { provider_subject: { provider: provider.stored, subject: identity.subject } } });
    if (linked && linked.portalUserId !== userId) throw AppError.conflict("This sign-in is linked to another account");
    if (!linked) {
      await tx.portalSocialAccount.create({
        data: { portalUserId: userId, provider: provider.stored, subject: identity.subject, email: identity.email, lastUsedAt: new Date() },
      });
    }
    return tx.portalUser.findUniqueOrThrow({ where: { id: userId } });
  });
  await attempt.succeeded();
  return user;
}

/** The provider's answer to a started sign-in, checked (state, PKCE, nonce, id token); refusals keep the failure point. */
async function confirmedIdentity(ctx: RealityContext, input: CompleteOidcInput) {
  const provider = ctx.auth.providers.get(input.provider);
  const { failuresByIp } = ctx.auth.limits;
  // The point is taken before the state is looked at; a refusal keeps it, a sign-in gives it back.
  const attempt = await reserveAttempt([[failuresByIp, ipKey(ctx)]]);
  const refuse = (error: AppError): Promise<never> => Promise.reject(error);
  // Single use: the started sign-in is gone from here on, whatever happens next.
  const row = await takeStartedLogin(ctx, input.state);
  if (!row || row.provider !== provider.stored || row.expiresAt.getTime() <= Date.now()) {
    return refuse(AppError.badInput("Invalid or expired sign-in: start again", { field: "state" }));
  }
  const configuration = await provider.configuration();
  const callback = new URL(row.redirectUri);
  callback.searchParams.set("code", input.code);
  callback.searchParams.set("state", input.state);
  if (input.iss) callback.searchParams.set("iss", input.iss);
  try {
    const tokens = await oidc.authorizationCodeGrant(configuration, callback, {
      pkceCodeVerifier: row.codeVerifier,
      expectedState: input.state,
      expectedNonce: row.nonce,
      idTokenExpected: true,
    });
    return { provider, identity: await identityOf(configuration, tokens), attempt };
  } catch (error) {
    // The provider refused, or its answer failed a check: no detail for the caller, no personal data in the log.
    ctx.logger.warn({ provider: provider.name, error: (error as Error).name, code: (error as { code?: string }).code }, "OIDC sign-in refused");
    return refuse(AppError.unauthenticated("The sign-in provider did not confirm the sign-in"));
  }
}

/** The providers this deployment offers, in the order the configuration lists them. */
export function portalSignInProviders(ctx: RealityContext): string[] {
  return ctx.auth.providers.names();
}

/** Deletes and returns the started sign-in of this state: of concurrent callers, one gets it. */
async function takeStartedLogin(ctx: RealityContext, state: string) {
  const rows = await ctx.db.$queryRaw<{ provider: PortalAuthProvider; code_verifier: string; nonce: string; redirect_uri: string; expires_at: Date }[]>`
    DELETE FROM reality.portal_oidc_logins WHERE state_hash = ${digest(state)} RETURNING provider::text AS provider, code_verifier, nonce, redirect_uri, expires_at`;
  const row = rows[0];
  return row ? { provider: row.provider, codeVerifier: row.code_verifier, nonce: row.nonce, redirectUri: row.redirect_uri, expiresAt: row.expires_at } : null;
}

/** The id token's claims; email and name from the UserInfo endpoint when the id token leaves them out. */
async function identityOf(configuration: oidc.Configuration, tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>): Promise<ProviderIdentity> {
  const claims = tokens.claims();
  if (!claims) throw new Error("no id token");
  let email = typeof claims.email === "string" ? claims.email : null;
  let emailVerified = claims.email_verified === true;
  let name = typeof claims.name === "string" ? claims.name : null;
  if (!email && configuration.serverMetadata().userinfo_endpoint) {
    const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    email = typeof info.email === "string" ? info.email : null;
    emailVerified = info.email_verified === true;
    name ??= typeof info.name === "string" ? info.name : null;
  }
  return { subject: claims.sub, email: email ? normalizeEmail(email) : null, emailVerified, name };
}

async function accountForIdentity(tx: Tx, provider: PortalAuthProvider, identity: ProviderIdentity): Promise<PortalUser> {
  const now = new Date();
  const linked = await tx.portalSocialAccount.findUnique({
    where: { provider_subject: { provider, subject: identity.subject } },
    include: { portalUser: true },
  });
  if (linked) {
    await tx.portalSocialAccount.update({ where: { id: linked.id }, data: { lastUsedAt: now } });
    return linked.portalUser;
  }
  if (!identity.email) throw AppError.badInput("The sign-in provider gave no email address: sign in another way", { field: "provider" });
  const existing = await tx.portalUser.findUnique({ where: { email: identity.email } });
  let user: PortalUser;
  if (existing) {
    if (!identity.emailVerified) throw AppError.conflict("An account with this address exists: sign in to it with its password");
    user = existing;
    if (!existing.emailVerifiedAt) {
      await revokePortalSessions(tx, { portalUserId: existing.id }, "address_proven_by_provider");
      user = await tx.portalUser.update({ where: { id: existing.id }, data: { emailVerifiedAt: now, passwordHash: null, tokensValidAfter: now } });
    }
  } else {
    user = await tx.portalUser.create({
      data: {
        email: identity.email,
        name: identity.name?.trim().slice(0, 200) || identity.email.split("@")[0]!,
        status: "ACTIVE",
        emailVerifiedAt: identity.emailVerified ? now : null,
      },
    });
  }
  await tx.portalSocialAccount.create({ data: { portalUserId: user.id, provider, subject: identity.subject, email: identity.email, lastUsedAt: now } });
  return user;
}
