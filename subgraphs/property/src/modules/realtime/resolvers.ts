import type { Resolvers } from "../../generated/graphql.ts";
import { buildingById } from "../buildings/index.ts";
import { visibleVote } from "../voting/index.ts";
import { getVoteTally } from "../voting/index.ts";
import { subscribeFaultUpdated } from "./fault-updates.ts";
import { subscribeVoteTally } from "./tally-feed.ts";

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
