// Access cases of the organizations module: memberships, roles, invitations, powers of attorney
// and the audit log of the caller's active organization. Mutations that would legitimately act
// on the other tenant's own organization get input that is invalid for everyone: the case still
// proves that the token and the permission are checked first and that nothing changes.
import type { AccessCase, Probe } from "./cases.ts";

export const organizationsCases: AccessCase[] = [
  {
    field: "Query.members",
    document: `{ members(first: 100) { totalCount edges { node { id email user { id } roles } } } }`,
    variables: () => ({}),
    permission: "users:read",
    kind: "list",
  },
  {
    field: "Query.auditLog",
    document: `{ auditLog(first: 100) { totalCount edges { node { id entityId actor { id } diff } } } }`,
    variables: () => ({}),
    permission: "audit:read",
    kind: "list",
  },
  {
    // A one-letter name is invalid for everyone.
    field: "Mutation.updateOrganization",
    document: `mutation { updateOrganization(input: { name: "X" }) { id name } }`,
    variables: () => ({}),
    permission: "organization:manage",
    kind: "list",
  },
  {
    // super_admin is the platform's role, never an organization's: invalid for everyone.
    field: "Mutation.inviteMember",
    document: `mutation { inviteMember(email: "novy-clen@example.sk", role: "super_admin") { id } }`,
    variables: () => ({}),
    permission: "users:manage",
    kind: "list",
  },
  {
    field: "Query.invitations",
    document: `{ invitations(first: 100) { totalCount edges { node { id email role invitedBy { id } } } } }`,
    variables: () => ({}),
    permission: "users:manage",
    kind: "list",
  },
  {
    field: "Mutation.revokeInvitation",
    document: `mutation ($id: ID!) { revokeInvitation(id: $id) { id } }`,
    variables: (w) => ({ id: w.invitationA }),
    permission: "users:manage",
    kind: "byId",
  },
  {
    field: "Mutation.removeMember",
    document: `mutation ($u: ID!) { removeMember(userId: $u) }`,
    variables: (w) => ({ u: w.memberA }),
    permission: "users:manage",
    kind: "byId",
  },
  {
    field: "Mutation.assignRole",
    document: `mutation ($u: ID!) { assignRole(userId: $u, role: "manager") { id roles } }`,
    variables: (w) => ({ u: w.memberA }),
    permission: "roles:manage",
    kind: "byId",
  },
  {
    field: "Mutation.revokeRole",
    document: `mutation ($u: ID!) { revokeRole(userId: $u, role: "tenant") { id roles } }`,
    variables: (w) => ({ u: w.memberA }),
    permission: "roles:manage",
    kind: "byId",
  },
  {
    // An owner gives a power of attorney for a unit they own; a unit of someone else looks missing.
    field: "Mutation.delegateRights",
    document: `mutation ($to: ID!, $unit: ID) { delegateRights(input: { toUserId: $to, unitId: $unit, scope: VOTING }) { id } }`,
    variables: (w) => ({ to: w.memberA, unit: w.unitA }),
    permission: "buildings:read",
    kind: "byId",
    denied: [{ who: "an owner of another unit", as: (w) => ({ userId: w.neighbourA, roles: ["owner"] }), gets: "missing" }],
  },
  {
    // Not a permission: the giver may revoke their own delegation, staff with users:manage anyone's.
    field: "Mutation.revokeDelegation",
    document: `mutation ($id: ID!) { revokeDelegation(id: $id) { id revokedAt } }`,
    variables: (w) => ({ id: w.delegationA }),
    kind: "byId",
    denied: [
      { who: "its receiver", as: (w) => ({ userId: w.memberA, roles: ["owner"] }), gets: "missing" },
      { who: "another owner", as: (w) => ({ userId: w.neighbourA, roles: ["owner"] }), gets: "missing" },
    ],
  },
];

export const organizationsProbes: Probe[] = [
  // The invitation's token is the credential: whoever holds it may accept, for its address only.
  {
    field: "Mutation.acceptInvitation",
    attempt: "a made-up token, without an account",
    document: `mutation { acceptInvitation(input: { token: "nie-je-to-token", firstName: "X", lastName: "Y", password: "Dlhe-Heslo-2026" }) { id name } }`,
    variables: () => ({}),
    caller: () => null,
    gets: "BAD_USER_INPUT",
  },
  {
    field: "Mutation.acceptInvitation",
    attempt: "A's invitation (for another address), by another tenant's user",
    document: `mutation ($token: String!) { acceptInvitation(input: { token: $token }) { id name } }`,
    variables: (w) => ({ token: w.invitationTokenA }),
    caller: (w) => ({ userId: w.userB, organizationId: w.orgB, roles: ["org_admin"] }),
    gets: "FORBIDDEN",
  },
  {
    field: "Mutation.acceptInvitation",
    attempt: "A's invitation (for another address), by a member of A",
    document: `mutation ($token: String!) { acceptInvitation(input: { token: $token }) { id name } }`,
    variables: (w) => ({ token: w.invitationTokenA }),
    caller: (w) => ({ userId: w.memberA, organizationId: w.orgA, roles: ["tenant"] }),
    gets: "FORBIDDEN",
  },
  {
    field: "Mutation.acceptInvitation",
    attempt: "A's invitation without an account and without the new account's details",
    document: `mutation ($token: String!) { acceptInvitation(input: { token: $token }) { id name } }`,
    variables: (w) => ({ token: w.invitationTokenA }),
    caller: () => null,
    gets: "BAD_USER_INPUT",
  },
  // Seeing an invitation needs its token, like accepting it; the answer names no id of A.
  {
    field: "Query.invitationByToken",
    attempt: "a made-up token, without an account",
    document: `query ($token: String!) { invitationByToken(token: $token) { organizationName email role expiresAt } }`,
    variables: () => ({ token: "nie-je-to-token" }),
    caller: () => null,
    gets: "BAD_USER_INPUT",
  },
  {
    field: "Query.invitationByToken",
    attempt: "a made-up token, by another tenant's user",
    document: `query ($token: String!) { invitationByToken(token: $token) { organizationName email role expiresAt } }`,
    variables: () => ({ token: "nie-je-to-token" }),
    caller: (w) => ({ userId: w.userB, organizationId: w.orgB, roles: ["org_admin"] }),
    gets: "BAD_USER_INPUT",
  },
  {
    field: "Query.invitationByToken",
    attempt: "A's invitation by the holder of its token, without an account",
    document: `query ($token: String!) { invitationByToken(token: $token) { organizationName email role expiresAt } }`,
    variables: (w) => ({ token: w.invitationTokenA }),
    caller: () => null,
    gets: "answer",
  },
  {
    field: "Query.myDelegations",
    attempt: "by a member of A who gave and received none",
    document: `{ myDelegations(first: 100) { totalCount edges { node { id fromUser { id } toUser { id } } } } }`,
    variables: () => ({}),
    caller: (w) => ({ userId: w.neighbourA, organizationId: w.orgA, roles: ["org_admin"] }),
    gets: "answer",
  },
  {
    field: "Query.myDelegations",
    attempt: "by another tenant's user",
    document: `{ myDelegations(first: 100) { totalCount edges { node { id } } } }`,
    variables: () => ({}),
    caller: (w) => ({ userId: w.userB, organizationId: w.orgB, roles: ["org_admin"] }),
    gets: "answer",
  },
];
