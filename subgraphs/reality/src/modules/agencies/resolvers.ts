import type { Resolvers } from "../../generated/graphql.ts";
import * as invitations from "./invitations.ts";
import * as memberships from "./memberships.ts";
import * as agencies from "./service.ts";
import * as verification from "./verification.ts";

export const agencyResolvers: Resolvers = {
  Query: {
    agency: (_, { id }, ctx) => agencies.getAgency(ctx, id),
    sitemapAgencies: (_, { page, pageSize }, ctx) => agencies.sitemapAgencies(ctx, page, pageSize),
    agencyBySlug: (_, { slug }, ctx) => agencies.agencyBySlug(ctx, slug),
  },
  Mutation: {
    registerAgency: (_, { input }, ctx) => agencies.registerAgency(ctx, input),
    updateAgency: (_, { agencyId, input }, ctx) => agencies.updateAgency(ctx, agencyId, input),
    confirmAgencyDomain: (_, { token }, ctx) => verification.confirmAgencyDomain(ctx, token),
    verifyAgency: (_, { agencyId }, ctx) => verification.verifyAgency(ctx, agencyId),
    inviteRealtor: (_, { agencyId, email, role }, ctx) => invitations.inviteRealtor(ctx, agencyId, email, role ?? "REALTOR"),
    acceptAgencyInvitation: (_, { token }, ctx) => invitations.acceptAgencyInvitation(ctx, token),
    addAgencyRealtor: (_, { agencyId, realtorId, role }, ctx) => memberships.addAgencyRealtor(ctx, agencyId, realtorId, role ?? "REALTOR"),
    removeAgencyRealtor: (_, { agencyId, realtorId }, ctx) => memberships.removeAgencyRealtor(ctx, agencyId, realtorId),
  },
  Agency: {
    __resolveReference: ({ id }, ctx) => ctx.loaders.agency.load(id),
    verified: (agency) => agency.verifiedAt !== null,
    realtors: (agency, _, ctx) => memberships.membersOf(ctx, agency.id),
  },
  AgencyMembership: {
    agency: async (membership, _, ctx) => (await ctx.loaders.agency.load(membership.agencyId))!,
    realtor: async (membership, _, ctx) => (await ctx.loaders.realtor.load(membership.realtorId))!,
  },
  AgencyInvitation: {
    agency: async (invitation, _, ctx) => (await ctx.loaders.agency.load(invitation.agencyId))!,
  },
};
