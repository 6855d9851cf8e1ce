// The reality subgraph's live routes. It serves no live feed yet: the events of what public reads
// show (listings, agencies, realtors) go to the gateway's response cache, which drops the answers
// that showed them; every other type it writes is declared without channels (workers get them
// from the stream); a type missing here is logged.
import { noLiveChannels, publicChange, type LiveRoutes } from "@ppt/server-kit";

const publicAggregates: LiveRoutes = Object.fromEntries(["listing", "agency", "realtor"].map((aggregate) => [`${aggregate}.*`, publicChange]));

const withoutLiveFeeds: LiveRoutes = Object.fromEntries(
  ["viewing", "inquiry", "saved_search", "portal_user"].map((aggregate) => [`${aggregate}.*`, noLiveChannels]),
);

export const realityLiveRoutes: readonly LiveRoutes[] = [publicAggregates, withoutLiveFeeds];
