// Favorites and saved searches of portal users.
export { favoriteResolvers } from "./resolvers.ts";
export { createFavoriteLoaders } from "./loaders.ts";
export { matchSavedSearches } from "./saved-search-matching.ts";
export { queueSavedSearchDigests, savedSearchAlertConsumers, SAVED_SEARCH_ALERT_CONSUMER } from "./saved-search-alerts.ts";
