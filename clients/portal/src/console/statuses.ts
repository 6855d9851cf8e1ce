import type { ListingStatus } from "../generated/graphql.ts";

/** In the lifecycle's order (the filters and the bulk edit's status choice list them so). */
export const LISTING_STATUSES: readonly ListingStatus[] = ["DRAFT", "ACTIVE", "RESERVED", "SOLD", "RENTED", "ARCHIVED"];
