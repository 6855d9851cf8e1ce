import type { Resolvers } from "../../generated/graphql.ts";
import { buildingById } from "../buildings/index.ts";
import { visibleVote } from "../voting/index.ts";
import { getVoteTally } from "../voting/index.ts";
import { subscribeFaultUpdated } from "./fault-updates.ts";
import { subscribeVoteTally } from "./tally-feed.ts";

/**
 * Feeds that hand one event object to every subscriber they admitted (a tally is the same for
 * everyone who may see it): identical subscriptions of a gateway share one operation here.
 * `faultUpdated` builds each subscriber's own view, so it is not one of them.
 */
export const realtimeSharedFeeds = ["voteTallyUpdated"] as const;

export const realtimeResolvers: Resolvers = {
  Subscription: {
    faultUpdated: {
      subscribe: (_, { buildingId }, ctx) => subscribeFaultUpdated(ctx, buildingId),
    },
    voteTallyUpdated: {
      subscribe: (_, { voteId }, ctx) => subscribeVoteTally(ctx, voteId, getVoteTally, visibleVote),
    },
  },
  FaultUpdate: {
    building: (update, _, ctx) => buildingById(ctx, update.buildingId),
  },
};
