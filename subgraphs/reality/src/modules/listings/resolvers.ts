import type { Resolvers } from "../../generated/graphql.ts";
import { ownerListings } from "./owner-pages.ts";
import * as photos from "./photos.ts";
import * as listings from "./service.ts";
import { similarListings } from "./similar.ts";
import { listingAvailability, listingCategories, sitemapListings } from "./sitemap.ts";

export const listingResolvers: Resolvers = {
  Query: {
    listing: (_, { id }, ctx) => listings.getListing(ctx, id),
    myListings: (_, { status, first, after }, ctx) => listings.myListings(ctx, status, first, after),
    listingAvailability: (_, { id }, ctx) => listingAvailability(ctx, id),
    sitemapListings: (_, { page, pageSize }, ctx) => sitemapListings(ctx, page, pageSize),
    listingCategories: (_, __, ctx) => listingCategories(ctx),
  },
  Mutation: {
    createListing: (_, { input }, ctx) => listings.createListing(ctx, input),
    updateListing: (_, { id, input }, ctx) => listings.updateListing(ctx, id, input),
    publishListing: (_, { id }, ctx) => listings.publishListing(ctx, id),
    changeListingStatus: (_, { id, status }, ctx) => listings.changeListingStatus(ctx, id, status),
    archiveListing: (_, { id }, ctx) => listings.archiveListing(ctx, id),
    publishUnitListing: (_, { unitId, input }, ctx) => listings.publishUnitListing(ctx, unitId, input),
    requestListingPhotoUpload: (_, { listingId, input }, ctx) => photos.requestListingPhotoUpload(ctx, listingId, input),
    confirmListingPhoto: (_, { photoId }, ctx) => photos.confirmListingPhoto(ctx, photoId),
    removeListingPhoto: (_, { photoId }, ctx) => photos.removeListingPhoto(ctx, photoId),
    reorderListingPhotos: (_, { listingId, photoIds }, ctx) => photos.reorderListingPhotos(ctx, listingId, photoIds),
  },
  ListingPhoto: {
    url: (photo, _, ctx) => photos.photoUrl(ctx, photo),
  },
  Listing: {
    __resolveReference: async ({ id }, ctx) => {
      const listing = await ctx.loaders.listing.load(id);
      return listing && listings.isPublic(listing) ? listing : null;
    },
    description: (listing, _, ctx) => listings.localizedDescription(listing, ctx.language),
    descriptionTranslations: (listing) =>
      Object.entries((listing.descriptionTranslations ?? {}) as Record<string, string>).map(([language, text]) => ({ language, text })),
    price: (listing) => ({ amount: listing.price.toString(), currency: listing.currency }),
    priceHistory: async (listing, _, ctx) =>
      (await listings.priceHistoryOf(ctx, listing.id)).map((change) => ({
        oldPrice: change.oldPrice?.toString() ?? null,
        newPrice: change.newPrice.toString(),
        currency: change.currency,
        changedAt: change.changedAt,
      })),
    photos: (listing, _, ctx) => photos.photosOf(ctx, listing.id),
    sizeSqm: (listing) => listing.sizeSqm?.toString() ?? null,
    landSizeSqm: (listing) => listing.landSizeSqm?.toString() ?? null,
    street: (listing) => listings.publicStreet(listing),
    latitude: (listing) => (listing.addressVisibility === "FULL" ? listing.latitude : null),
    longitude: (listing) => (listing.addressVisibility === "FULL" ? listing.longitude : null),
    counters: async (listing, _, ctx) =>
      (await listings.isEditableByCaller(ctx, listing))
        ? { views: listing.viewsCount, favorites: listing.favoritesCount, inquiries: listing.inquiriesCount }
        : null,
    realtor: (listing, _, ctx) => (listing.realtorId ? ctx.loaders.realtor.load(listing.realtorId) : null),
    agency: (listing, _, ctx) => (listing.agencyId ? ctx.loaders.agency.load(listing.agencyId) : null),
    unit: (listing) => (listing.unitId ? { __typename: "Unit" as const, id: listing.unitId } : null),
    similar: (listing, { first }, ctx) => similarListings(ctx, listing, first ?? 6),
  },
  // The listings fields of realtors and agencies: their pages are this module's queries.
  Realtor: {
    listings: (realtor, { first, after }, ctx) => ownerListings(ctx, "realtor", realtor.id, first, after),
  },
  Agency: {
    listings: (agency, { first, after }, ctx) => ownerListings(ctx, "agency", agency.id, first, after),
  },
  Unit: {
    __resolveReference: ({ id }) => ({ id }),
    listings: (unit, _, ctx) => listings.listingsOfUnit(ctx, unit.id),
  },
};
