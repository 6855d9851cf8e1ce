// The listing status lifecycle: which transitions exist, what publishing requires, and what a
// transition stamps (published, expiry, archived). Pure functions: single edits, bulk edits and
// feed imports all decide with these.
import type { Listing } from "@ppt/db/client";
import { AppError, ErrorCode } from "@ppt/server-kit";

export type ListingStatus = Listing["status"];

/** DRAFT → ACTIVE → RESERVED → SOLD/RENTED → ARCHIVED, with the ways back a portal needs. */
export const TRANSITIONS: Record<ListingStatus, readonly ListingStatus[]> = {
  DRAFT: ["ACTIVE", "ARCHIVED"],
  ACTIVE: ["RESERVED", "SOLD", "RENTED", "ARCHIVED"],
  RESERVED: ["ACTIVE", "SOLD", "RENTED", "ARCHIVED"],
  SOLD: ["ARCHIVED"],
  RENTED: ["ARCHIVED"],
  ARCHIVED: ["DRAFT"],
};

/** How long a listing stays published unless its editor sets another expiry. */
export const DEFAULT_LISTING_DAYS = 90;

type Facts = Pick<Listing, "status" | "transactionType" | "propertyType" | "country" | "energyClass" | "title" | "city" | "street">;

/**
 * What is missing for the public to see the listing. Slovak law (act 555/2005) requires the
 * energy performance class in every offer of a building or flat: land has none.
 */
export function publishProblem(listing: Omit<Facts, "status">): AppError | null {
  if (listing.country === "SK" && listing.propertyType !== "LAND" && !listing.energyClass) {
    return AppError.badInput("A Slovak listing must state its energy performance class before it is published", { field: "energyClass" });
  }
  return null;
}

/** Why `listing` cannot move to `to`, or null when it can. */
export function transitionProblem(listing: Facts, to: ListingStatus): AppError | null {
  if (listing.status === to) return null;
  if (!TRANSITIONS[listing.status].includes(to)) {
    return new AppError(ErrorCode.Conflict, `A ${listing.status} listing cannot become ${to}`, { field: "status" });
  }
  if (to === "SOLD" && listing.transactionType !== "SALE") return AppError.badInput("Only a listing for sale can be SOLD", { field: "status" });
  if (to === "RENTED" && listing.transactionType !== "RENT") return AppError.badInput("Only a listing for rent can be RENTED", { field: "status" });
  if (to === "ACTIVE") return publishProblem(listing);
  return null;
}

/** The columns a transition stamps. */
export function transitionStamps(
  listing: Pick<Listing, "status" | "publishedAt" | "expiresAt">,
  to: ListingStatus,
  now = new Date(),
): Partial<Pick<Listing, "publishedAt" | "expiresAt" | "archivedAt">> {
  if (listing.status === to) return {};
  if (to === "ACTIVE") {
    const expired = !listing.expiresAt || listing.expiresAt <= now;
    return {
      publishedAt: listing.status === "DRAFT" || !listing.publishedAt ? now : listing.publishedAt,
      ...(expired ? { expiresAt: new Date(now.getTime() + DEFAULT_LISTING_DAYS * 86_400_000) } : {}),
    };
  }
  if (to === "ARCHIVED") return { archivedAt: now };
  if (to === "DRAFT") return { archivedAt: null };
  return {};
}
