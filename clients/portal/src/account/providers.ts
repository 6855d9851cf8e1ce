// Signing in with a provider (Google, Apple, Facebook) and linking one to the signed-in account:
// the API runs the OpenID Connect code flow with PKCE and keeps the verifier; the browser keeps
// only the state (sessionStorage, this tab) to check that the provider's redirect answers the
// sign-in this tab started. A redirect whose state this tab did not start is never completed: that
// is what stops someone else's code (a link they send) from signing the visitor in to, or linking,
// an identity of theirs.
import type { ApolloClient } from "@apollo/client";
import { attempt, type Locale, type Outcome } from "@ppt/client-shared";
import { getFragmentData } from "../generated/fragment-masking.ts";
import { graphql } from "../generated/gql.ts";
import { LOCALE_BASE } from "../urls.ts";
import { PortalAuthResultFields } from "./auth.ts";
import type { TokenStore } from "./tokens.ts";

export const SignInProvidersQuery = graphql(`
  query PortalSignInProviders {
    portalSignInProviders
  }
`);

const StartPortalOidcLogin = graphql(`
  mutation StartPortalOidcLogin($provider: String!, $redirectUri: URL!) {
    startPortalOidcLogin(provider: $provider, redirectUri: $redirectUri) {
      authorizationUrl
      state
    }
  }
`);

const CompletePortalOidcLogin = graphql(`
  mutation CompletePortalOidcLogin($provider: String!, $code: String!, $state: String!, $iss: String) {
    completePortalOidcLogin(provider: $provider, code: $code, state: $state, iss: $iss) {
      ...PortalAuthResult
    }
  }
`);

const LinkPortalOidcProvider = graphql(`
  mutation LinkPortalOidcProvider($provider: String!, $code: String!, $state: String!, $iss: String) {
    linkPortalOidcProvider(provider: $provider, code: $code, state: $state, iss: $iss) {
      id
      linkedProviders
    }
  }
`);

/** The provider's page sends the browser back here (one address per language; the deployment lists both in PORTAL_OIDC_REDIRECT_URIS). */
export const PROVIDER_CALLBACK_PATH = "/prihlasenie/navrat";

export function providerCallbackUri(origin: string, locale: Locale): string {
  return `${origin}${LOCALE_BASE[locale]}${PROVIDER_CALLBACK_PATH}`;
}

const PENDING_KEY = "ppt.portal.provider-sign-in";

/** What this tab started: checked and forgotten when the provider sends the browser back. */
export interface PendingProviderSignIn {
  provider: string;
  state: string;
  /** "signIn" starts a session; "link" adds the provider to the signed-in account. */
  purpose: "signIn" | "link";
  /** A path of this site, in the router's terms (see return-path.ts). */
  returnTo: string;
}

/** Client-side refusal codes, worded like the server's: the redirect does not answer a sign-in of this tab, or the provider said no. */
export const STATE_MISMATCH = "STATE_MISMATCH";
export const PROVIDER_REFUSED = "PROVIDER_REFUSED";

/** Known providers first in this order; any other the deployment offers (the test provider) after them. */
const ORDER = ["google", "apple", "facebook"];

export function orderedProviders(names: readonly string[]): string[] {
  const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  return [...names].sort((a, b) => rank(a) - rank(b));
}

const LABELS: Record<string, string> = { google: "Google", apple: "Apple", facebook: "Facebook" };

/** A provider's own name (the same in every language). */
export function providerLabel(name: string): string {
  return LABELS[name] ?? name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Asks the API for the provider's authorization URL, keeps the state in this tab and returns the
 * URL to send the browser to (the caller navigates: tests and the page each do it their way).
 */
export async function startProviderSignIn(
  client: ApolloClient,
  storage: Storage,
  request: Omit<PendingProviderSignIn, "state"> & { callbackUri: string },
): Promise<Outcome & { authorizationUrl?: string }> {
  let authorizationUrl = "";
  const outcome = await attempt(async () => {
    const { data } = await client.mutate({
      mutation: StartPortalOidcLogin,
      variables: { provider: request.provider, redirectUri: request.callbackUri },
      context: { anonymous: true },
    });
    if (!data) throw new Error("startPortalOidcLogin answered no data");
    const pending: PendingProviderSignIn = {
      provider: request.provider,
      purpose: request.purpose,
      returnTo: request.returnTo,
      state: data.startPortalOidcLogin.state,
    };
    storage.setItem(PENDING_KEY, JSON.stringify(pending));
    authorizationUrl = String(data.startPortalOidcLogin.authorizationUrl);
  });
  return outcome.ok ? { ...outcome, authorizationUrl } : outcome;
}

/** The pending sign-in, taken: one redirect completes it at most once, and a failed one leaves nothing behind. */
function takePending(storage: Storage): PendingProviderSignIn | null {
  const raw = storage.getItem(PENDING_KEY);
  storage.removeItem(PENDING_KEY);
  try {
    return raw ? (JSON.parse(raw) as PendingProviderSignIn) : null;
  } catch {
    return null;
  }
}

export type CompletedProviderSignIn = Outcome & { purpose: PendingProviderSignIn["purpose"]; returnTo: string };

/**
 * Finishes what the provider's redirect (`search`: its query string) answers: signs in (the session
 * lands in the token store, as a password sign-in's does) or links the provider to the signed-in
 * account. Refused without a call to the API when the state is not the one this tab keeps.
 */
export async function completeProviderSignIn(client: ApolloClient, tokens: TokenStore, storage: Storage, search: string): Promise<CompletedProviderSignIn> {
  const params = new URLSearchParams(search);
  const pending = takePending(storage);
  const state = params.get("state");
  if (!pending || !state || state !== pending.state) return { ok: false, code: STATE_MISMATCH, purpose: pending?.purpose ?? "signIn", returnTo: "/" };
  const { purpose, returnTo } = pending;
  const code = params.get("code");
  // The provider's own refusal (the person cancelled, access_denied): nothing to send to the API.
  if (params.get("error") || !code) return { ok: false, code: PROVIDER_REFUSED, purpose, returnTo };
  const variables = { provider: pending.provider, code, state, iss: params.get("iss") };
  const outcome =
    purpose === "link"
      ? await attempt(() => client.mutate({ mutation: LinkPortalOidcProvider, variables }))
      : await attempt(async () => {
          const { data } = await client.mutate({ mutation: CompletePortalOidcLogin, variables, context: { anonymous: true } });
          if (!data) throw new Error("completePortalOidcLogin answered no data");
          const session = getFragmentData(PortalAuthResultFields, data.completePortalOidcLogin);
          tokens.set({ accessToken: session.accessToken, refreshToken: session.refreshToken, expiresAt: session.expiresAt });
        });
  return { ...outcome, purpose, returnTo };
}
