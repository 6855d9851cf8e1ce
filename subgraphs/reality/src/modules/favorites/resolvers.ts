import type { Resolvers } from "../../generated/graphql.ts";
import * as favorites from "./service.ts";
import * as savedSearches from "./saved-searches.ts";

export const favoriteResolvers: Resolvers = {
  Query: {
    myFavorites: (_, { first, after }, ctx) => favorites.myFavorites(ctx, first, after),
    mySavedSearches: (_, __, ctx) => savedSearches.mySavedSearches(ctx),
  },
  Listing: {
    savedByMe: (listing, _, ctx) => favorites.savedByMe(ctx, listing.id),
  },
  Mutation: {
    addFavorite: (_, { listingId }, ctx) => favorites.addFavorite(ctx, listingId),
    removeFavorite: (_, { listingId }, ctx) => favorites.removeFavorite(ctx, listingId),
    saveSearch: (_, { input }, ctx) => savedSearches.saveSearch(ctx, input),
    deleteSavedSearch: (_, { id }, ctx) => savedSearches.deleteSavedSearch(ctx, id),
    unsubscribeSavedSearchAlerts: (_, { token }, ctx) => savedSearches.unsubscribeSavedSearchAlerts(ctx, token),
  },
};
