// What the portal's server needs to answer for listing URLs without a database of its own: whether
// a page is live, gone or never was (200 / 410 / 404), and the published listings for sitemap.xml.
import type { Prisma } from "@ppt/db/client";
import { AppError, isUuid } from "@ppt/server-kit";
import type { RealityContext } from "../../context.ts";
import { isPublic, PUBLIC_STATUSES } from "./service.ts";

/** The sitemap protocol's limit of URLs in one file. */
export const MAX_SITEMAP_PAGE_SIZE = 50_000;

export type ListingAvailability = "PUBLISHED" | "REMOVED" | "MISSING";

/**
 * A listing once published (publishedAt is kept when it is sold, archived or expires) is REMOVED
 * when no longer public; a draft never published is as MISSING as an unknown id, so the answer
 * tells nobody that an unpublished listing exists.
 */
export async function listingAvailability(ctx: RealityContext, id: string): Promise<ListingAvailability> {
  if (!isUuid(id)) return "MISSING";
  const listing = await ctx.loaders.listing.load(id);
  if (!listing?.publishedAt) return "MISSING";
  return isPublic(listing) ? "PUBLISHED" : "REMOVED";
}

/** The same rule as search's published scope: a public status, published, not past its expiry. */
function publishedWhere(now: Date): Prisma.ListingWhereInput {
  return {
    status: { in: [...PUBLIC_STATUSES] },
    publishedAt: { not: null },
    OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
  };
}

export async function sitemapListings(ctx: RealityContext, page: number, pageSize: number) {
  if (!Number.isInteger(page) || page < 1) throw AppError.badInput("page starts at 1", { field: "page" });
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_SITEMAP_PAGE_SIZE) {
    throw AppError.badInput(`pageSize is 1 to ${MAX_SITEMAP_PAGE_SIZE}`, { field: "pageSize" });
  }
  const where = publishedWhere(new Date());
  const [totalCount, listings] = await Promise.all([
    ctx.db.listing.count({ where }),
    ctx.db.listing.findMany({
      where,
      orderBy: { id: "asc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, title: true, propertyType: true, transactionType: true, city: true, updatedAt: true },
    }),
  ]);
  return { totalCount, listings };
}
