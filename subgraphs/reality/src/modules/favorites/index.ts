// Favorites and saved searches of portal users.
export { favoriteResolvers } from "./resolvers.ts";
export { createFavoriteLoaders } from "./loaders.ts";
export { matchSavedSearches } from "./saved-search-matching.ts";
