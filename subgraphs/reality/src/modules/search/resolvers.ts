import type { Resolvers } from "../../generated/graphql.ts";
import { searchListings } from "./service.ts";

export const searchResolvers: Resolvers = {
  Query: {
    searchListings: (_, { filter, sort, first, after }, ctx) => searchListings(ctx, filter, sort, first, after),
  },
};
