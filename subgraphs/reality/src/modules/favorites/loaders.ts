import { loaderByParent } from "@ppt/server-kit";
import type { RealityContext } from "../../context.ts";

export function createFavoriteLoaders(ctx: RealityContext) {
  return {
    /** The signed-in portal user's favorite rows, by listing id (none for anyone else). */
    favoritesOfCaller: loaderByParent(
      (listingIds) =>
        ctx.caller?.audience === "portal"
          ? ctx.db.favorite.findMany({ where: { portalUserId: ctx.caller.userId, listingId: { in: listingIds } }, select: { listingId: true } })
          : Promise.resolve([]),
      (row) => row.listingId,
    ),
  };
}
