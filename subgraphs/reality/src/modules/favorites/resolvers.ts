import type { Resolvers } from "../../generated/graphql.ts";
import * as favorites from "./service.ts";
import * as savedSearches from "./saved-searches.ts";

export const favoriteResolvers: Resolvers = {
  Query: {
    myFavorites: (_, { first, after }, ctx) => favorites.myFavorites(ctx, first, after),
    mySavedSearches: (_, __, ctx) => savedSearches.mySavedSearches(ctx),
  },
  Mutation: {
    addFavorite: (_, { listingId }, ctx) => favorites.addFavorite(ctx, listingId),
    removeFavorite: (_, { listingId }, ctx) => favorites.removeFavorite(ctx, listingId),
    saveSearch: (_, { input }, ctx) => savedSearches.saveSearch(ctx, input),
    deleteSavedSearch: (_, { id }, ctx) => savedSearches.deleteSavedSearch(ctx, id),
  },
};
