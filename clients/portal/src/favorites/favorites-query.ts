import { graphql } from "../generated/gql.ts";

export const FAVORITES_PAGE_SIZE = 12;

/** The favorites page: most recently saved first, 12 at a time. */
export const MyFavoritesQuery = graphql(`
  query MyFavorites($first: Int!, $after: String) {
    myFavorites(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        savedAt
        node {
          id
          ...ListingCard
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
