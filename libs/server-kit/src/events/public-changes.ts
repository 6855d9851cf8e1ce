// The channel that tells the gateway's response cache which public data changed: a subgraph routes
// the events of its public aggregates (a listing, an agency, a realtor) here, and every gateway
// replica drops the cached answers that showed that aggregate. Wake-ups carry the aggregate's type
// and id only, like every other wake-up.
import type { LiveRoute } from "./live-routes.ts";

export const PUBLIC_CHANGES_CHANNEL = "public-changes";

/** The live route of an event type whose aggregate appears in public reads. */
export const publicChange: LiveRoute = () => [PUBLIC_CHANGES_CHANNEL];
