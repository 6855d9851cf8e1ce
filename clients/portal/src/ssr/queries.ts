// What the server asks before it renders: a listing's current address (to redirect an outdated one)
// and, for a listing not shown, whether it was removed (410) or never existed (404); and the sitemap.
import { graphql } from "../generated/gql.ts";

export const ListingAddressQuery = graphql(`
  query ListingAddress($id: ID!) {
    listing(id: $id) {
      id
      title
      propertyType
      transactionType
      city
    }
  }
`);

export const ListingAvailabilityQuery = graphql(`
  query ListingAvailability($id: ID!) {
    listingAvailability(id: $id)
  }
`);

export const SitemapListingsQuery = graphql(`
  query SitemapListings($page: Int!, $pageSize: Int!) {
    sitemapListings(page: $page, pageSize: $pageSize) {
      totalCount
      listings {
        id
        title
        propertyType
        transactionType
        city
        updatedAt
      }
    }
  }
`);
