// The public listing search.
export { searchResolvers } from "./resolvers.ts";
export { PUBLIC_SEARCH, SEARCH_COUNT_CAP, searchListings } from "./service.ts";
