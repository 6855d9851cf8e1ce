import type { Resolvers } from "../../generated/graphql.ts";
import * as listings from "./service.ts";

export const listingResolvers: Resolvers = {
  Query: {
    listing: (_, { id }, ctx) => listings.getListing(ctx, id),
  },
  Listing: {
    __resolveReference: async ({ id }, ctx) => {
      const listing = await ctx.loaders.listing.load(id);
      return listing && listings.isPublic(listing) ? listing : null;
    },
    price: (listing) => ({ amount: listing.price.toString(), currency: listing.currency }),
    sizeSqm: (listing) => listing.sizeSqm?.toString() ?? null,
    street: (listing) => listings.publicStreet(listing),
    latitude: (listing) => (listing.addressVisibility === "FULL" ? listing.latitude : null),
    longitude: (listing) => (listing.addressVisibility === "FULL" ? listing.longitude : null),
    realtor: (listing, _, ctx) => (listing.realtorId ? ctx.loaders.realtor.load(listing.realtorId) : null),
    agency: (listing, _, ctx) => (listing.agencyId ? ctx.loaders.agency.load(listing.agencyId) : null),
    unit: (listing) => (listing.unitId ? { __typename: "Unit" as const, id: listing.unitId } : null),
  },
  Unit: {
    __resolveReference: ({ id }) => ({ id }),
    listings: (unit, _, ctx) => listings.listingsOfUnit(ctx, unit.id),
  },
};
