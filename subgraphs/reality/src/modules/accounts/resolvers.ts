import type { Resolvers } from "../../generated/graphql.ts";
import * as oidc from "./oidc.ts";
import { linkRealtorProfile } from "./realtor-link.ts";
import * as accounts from "./service.ts";
import * as sessions from "./sessions.ts";

export const accountResolvers: Resolvers = {
  Query: {
    portalMe: (_, __, ctx) => accounts.portalMe(ctx),
    portalSignInProviders: (_, __, ctx) => oidc.portalSignInProviders(ctx),
  },
  Mutation: {
    registerPortalUser: (_, { input }, ctx) => accounts.registerPortalUser(ctx, input),
    verifyPortalEmail: (_, { token }, ctx) => accounts.verifyPortalEmail(ctx, token),
    requestPortalPasswordReset: (_, { email }, ctx) => accounts.requestPortalPasswordReset(ctx, email),
    resetPortalPassword: (_, { token, newPassword }, ctx) => accounts.resetPortalPassword(ctx, token, newPassword),
    portalLogin: (_, { email, password }, ctx) => accounts.portalLogin(ctx, { email, password }),
    refreshPortalToken: (_, { refreshToken }, ctx) => sessions.refreshPortalSession(ctx, refreshToken),
    portalLogout: (_, { refreshToken }, ctx) => sessions.portalLogout(ctx, refreshToken),
    startPortalOidcLogin: (_, { provider, redirectUri }, ctx) => oidc.startPortalOidcLogin(ctx, provider, redirectUri),
    completePortalOidcLogin: (_, args, ctx) => oidc.completePortalOidcLogin(ctx, args),
    linkPortalOidcProvider: (_, args, ctx) => oidc.linkPortalOidcProvider(ctx, args),
    linkRealtorProfile: (_, { realtorId }, ctx) => linkRealtorProfile(ctx, realtorId),
  },
  PortalAccount: {
    displayName: (user) => user.name,
    emailVerified: (user) => user.emailVerifiedAt !== null,
    linkedProviders: (user, _, ctx) => accounts.linkedProviders(ctx, user.id),
    realtorProfile: (user, _, ctx) => ctx.loaders.realtorByPortalUser.load(user.id),
  },
};
