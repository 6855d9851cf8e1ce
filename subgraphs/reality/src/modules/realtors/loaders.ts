import { loaderById, loaderByParent } from "@ppt/server-kit";
import DataLoader from "dataloader";
import type { Realtor } from "@ppt/db/client";
import type { RealityContext } from "../../context.ts";

export function createRealtorLoaders(ctx: RealityContext) {
  return {
    realtor: loaderById((ids) => ctx.db.realtor.findMany({ where: { id: { in: ids } } })),
    /** The realtor profile a portal account signs in as (at most one). */
    realtorByPortalUser: new DataLoader<string, Realtor | null>(async (userIds) => {
      const rows = await ctx.db.realtor.findMany({ where: { portalUserId: { in: [...userIds] } } });
      return userIds.map((id) => rows.find((r) => r.portalUserId === id) ?? null);
    }),
    licensesByRealtor: loaderByParent(
      (realtorIds) => ctx.db.realtorLicense.findMany({ where: { realtorId: { in: realtorIds } }, orderBy: [{ validFrom: "desc" }, { id: "asc" }] }),
      (license) => license.realtorId,
    ),
  };
}
