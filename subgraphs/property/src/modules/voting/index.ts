// The voting module's public surface.
export { visibleVote } from "./access.ts";
export { closeDueVotes } from "./closing.ts";
export { writeVoteClosingReminders } from "./reminders.ts";
export { computeTally, getVoteTally } from "./live-tally.ts";
export { createVotingLoaders } from "./loaders.ts";
export { votingResolvers } from "./resolvers.ts";
export { voteChannel, voteLiveRoutes } from "./live-routes.ts";
export { voteNotice, type VoteNotice } from "./notice.ts";
