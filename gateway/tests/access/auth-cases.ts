// Access cases of the auth module. Most of its fields are either anonymous account flows (on the
// public allowlist: their probes below call them with garbage or with another's input) or a
// signed-in person's own account (self-service fields); partner clients are the organization's
// and need api-clients:manage.
import type { AccessCase, Probe } from "./cases.ts";

export const authCases: AccessCase[] = [
  {
    field: "Query.apiClients",
    document: `{ apiClients(first: 50, includeRevoked: true) { totalCount edges { node { id clientId name } } } }`,
    variables: () => ({}),
    permission: "api-clients:manage",
    kind: "list",
  },
  {
    // No permission at all is invalid for everyone: the permission is checked before the input.
    field: "Mutation.createApiClient",
    document: `mutation { createApiClient(input: { name: "Partner", permissions: [] }) { clientSecret apiClient { id } } }`,
    variables: () => ({}),
    permission: "api-clients:manage",
    kind: "list",
  },
  {
    field: "Mutation.revokeApiClient",
    document: `mutation ($id: ID!) { revokeApiClient(id: $id) { id revokedAt } }`,
    variables: (w) => ({ id: w.apiClientA }),
    permission: "api-clients:manage",
    kind: "byId",
  },
];

const emailOf = (userId: string) => `${userId}@example.sk`; // fixtures.createUser's address

export const authProbes: Probe[] = [
  // Anonymous account flows with garbage or with A's people's input.
  {
    field: "Mutation.register",
    attempt: "an address of A's member with a too short password",
    document: `mutation ($input: RegisterInput!) { register(input: $input) }`,
    variables: (w) => ({ input: { email: emailOf(w.userA), password: "kratke", firstName: "X", lastName: "Y" } }),
    caller: () => null,
    gets: "BAD_USER_INPUT",
  },
  {
    field: "Mutation.verifyEmail",
    attempt: "a made-up token",
    document: `mutation ($token: String!) { verifyEmail(token: $token) }`,
    variables: () => ({ token: "nie-je-to-token" }),
    caller: () => null,
    gets: "BAD_USER_INPUT",
  },
  {
    field: "Mutation.login",
    attempt: "A's member's address with a wrong password, into A",
    document: `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id } organization { id } } }`,
    variables: (w) => ({ input: { email: emailOf(w.userA), password: "Zle-Heslo-123", organizationId: w.orgA } }),
    caller: () => null,
    gets: "UNAUTHENTICATED",
  },
  {
    field: "Mutation.completeMfaLogin",
    attempt: "a made-up challenge token",
    document: `mutation ($input: CompleteMfaLoginInput!) { completeMfaLogin(input: $input) { accessToken user { id } } }`,
    variables: () => ({ input: { mfaToken: "eyJhbGciOiJFZERTQSJ9.e30.AAAA", code: "123456" } }),
    caller: () => null,
    gets: "UNAUTHENTICATED",
  },
  {
    field: "Mutation.refreshToken",
    attempt: "a made-up refresh token",
    document: `mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken user { id } organization { id } } }`,
    variables: () => ({ t: "nie-je-to-token" }),
    caller: () => null,
    gets: "UNAUTHENTICATED",
  },
  {
    field: "Mutation.requestPasswordReset",
    attempt: "something that is not an address",
    document: `mutation ($email: EmailAddress!) { requestPasswordReset(email: $email) }`,
    variables: () => ({ email: "nie-je-adresa" }),
    caller: () => null,
    gets: "BAD_USER_INPUT",
  },
  {
    field: "Mutation.resetPassword",
    attempt: "a made-up token",
    document: `mutation ($token: String!) { resetPassword(token: $token, newPassword: "Nove-Dlhe-Heslo-2026") }`,
    variables: () => ({ token: "nie-je-to-token" }),
    caller: () => null,
    gets: "BAD_USER_INPUT",
  },
  {
    field: "Mutation.issueClientToken",
    attempt: "A's client id with a wrong secret",
    document: `mutation ($id: String!) { issueClientToken(clientId: $id, clientSecret: "zly-kluc") { accessToken } }`,
    variables: (w) => ({ id: w.apiClientIdA }),
    caller: () => null,
    gets: "UNAUTHENTICATED",
  },
  {
    // logout also takes a refresh token instead of an access token (a device that lost the access token).
    field: "Mutation.logout",
    attempt: "a made-up refresh token, without an access token",
    document: `mutation ($t: String) { logout(refreshToken: $t) }`,
    variables: () => ({ t: "nie-je-to-token" }),
    caller: () => null,
    gets: "UNAUTHENTICATED",
  },

  // Self-service fields given someone else's object.
  {
    field: "Mutation.revokeSession",
    attempt: "A's member's session, by another tenant's user",
    document: `mutation ($id: ID!) { revokeSession(id: $id) }`,
    variables: (w) => ({ id: w.sessionA }),
    caller: (w) => ({ userId: w.userB, organizationId: w.orgB, roles: ["org_admin"] }),
    gets: "missing",
  },
  {
    field: "Mutation.revokeSession",
    attempt: "another member's session, by a member of the same organization",
    document: `mutation ($id: ID!) { revokeSession(id: $id) }`,
    variables: (w) => ({ id: w.sessionA }),
    caller: (w) => ({ userId: w.memberA, organizationId: w.orgA, roles: ["org_admin"] }),
    gets: "missing",
  },
  {
    field: "Mutation.switchOrganization",
    attempt: "A, by another tenant's user",
    document: `mutation ($id: ID!) { switchOrganization(id: $id) { accessToken organization { id name } } }`,
    variables: (w) => ({ id: w.orgA }),
    caller: (w) => ({ userId: w.userB, organizationId: w.orgB, roles: ["org_admin"] }),
    gets: "missing",
  },
  {
    field: "Query.mySessions",
    attempt: "by a member of A who has none",
    document: `{ mySessions { id organization { id } } }`,
    variables: () => ({}),
    caller: (w) => ({ userId: w.memberA, organizationId: w.orgA, roles: ["org_admin"] }),
    gets: "answer",
  },
  {
    field: "Query.me",
    attempt: "by another tenant's user",
    document: `{ me { id email memberships { organization { id } roles } } }`,
    variables: () => ({}),
    caller: (w) => ({ userId: w.userB, organizationId: w.orgB, roles: ["org_admin"] }),
    gets: "answer",
  },
];
