import { loaderById, loaderByParent } from "@ppt/server-kit";
import type { RealityContext } from "../../context.ts";
import { createOwnerPageLoaders } from "./owner-pages.ts";
import { PUBLIC_STATUSES } from "./service.ts";

export function createListingLoaders(ctx: RealityContext) {
  return {
    ownerPages: createOwnerPageLoaders(ctx),
    listing: loaderById((ids) => ctx.db.listing.findMany({ where: { id: { in: ids } } })),
    publishedListingsByUnit: loaderByParent(
      (unitIds) =>
        ctx.db.listing.findMany({
          where: { unitId: { in: unitIds }, status: { in: PUBLIC_STATUSES }, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
          orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
        }),
      (listing) => listing.unitId!,
    ),
    photosByListing: loaderByParent(
      (listingIds) => ctx.db.listingPhoto.findMany({ where: { listingId: { in: listingIds } }, orderBy: [{ position: "asc" }, { id: "asc" }] }),
      (photo) => photo.listingId,
    ),
    priceHistoryByListing: loaderByParent(
      (listingIds) => ctx.db.listingPriceHistory.findMany({ where: { listingId: { in: listingIds } }, orderBy: [{ changedAt: "asc" }, { id: "asc" }] }),
      (change) => change.listingId,
    ),
  };
}
