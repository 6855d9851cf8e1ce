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
  /** The variables of this search's n-th request (n counts this search's requests, from 0). */
  variables: (n: number) => Record<string, unknown>;
}

const FEATURES = ["balkon", "lodzia", "vytah", "pivnica", "garaz", "parkovanie", "terasa", "zahrada", "klimatizacia", "novostavba"];
const FOLDED_CITIES = ["kosice", "bratislava", "presov", "zilina", "nitra", "trnava", "martin", "poprad", "trencin"];
const city = (n: number) => CITIES[n % CITIES.length]!;
/** A step of `size` between -spread and +spread, scattered over n (a different prime per use). */
const jitter = (n: number, prime: number, spread: number, size: number) => (((n * prime) % (2 * spread + 1)) - spread) * size;

/**
 * A mix of what portal visitors do. Each search varies with every request (tens to hundreds of
 * distinct variables per search, scattered over the cities), so concurrent requests are rarely
 * identical: the gateway's in-flight deduplication and PostgreSQL's cache of one hot page do not
 * stand in for the work of varied traffic. Requests 0–2 of full text are the pairs words.ts times.
 */
export const MIX: Search[] = [
  {
    name: "newest in a city",
    query: SEARCH,
    variables: (n) => ({
      filter: { city: city(n)[0], transactionType: n % 3 === 2 ? "RENT" : "SALE", propertyType: [undefined, "APARTMENT", "HOUSE"][Math.floor(n / 10) % 3] },
      sort: "NEWEST",
      first: 20,
    }),
  },
  {
    name: "full text + relevance",
    query: SEARCH,
    variables: (n) => ({ filter: { query: `${2 + (n % 4)}-izbovy ${FOLDED_CITIES[n % FOLDED_CITIES.length]}` }, sort: "RELEVANCE", first: 20 }),
  },
  {
    name: "price range + rooms, cheapest first",
    query: SEARCH,
    variables: (n) => ({
      filter: {
        propertyType: "APARTMENT",
        transactionType: "SALE",
        minPrice: String(80_000 + (n % 13) * 5_000),
        maxPrice: String(160_000 + (n % 7) * 20_000),
        minRooms: 1 + (n % 3),
        maxRooms: 2 + (n % 3),
      },
      sort: "PRICE_ASC",
      first: 20,
    }),
  },
  {
    name: "radius 3 km, largest first",
    query: SEARCH,
    variables: (n) => {
      const [, lat, lng] = city(n);
      return {
        filter: { radius: { latitude: lat + jitter(n, 7, 5, 0.004), longitude: lng + jitter(n, 3, 6, 0.005), radiusKm: 2 + (n % 3) } },
        sort: "SIZE_DESC",
        first: 20,
      };
    },
  },
  {
    name: "map box + facets",
    query: SEARCH_WITH_FACETS,
    variables: (n) => {
      const [, lat, lng] = city(n);
      const south = lat - 0.03 + jitter(n, 5, 4, 0.002);
      const west = lng - 0.05 + jitter(n, 3, 3, 0.003);
      return { filter: { boundingBox: { south, west, north: south + 0.05, east: west + 0.08 } }, first: 50 };
    },
  },
  {
    name: "features, priciest first",
    query: SEARCH,
    variables: (n) => ({
      filter: { features: [FEATURES[n % 10], FEATURES[(n * 3 + 1) % 10]], city: city(Math.floor(n / 10))[0] },
      sort: "PRICE_DESC",
      first: 20,
    }),
  },
  {
    name: "map clusters, Slovakia at zoom 7",
    query: CLUSTERS,
    variables: (n) => ({
      bounds: { south: 47.7 + (n % 7) * 0.01, west: 16.8 + (n % 50) * 0.01, north: 49.6, east: 22.6 },
      zoom: 7,
      filter: { transactionType: Math.floor(n / 50) % 2 ? "RENT" : "SALE" },
    }),
  },
  {
    name: "map clusters, a city at zoom 13",
    query: CLUSTERS,
    variables: (n) => {
      const [, lat, lng] = city(n);
      const south = lat - 0.05 + jitter(n, 7, 5, 0.003);
      const west = lng - 0.08 + jitter(n, 3, 6, 0.004);
      return { bounds: { south, west, north: south + 0.1, east: west + 0.16 }, zoom: 13 };
    },
  },
];
