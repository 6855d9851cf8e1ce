// The buildings (with their entrances) a staff member can address or file something under: the
// announcement form's audience and the document upload's building share this one query.
import { graphql } from "../generated/gql.ts";

export const AudienceBuildings = graphql(`
  query AudienceBuildings {
    buildings(first: 100) {
      edges {
        node {
          id
          street
          streetNumber
          city
          entrances {
            id
            designation
          }
        }
      }
    }
  }
`);
