// The reality subgraph's live routes. It serves no live feed yet: every event type it writes is
// declared without channels (workers get them from the stream); a type missing here is logged.
import { noLiveChannels, type LiveRoutes } from "@ppt/server-kit";

const withoutLiveFeeds: LiveRoutes = Object.fromEntries(
  ["listing", "viewing", "inquiry", "saved_search", "portal_user", "agency", "realtor"].map((aggregate) => [`${aggregate}.*`, noLiveChannels]),
);

export const realityLiveRoutes: readonly LiveRoutes[] = [withoutLiveFeeds];
