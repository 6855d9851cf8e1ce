// Portal sign-in, registration, forgotten password, renewal and sign-out against the reality
// subgraph's portal mutations. The screens and the Apollo link call these; the token store is
// the one place a session lands.
import type { ApolloClient } from "@apollo/client";
import { CombinedGraphQLErrors, ServerError } from "@apollo/client";
import { getFragmentData } from "../generated/fragment-masking.ts";
import { graphql } from "../generated/gql.ts";
import type { PortalAuthResultFragment } from "../generated/graphql.ts";
import { attempt, CLIENT_NAME_HEADER, FIRST_PARTY_CLIENTS, persistedRequestBody, type Outcome } from "@ppt/client-shared";
import { expiresSoon, type SessionTokens, type TokenStore } from "./tokens.ts";

export const PortalAuthResultFields = graphql(`
  fragment PortalAuthResult on PortalAuthPayload {
    accessToken
    refreshToken
    expiresAt
  }
`);

const PortalLogin = graphql(`
  mutation PortalLogin($email: EmailAddress!, $password: String!) {
    portalLogin(email: $email, password: $password) {
      ...PortalAuthResult
    }
  }
`);

export const RefreshPortalToken = graphql(`
  mutation RefreshPortalToken($refreshToken: String!) {
    refreshPortalToken(refreshToken: $refreshToken) {
      ...PortalAuthResult
    }
  }
`);

const PortalLogout = graphql(`
  mutation PortalLogout($refreshToken: String) {
    portalLogout(refreshToken: $refreshToken)
  }
`);

const RegisterPortalUser = graphql(`
  mutation RegisterPortalUser($input: RegisterPortalUserInput!) {
    registerPortalUser(input: $input)
  }
`);

const RequestPortalPasswordReset = graphql(`
  mutation RequestPortalPasswordReset($email: EmailAddress!) {
    requestPortalPasswordReset(email: $email)
  }
`);

const VerifyPortalEmail = graphql(`
  mutation VerifyPortalEmail($token: String!) {
    verifyPortalEmail(token: $token)
  }
`);

const ResetPortalPassword = graphql(`
  mutation ResetPortalPassword($token: String!, $newPassword: String!) {
    resetPortalPassword(token: $token, newPassword: $newPassword)
  }
`);

/** Operations that must not carry (or renew) a session: signing in, registering, resetting. */
const anonymous = { context: { anonymous: true } };

function sessionOf(result: PortalAuthResultFragment): SessionTokens {
  return { accessToken: result.accessToken, refreshToken: result.refreshToken, expiresAt: result.expiresAt };
}

export function signIn(client: ApolloClient, tokens: TokenStore, email: string, password: string): Promise<Outcome> {
  return attempt(async () => {
    const { data } = await client.mutate({ mutation: PortalLogin, variables: { email, password }, ...anonymous });
    if (!data) throw new Error("portalLogin answered no data");
    tokens.set(sessionOf(getFragmentData(PortalAuthResultFields, data.portalLogin)));
  });
}

/** The server answers the same whether or not the address had an account; the email tells the rest. */
export function register(client: ApolloClient, input: { email: string; password: string; displayName: string }): Promise<Outcome> {
  return attempt(() => client.mutate({ mutation: RegisterPortalUser, variables: { input: { ...input, language: "sk" } }, ...anonymous }));
}

/** Proves the address with the e-mailed token (once). */
export function verifyEmail(client: ApolloClient, token: string): Promise<Outcome> {
  return attempt(() => client.mutate({ mutation: VerifyPortalEmail, variables: { token }, ...anonymous }));
}

export function requestPasswordReset(client: ApolloClient, email: string): Promise<Outcome> {
  return attempt(() => client.mutate({ mutation: RequestPortalPasswordReset, variables: { email }, ...anonymous }));
}

/** Every session of the account ends, this one included: the person signs in with the new password. */
export async function resetPassword(client: ApolloClient, tokens: TokenStore, token: string, newPassword: string): Promise<Outcome> {
  const outcome = await attempt(() => client.mutate({ mutation: ResetPortalPassword, variables: { token, newPassword }, ...anonymous }));
  if (outcome.ok) tokens.set(null);
  return outcome;
}

/** Ends the session on the server too (its refresh token stops working), then forgets it here. */
export async function signOut(client: ApolloClient, tokens: TokenStore): Promise<void> {
  const refreshToken = tokens.session()?.refreshToken ?? null;
  await client.mutate({ mutation: PortalLogout, variables: { refreshToken }, ...anonymous }).catch(() => undefined);
  tokens.set(null);
}

/**
 * renewed: the store holds a fresh access token; refused: the server no longer accepts the
 * session (the store is emptied: signed out); unavailable: no answer or a race lost, try later.
 */
export type RenewalOutcome = "renewed" | "refused" | "unavailable";

/** Serializes renewals across the browser's tabs (they share localStorage); absent on the server. */
function withTabLock<T>(run: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  // request() resolves with what the callback's promise resolves with.
  return locks ? (locks.request("ppt.portal.renewal", run) as Promise<Awaited<T>>) : run();
}

/**
 * Renews the access token with the refresh token, which rotates: the one presented stops working,
 * so renewals run one at a time (and the result is shared by every caller waiting for it). Runs
 * outside Apollo's link chain, which is what is waiting for it. `staleAccessToken` is the token a
 * request was refused with (or found about to expire): when the store already holds a newer one,
 * an earlier renewal (here or in another tab) did the work and the refresh token is not spent again.
 */
export function createSessionRenewal(
  uri: string,
  tokens: TokenStore,
  fetchImpl: typeof fetch = fetch,
): (staleAccessToken: string | null) => Promise<RenewalOutcome> {
  let inFlight: Promise<RenewalOutcome> | null = null;

  async function renew(staleAccessToken: string | null): Promise<RenewalOutcome> {
    const session = tokens.session();
    if (!session) return "refused";
    if (session.accessToken !== staleAccessToken && !expiresSoon(session)) return "renewed";
    try {
      const response = await fetchImpl(uri, {
        method: "POST",
        headers: { "content-type": "application/json", [CLIENT_NAME_HEADER]: FIRST_PARTY_CLIENTS.portal },
        body: persistedRequestBody(RefreshPortalToken, { refreshToken: session.refreshToken }),
      });
      const result = (await response.json()) as {
        data?: { refreshPortalToken: PortalAuthResultFragment } | null;
        errors?: { extensions?: { code?: string } }[];
      };
      if (result.data?.refreshPortalToken) {
        tokens.set(sessionOf(result.data.refreshPortalToken));
        return "renewed";
      }
      const code = result.errors?.[0]?.extensions?.code;
      if (code === "UNAUTHENTICATED") {
        // Only when nobody stored a newer session meanwhile (another tab without locks).
        if (tokens.session()?.refreshToken === session.refreshToken) tokens.set(null);
        return tokens.get() ? "renewed" : "refused";
      }
      // CONFLICT: the token was just used by a concurrent renewal; its result may be in the store.
      return tokens.session()?.refreshToken !== session.refreshToken && tokens.get() ? "renewed" : "unavailable";
    } catch {
      return "unavailable";
    }
  }

  return (staleAccessToken) => (inFlight ??= withTabLock(() => renew(staleAccessToken)).finally(() => (inFlight = null)));
}

/** Whether an error is the gateway refusing the access token (HTTP 401 or UNAUTHENTICATED). */
export function refusedToken(error: unknown): boolean {
  return (
    (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED")) ||
    (ServerError.is(error) && error.statusCode === 401)
  );
}
