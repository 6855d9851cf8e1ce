// Anonymous probes of the portal's account flows (reality subgraph, accounts module): they come
// before a token, so they are on the public allowlist; given garbage or a property member's
// address they refuse and change nothing. The signed-in portal fields (portalMe, portalLogout,
// linkRealtorProfile) are portal cases (portal-cases.ts); gateway/tests/portal-auth.test.ts runs the flows.
import type { Probe } from "./cases.ts";

const emailOf = (userId: string) => `${userId}@example.sk`; // fixtures.createUser's address

export const portalAccountProbes: Probe[] = [
  {
    field: "Mutation.registerPortalUser",
    attempt: "an address of A's member with a too short password",
    document: `mutation ($input: RegisterPortalUserInput!) { registerPortalUser(input: $input) }`,
    variables: (w) => ({ input: { email: emailOf(w.userA), password: "kratke", displayName: "X" } }),
    caller: () => null,
    gets: "BAD_USER_INPUT",
  },
  {
    field: "Mutation.verifyPortalEmail",
    attempt: "a made-up token",
    document: `mutation ($t: String!) { verifyPortalEmail(token: $t) }`,
    variables: () => ({ t: "nie-je-to-token" }),
    caller: () => null,
    gets: "BAD_USER_INPUT",
  },
  {
    field: "Mutation.portalLogin",
    attempt: "A's member's address (a property account, not a portal one)",
    document: `mutation ($e: EmailAddress!) { portalLogin(email: $e, password: "Zle-Heslo-123") { accessToken user { id } } }`,
    variables: (w) => ({ e: emailOf(w.userA) }),
    caller: () => null,
    gets: "UNAUTHENTICATED",
  },
  {
    field: "Mutation.requestPortalPasswordReset",
    attempt: "something that is not an address",
    document: `mutation ($e: EmailAddress!) { requestPortalPasswordReset(email: $e) }`,
    variables: () => ({ e: "nie-je-adresa" }),
    caller: () => null,
    gets: "BAD_USER_INPUT",
  },
  {
    field: "Mutation.resetPortalPassword",
    attempt: "a made-up token",
    document: `mutation ($t: String!) { resetPortalPassword(token: $t, newPassword: "Nove-Dlhe-Heslo-2026") }`,
    variables: () => ({ t: "nie-je-to-token" }),
    caller: () => null,
    gets: "BAD_USER_INPUT",
  },
  {
    field: "Mutation.refreshPortalToken",
    attempt: "a made-up refresh token",
    document: `mutation ($t: String!) { refreshPortalToken(refreshToken: $t) { accessToken user { id } } }`,
    variables: () => ({ t: "nie-je-to-token" }),
    caller: () => null,
    gets: "UNAUTHENTICATED",
  },
  {
    field: "Mutation.startPortalOidcLogin",
    attempt: "a provider this deployment does not offer",
    document: `mutation { startPortalOidcLogin(provider: "google", redirectUri: "https://evil.example/callback") { authorizationUrl state } }`,
    variables: () => ({}),
    caller: () => null,
    gets: "BAD_USER_INPUT",
  },
  {
    field: "Mutation.completePortalOidcLogin",
    attempt: "a made-up code and state",
    document: `mutation { completePortalOidcLogin(provider: "google", code: "kod", state: "stav") { accessToken user { id } } }`,
    variables: () => ({}),
    caller: () => null,
    gets: "BAD_USER_INPUT",
  },
  {
    field: "Mutation.portalLogout",
    attempt: "a made-up refresh token, without an access token",
    document: `mutation ($t: String) { portalLogout(refreshToken: $t) }`,
    variables: () => ({ t: "nie-je-to-token" }),
    caller: () => null,
    gets: "UNAUTHENTICATED",
  },
];
