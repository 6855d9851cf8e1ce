import type { Resolvers } from "../../generated/graphql.ts";
import * as agencies from "./service.ts";

export const agencyResolvers: Resolvers = {
  Query: {
    agency: (_, { id }, ctx) => agencies.getAgency(ctx, id),
    agencyBySlug: (_, { slug }, ctx) => agencies.agencyBySlug(ctx, slug),
  },
  Mutation: {
    createAgency: (_, { input }, ctx) => agencies.createAgency(ctx, input),
    addAgencyRealtor: (_, { agencyId, realtorId, role }, ctx) => agencies.addAgencyRealtor(ctx, agencyId, realtorId, role ?? "MEMBER"),
    removeAgencyRealtor: (_, { agencyId, realtorId }, ctx) => agencies.removeAgencyRealtor(ctx, agencyId, realtorId),
  },
  Agency: {
    __resolveReference: ({ id }, ctx) => ctx.loaders.agency.load(id),
    realtors: (agency, _, ctx) => agencies.membersOf(ctx, agency.id),
  },
  AgencyMembership: {
    agency: async (membership, _, ctx) => (await ctx.loaders.agency.load(membership.agencyId))!,
    realtor: async (membership, _, ctx) => (await ctx.loaders.realtor.load(membership.realtorId))!,
  },
};
