// The property subgraph's live routes: for every event type its modules write, the pub/sub
// channels it wakes. A type missing here is logged and wakes nobody (the kit never guesses).
import { noLiveChannels, type LiveRoutes } from "@ppt/server-kit";
import { faultLiveRoutes } from "./modules/faults/index.ts";
import { messageLiveRoutes } from "./modules/messages/index.ts";
import { notificationLiveRoutes } from "./modules/notifications/index.ts";
import { voteLiveRoutes } from "./modules/voting/index.ts";

/** Events that only workers and the audit trail care about: no live feed listens to them. */
const withoutLiveFeeds: LiveRoutes = Object.fromEntries(
  [
    "announcement",
    "building",
    "entrance",
    "unit",
    "organization",
    "delegation",
    "document",
    "document_folder",
    "file_upload",
    "user",
    "session",
    "api_client",
  ].map((aggregate) => [`${aggregate}.*`, noLiveChannels]),
);

export const propertyLiveRoutes: readonly LiveRoutes[] = [faultLiveRoutes, messageLiveRoutes, voteLiveRoutes, notificationLiveRoutes, withoutLiveFeeds];
