// The public map: clusters of what the public search shows, for a map rectangle and zoom.
import { AppError } from "@ppt/server-kit";
import type { RealityContext } from "../../context.ts";
import { listingClusters as clustersOf, MAX_CLUSTER_ZOOM, MIN_CLUSTER_ZOOM, parseListingFilter, type ListingClusterRow } from "../listings/index.ts";
import { PUBLIC_SEARCH } from "./service.ts";

export function listingClusters(ctx: RealityContext, bounds: unknown, zoom: number, filter: unknown): Promise<ListingClusterRow[]> {
  if (!Number.isInteger(zoom) || zoom < MIN_CLUSTER_ZOOM || zoom > MAX_CLUSTER_ZOOM) {
    throw AppError.badInput(`zoom: from ${MIN_CLUSTER_ZOOM} to ${MAX_CLUSTER_ZOOM}`, { field: "zoom" });
  }
  // The rectangle is checked by the filter's own rule for a map box, and replaces any box in the filter.
  const parsed = parseListingFilter({ ...(filter && typeof filter === "object" ? filter : {}), boundingBox: bounds });
  return clustersOf(ctx.db, parsed, PUBLIC_SEARCH, parsed.boundingBox!, zoom);
}
