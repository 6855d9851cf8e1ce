// What the portal's server needs to answer for listing URLs without a database of its own: whether
// a page is live, gone or never was (200 / 410 / 404), and the published listings for sitemap.xml.
import type { Prisma } from "@ppt/db/client";
import { isUuid } from "@ppt/server-kit";
import { checkSitemapPage } from "../../shared/sitemap-page.ts";
import type { RealityContext } from "../../context.ts";
import { isPublic, PUBLIC_STATUSES } from "./service.ts";

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
  checkSitemapPage(page, pageSize);
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

/**
 * The portal's category landing pages (/byty/predaj/kosice): each property type, deal and city
 * with published listings, most listings first. A city is grouped as its listings spell it; the
 * portal folds spellings that share a slug.
 */
export async function listingCategories(ctx: RealityContext) {
  const groups = await ctx.db.listing.groupBy({
    by: ["propertyType", "transactionType", "city"],
    where: publishedWhere(new Date()),
    _count: { _all: true },
    orderBy: [{ _count: { id: "desc" } }, { city: "asc" }],
    take: MAX_CATEGORIES,
  });
  return groups.map((g) => ({ propertyType: g.propertyType, transactionType: g.transactionType, city: g.city, listingCount: g._count._all }));
}

/** One sitemap file's worth: far more than Slovakia's 2,900 municipalities times eight kinds. */
const MAX_CATEGORIES = 50_000;
