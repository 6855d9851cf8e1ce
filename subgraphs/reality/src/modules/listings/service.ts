// Listings: what the public may see, and how a listing shows its address.
import type { Listing } from "@ppt/db/client";
import { AppError } from "@ppt/server-kit";
import type { RealityContext } from "../../shared/context.ts";

/** A unit of the property subgraph, known here by its id only. */
export interface UnitRef {
  id: string;
}

/** Statuses the public sees; drafts and archived listings are their realtor's business. */
export const PUBLIC_STATUSES = ["ACTIVE", "RESERVED"] as const satisfies Listing["status"][];

export function isPublic(listing: Listing): boolean {
  return (PUBLIC_STATUSES as readonly string[]).includes(listing.status);
}

export async function getListing(ctx: RealityContext, id: string): Promise<Listing> {
  const listing = await ctx.loaders.listing.load(id);
  if (!listing || !isPublic(listing)) throw AppError.notFound("Listing");
  return listing;
}

/** The street as the listing chooses to show it. */
export function publicStreet(listing: Listing): string | null {
  switch (listing.addressVisibility) {
    case "FULL":
      return [listing.street, listing.streetNumber].filter(Boolean).join(" ");
    case "STREET":
      return listing.street;
    case "DISTRICT":
      return null;
  }
}

export async function listingsOfUnit(ctx: RealityContext, unitId: string): Promise<Listing[]> {
  return ctx.loaders.publishedListingsByUnit.load(unitId);
}
