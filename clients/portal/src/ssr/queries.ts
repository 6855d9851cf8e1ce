// What the server asks before it renders: a listing's current address (to redirect an outdated one)
// and, for a listing not shown, whether it was removed (410) or never existed (404); and the sitemap
// (listings, agencies, realtors and the category pages; ListingCategories also serves the category pages).
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

export const SitemapOverviewQuery = graphql(`
  query SitemapOverview {
    sitemapListings(page: 1, pageSize: 1) {
      totalCount
    }
    sitemapAgencies(page: 1, pageSize: 1) {
      totalCount
    }
    sitemapRealtors(page: 1, pageSize: 1) {
      totalCount
    }
  }
`);

export const SitemapAgenciesQuery = graphql(`
  query SitemapAgencies($page: Int!, $pageSize: Int!) {
    sitemapAgencies(page: $page, pageSize: $pageSize) {
      totalCount
      profiles {
        id
        name
        slug
        updatedAt
      }
    }
  }
`);

export const SitemapRealtorsQuery = graphql(`
  query SitemapRealtors($page: Int!, $pageSize: Int!) {
    sitemapRealtors(page: $page, pageSize: $pageSize) {
      totalCount
      profiles {
        id
        name
        updatedAt
      }
    }
  }
`);

export const ListingCategoriesQuery = graphql(`
  query ListingCategories {
    listingCategories {
      propertyType
      transactionType
      city
      listingCount
    }
  }
`);
