import type { Resolvers } from "../../generated/graphql.ts";
import * as analytics from "./service.ts";

export const analyticsResolvers: Resolvers = {
  Query: {
    listingStats: (_, { listingId, from, to }, ctx) => analytics.listingStats(ctx, listingId, from, to),
    agencyStats: (_, { agencyId, from, to }, ctx) => analytics.agencyStats(ctx, agencyId, from, to),
  },
  Mutation: {
    recordListingView: (_, { id }, ctx) => analytics.recordListingView(ctx, id),
  },
};
