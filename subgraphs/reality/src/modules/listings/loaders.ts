import { loaderById, loaderByParent } from "@ppt/server-kit";
import type { RealityContext } from "../../shared/context.ts";
import { PUBLIC_STATUSES } from "./service.ts";

export function createListingLoaders(ctx: RealityContext) {
  return {
    listing: loaderById((ids) => ctx.db.listing.findMany({ where: { id: { in: ids } } })),
    publishedListingsByUnit: loaderByParent(
      (unitIds) =>
        ctx.db.listing.findMany({
          where: { unitId: { in: unitIds }, status: { in: PUBLIC_STATUSES } },
          orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
        }),
      (listing) => listing.unitId!,
    ),
  };
}
