// The live channel of a vote (`voteTallyUpdated`): every vote event wakes it; the feed reads
// the stored tally only when the event carries a newer tally version.
import type { LiveRoutes } from "@ppt/server-kit";

export const voteChannel = (voteId: string) => `vote:${voteId}`;

export const voteLiveRoutes: LiveRoutes = {
  "vote.*": (event) => [voteChannel(event.aggregateId)],
};
