// Bulk edits and agencies' XML feeds (import, export, history).
export { importResolvers } from "./resolvers.ts";
export { importFeed } from "./feed-import.ts";
