import type { Resolvers } from "../../generated/graphql.ts";
import * as accounts from "./accounts.ts";
import * as apiClients from "./api-clients.ts";
import * as loginFlow from "./login.ts";
import * as mfa from "./mfa.ts";
import * as sessions from "./sessions.ts";
import { accountMemberships, organizationOf } from "./views.ts";

export const authResolvers: Resolvers = {
  Query: {
    me: (_, __, ctx) => accounts.me(ctx),
    mySessions: (_, __, ctx) => sessions.mySessions(ctx),
    apiClients: (_, { first, after, includeRevoked }, ctx) => apiClients.listApiClients(ctx, first, after, includeRevoked),
  },
  Mutation: {
    register: (_, { input }, ctx) => accounts.register(ctx, input),
    verifyEmail: (_, { token }, ctx) => accounts.verifyEmail(ctx, token),
    login: (_, { input }, ctx) => loginFlow.login(ctx, input),
    completeMfaLogin: (_, { input }, ctx) => loginFlow.completeMfaLogin(ctx, input),
    refreshToken: (_, { refreshToken }, ctx) => sessions.refreshSession(ctx, refreshToken),
    logout: (_, { refreshToken }, ctx) => sessions.logout(ctx, refreshToken),
    logoutAllSessions: (_, __, ctx) => sessions.logoutAllSessions(ctx),
    revokeSession: (_, { id }, ctx) => sessions.revokeSession(ctx, id),
    changePassword: (_, { currentPassword, newPassword }, ctx) => accounts.changePassword(ctx, currentPassword, newPassword),
    requestPasswordReset: (_, { email }, ctx) => accounts.requestPasswordReset(ctx, email),
    resetPassword: (_, { token, newPassword }, ctx) => accounts.resetPassword(ctx, token, newPassword),
    switchOrganization: (_, { id }, ctx) => sessions.switchOrganization(ctx, id),
    enrollTotp: (_, __, ctx) => mfa.enrollTotp(ctx),
    confirmTotp: (_, { code }, ctx) => mfa.confirmTotp(ctx, code),
    disableTotp: (_, { code }, ctx) => mfa.disableTotp(ctx, code),
    createApiClient: (_, { input }, ctx) => apiClients.createApiClient(ctx, input),
    revokeApiClient: (_, { id }, ctx) => apiClients.revokeApiClient(ctx, id),
    issueClientToken: (_, { clientId, clientSecret }, ctx) => apiClients.issueClientToken(ctx, clientId, clientSecret),
  },
  AuthPayload: {
    organization: (payload, _, ctx) => organizationOf(ctx, payload.organizationId),
  },
  Account: {
    memberships: (account, _, ctx) => accountMemberships(ctx, account.id),
  },
  AccountMembership: {
    organization: async (membership, _, ctx) => (await organizationOf(ctx, membership.organizationId))!,
  },
  Session: {
    organization: (session, _, ctx) => organizationOf(ctx, session.organizationId),
  },
};
