// Which OpenID Connect providers portal users may sign in with, read from the environment once:
// per provider PORTAL_OIDC_<GOOGLE|APPLE|FACEBOOK|TEST>_ISSUER / _CLIENT_ID / _CLIENT_SECRET, and
// PORTAL_OIDC_REDIRECT_URIS (comma-separated, exact match): the portal pages a provider may send
// the browser back to. A provider without an issuer and client id is simply not offered.
import { z } from "zod";

export const portalOidcProviderNames = ["google", "apple", "facebook", "test"] as const;
export type PortalOidcProviderName = (typeof portalOidcProviderNames)[number];

export interface PortalOidcProviderConfig {
  name: PortalOidcProviderName;
  issuer: string;
  clientId: string;
  /** Absent: a public client (PKCE only, no client authentication at the token endpoint). */
  clientSecret: string | null;
}

export interface PortalOidcConfig {
  providers: PortalOidcProviderConfig[];
  /** Exact redirect URIs a sign-in may name. */
  redirectUris: string[];
  /** Plain-HTTP issuers (a provider on localhost in tests and development); never in production. */
  allowInsecureIssuers: boolean;
}

const url = z.url({ protocol: /^https?$/ });

export function portalOidcFromEnv(env: NodeJS.ProcessEnv, production: boolean): PortalOidcConfig {
  const providers: PortalOidcProviderConfig[] = [];
  for (const name of portalOidcProviderNames) {
    const prefix = `PORTAL_OIDC_${name.toUpperCase()}_`;
    const issuer = env[`${prefix}ISSUER`];
    const clientId = env[`${prefix}CLIENT_ID`];
    if (!issuer && !clientId) continue;
    if (!issuer || !clientId) throw new Error(`Invalid configuration: ${prefix}ISSUER and ${prefix}CLIENT_ID go together`);
    if (!url.safeParse(issuer).success) throw new Error(`Invalid configuration: ${prefix}ISSUER must be a URL`);
    // The test provider signs anyone in as anyone: it must never reach production.
    if (production && (name === "test" || !issuer.startsWith("https://")))
      throw new Error(`Invalid configuration: ${prefix}ISSUER is not allowed in production`);
    providers.push({ name, issuer, clientId, clientSecret: env[`${prefix}CLIENT_SECRET`] || null });
  }
  const redirectUris = (env.PORTAL_OIDC_REDIRECT_URIS ?? "")
    .split(",")
    .map((uri) => uri.trim())
    .filter(Boolean);
  for (const uri of redirectUris) {
    // No query or fragment: the provider appends its answer as the query (and clients strip it to compare).
    const valid = url.safeParse(uri).success && !/[?#]/.test(uri) && (!production || uri.startsWith("https://"));
    if (!valid) throw new Error("Invalid configuration: PORTAL_OIDC_REDIRECT_URIS must be absolute URLs without query or fragment (https in production)");
  }
  return { providers, redirectUris, allowInsecureIssuers: !production };
}
