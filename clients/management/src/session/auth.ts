// Sign-in, two-factor step, renewal and sign-out against the auth module's mutations. The
// screens and the Apollo link call these; the token store is the one place the result lands.
import type { ApolloClient } from "@apollo/client";
import {
  AuthResultFields,
  CompleteMfaLogin,
  getFragmentData,
  RenewSession,
  SignIn,
  SignOut,
  type SharedAuthResultFragment as AuthResultFragment,
} from "@ppt/client-shared/operations";
import { CLIENT_NAME_HEADER, FIRST_PARTY_CLIENTS, persistedRequestBody, refusalOf, type Refusal } from "@ppt/client-shared";
import { inChosenOrganization, type OrganizationChoice } from "./organizations.ts";
import type { SessionTokens, TokenStore } from "./session.ts";

/** What a sign-in step ended in: signed in, a second factor wanted, or refused (with the server's code and reason). */
export type SignInOutcome = { kind: "signedIn" } | { kind: "mfa"; mfaToken: string } | ({ kind: "refused" } & Refusal);

function sessionOf(result: AuthResultFragment): SessionTokens | null {
  return result.accessToken ? { accessToken: result.accessToken, refreshToken: result.refreshToken, expiresAt: result.expiresAt } : null;
}

/** With `choice`, the session lands in the organization the person last chose (see organizations.ts). */
async function outcome(client: ApolloClient, tokens: TokenStore, result: AuthResultFragment, choice?: OrganizationChoice): Promise<SignInOutcome> {
  if (result.mfaRequired && result.mfaToken) return { kind: "mfa", mfaToken: result.mfaToken };
  const session = sessionOf(result);
  if (!session) return { kind: "refused", code: "UNAUTHENTICATED" };
  tokens.set(choice ? await inChosenOrganization(client, choice, session) : session);
  return { kind: "signedIn" };
}

function refusal(error: unknown): SignInOutcome {
  return { kind: "refused", ...refusalOf(error) };
}

export async function signIn(client: ApolloClient, tokens: TokenStore, email: string, password: string, choice?: OrganizationChoice): Promise<SignInOutcome> {
  try {
    const { data } = await client.mutate({ mutation: SignIn, variables: { input: { email, password } } });
    return data ? await outcome(client, tokens, getFragmentData(AuthResultFields, data.login), choice) : { kind: "refused", code: "UNAUTHENTICATED" };
  } catch (error) {
    return refusal(error);
  }
}

export async function completeMfa(
  client: ApolloClient,
  tokens: TokenStore,
  mfaToken: string,
  code: string,
  choice?: OrganizationChoice,
): Promise<SignInOutcome> {
  try {
    const { data } = await client.mutate({ mutation: CompleteMfaLogin, variables: { input: { mfaToken, code } } });
    return data
      ? await outcome(client, tokens, getFragmentData(AuthResultFields, data.completeMfaLogin), choice)
      : { kind: "refused", code: "UNAUTHENTICATED" };
  } catch (error) {
    return refusal(error);
  }
}

/** Ends the session on the server too (its refresh token stops working), then forgets it here. */
export async function signOut(client: ApolloClient, tokens: TokenStore): Promise<void> {
  const refreshToken = tokens.session()?.refreshToken ?? null;
  await client.mutate({ mutation: SignOut, variables: { refreshToken } }).catch(() => undefined);
  tokens.set(null);
}

/**
 * Renews the access token with the refresh token (which rotates). Runs outside Apollo's link
 * chain (the chain is what is waiting for it), and once at a time: the refresh token works once.
 */
export function createSessionRenewal(uri: string, tokens: TokenStore): () => Promise<boolean> {
  let inFlight: Promise<boolean> | null = null;
  const body = (refreshToken: string) => persistedRequestBody(RenewSession, { refreshToken });
  async function renew(): Promise<boolean> {
    const refreshToken = tokens.session()?.refreshToken;
    if (!refreshToken) return false;
    try {
      const response = await fetch(uri, {
        method: "POST",
        headers: { "content-type": "application/json", [CLIENT_NAME_HEADER]: FIRST_PARTY_CLIENTS.management },
        body: body(refreshToken),
      });
      const result = (await response.json()) as { data?: { refreshToken: AuthResultFragment } | null };
      const session = result.data ? sessionOf(result.data.refreshToken) : null;
      tokens.set(session);
      return session !== null;
    } catch {
      return false;
    }
  }
  return () => (inFlight ??= renew().finally(() => (inFlight = null)));
}
