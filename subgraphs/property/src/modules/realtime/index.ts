// The realtime module's public surface: the subscriptions and this process's live feeds.
export { realtimeResolvers, realtimeSharedFeeds } from "./resolvers.ts";
export { createTallyFeeds, tallyFeedReads, type TallyFeeds } from "./tally-feed.ts";
