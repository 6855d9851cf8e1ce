// The messages module's public surface.
export { createConversationFeeds, type ConversationFeeds } from "./live.ts";
export { createMessageLoaders } from "./loaders.ts";
export { messageResolvers } from "./resolvers.ts";
export { messageLiveRoutes } from "./live-routes.ts";
export { writeUnreadMessageDigests, DIGEST_DELAY_MS } from "./digests.ts";
