import type { Resolvers } from "../../generated/graphql.ts";
import { listingClusters } from "./map-clusters.ts";
import { fieldsSelectedAt, selectsField } from "./selection.ts";
import { searchListings } from "./service.ts";

export const searchResolvers: Resolvers = {
  Query: {
    searchListings: (_, { filter, sort, first, after }, ctx, info) =>
      searchListings(ctx, filter, sort, first, after, {
        facets: selectsField(info, "facets"),
        count: selectsField(info, "totalCount") || selectsField(info, "totalCountIsExact"),
        listingFields: fieldsSelectedAt(info, ["edges", "node"]),
      }),
    listingClusters: (_, { bounds, zoom, filter }, ctx) => listingClusters(ctx, bounds, zoom, filter),
  },
  ListingCluster: {
    listing: (cluster, _, ctx) => (cluster.listingId ? ctx.loaders.listing.load(cluster.listingId) : null),
  },
};
