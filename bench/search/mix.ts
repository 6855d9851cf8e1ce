// The seeded cities and the mix of searches bench/search runs (run.ts) and explains (explain.ts).

export const CITIES = [
  ["Bratislava", 48.1486, 17.1077, ["Staré Mesto", "Ružinov", "Petržalka", "Nové Mesto", "Karlova Ves", "Dúbravka"]],
  ["Košice", 48.7164, 21.2611, ["Košice I", "Košice II", "Košice III", "Košice IV"]],
  ["Prešov", 49.0018, 21.2393, ["Prešov"]],
  ["Žilina", 49.2231, 18.7394, ["Žilina"]],
  ["Nitra", 48.3069, 18.0864, ["Nitra"]],
  ["Banská Bystrica", 48.7363, 19.1462, ["Banská Bystrica"]],
  ["Trnava", 48.3774, 17.5872, ["Trnava"]],
  ["Trenčín", 48.8945, 18.0444, ["Trenčín"]],
  ["Martin", 49.0636, 18.9214, ["Martin"]],
  ["Poprad", 49.0614, 20.298, ["Poprad"]],
] as const;

const SEARCH = /* GraphQL */ `
  query Search($filter: ListingFilter, $sort: ListingSort, $first: Int, $after: String) {
    searchListings(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      totalCountIsExact
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          price {
            amount
            currency
          }
          sizeSqm
          rooms
          city
          district
          street
          isFeatured
          publishedAt
        }
      }
    }
  }
`;
const SEARCH_WITH_FACETS = /* GraphQL */ `
  query MapSearch($filter: ListingFilter, $first: Int) {
    searchListings(filter: $filter, first: $first) {
      totalCount
      totalCountIsExact
      facets {
        propertyTypes {
          value
          count
        }
        cities {
          value
          count
        }
        priceBands {
          min
          max
          count
        }
      }
      edges {
        node {
          id
          title
          price {
            amount
          }
          latitude
          longitude
        }
      }
    }
  }
`;

const CLUSTERS = /* GraphQL */ `
  query MapClusters($bounds: BoundingBoxInput!, $zoom: Int!, $filter: ListingFilter) {
    listingClusters(bounds: $bounds, zoom: $zoom, filter: $filter) {
      latitude
      longitude
      count
      expansionZoom
      listing {
        id
      }
    }
  }
`;

export interface Search {
  name: string;
  query: string;
  variables: (i: number) => Record<string, unknown>;
}

/** A mix of what portal visitors do, varied per request so no two consecutive ones are equal. */
export const MIX: Search[] = [
  { name: "newest in a city", query: SEARCH, variables: (i) => ({ filter: { city: CITIES[i % 10]![0], transactionType: "SALE" }, sort: "NEWEST", first: 20 }) },
  {
    name: "full text + relevance",
    query: SEARCH,
    variables: (i) => ({ filter: { query: `${2 + (i % 3)}-izbovy ${["kosice", "bratislava", "presov"][i % 3]}` }, sort: "RELEVANCE", first: 20 }),
  },
  {
    name: "price range + rooms, cheapest first",
    query: SEARCH,
    variables: (i) => ({
      filter: {
        propertyType: "APARTMENT",
        transactionType: "SALE",
        minPrice: String(100_000 + (i % 5) * 10_000),
        maxPrice: "200000",
        minRooms: 2,
        maxRooms: 3,
      },
      sort: "PRICE_ASC",
      first: 20,
    }),
  },
  {
    name: "radius 3 km, largest first",
    query: SEARCH,
    variables: (i) => ({ filter: { radius: { latitude: 48.1486 + (i % 5) * 0.005, longitude: 17.1077, radiusKm: 3 } }, sort: "SIZE_DESC", first: 20 }),
  },
  {
    name: "map box + facets",
    query: SEARCH_WITH_FACETS,
    variables: (i) => ({ filter: { boundingBox: { south: 48.69 + (i % 4) * 0.002, west: 21.22, north: 48.74, east: 21.3 } }, first: 50 }),
  },
  {
    name: "features, priciest first",
    query: SEARCH,
    variables: (i) => ({ filter: { features: ["vytah", i % 2 ? "garaz" : "balkon"], city: "Bratislava" }, sort: "PRICE_DESC", first: 20 }),
  },
  {
    name: "map clusters, Slovakia at zoom 7",
    query: CLUSTERS,
    variables: (i) => ({ bounds: { south: 47.7, west: 16.8 + (i % 4) * 0.01, north: 49.6, east: 22.6 }, zoom: 7, filter: { transactionType: "SALE" } }),
  },
  {
    name: "map clusters, a city at zoom 13",
    query: CLUSTERS,
    variables: (i) => {
      const [, lat, lng] = CITIES[i % 10]!;
      return { bounds: { south: lat - 0.05, west: lng - 0.08, north: lat + 0.05, east: lng + 0.08 }, zoom: 13 };
    },
  },
];
