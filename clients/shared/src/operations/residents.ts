// What a resident or owner reads first: who they are, their buildings and units, announcements.
import { graphql } from "../generated/gql.ts";

export const MyHome = graphql(`
  query MyHome {
    me {
      id
      firstName
      lastName
    }
    buildings(first: 20) {
      edges {
        node {
          id
          name
          street
          streetNumber
          city
          units {
            id
            designation
            floor
          }
        }
      }
    }
  }
`);

export const ResidentAnnouncements = graphql(`
  query ResidentAnnouncements($first: Int, $after: String) {
    announcements(first: $first, after: $after) {
      edges {
        node {
          id
          title
          body
          publishedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
