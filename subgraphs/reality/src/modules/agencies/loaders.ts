import { loaderById, loaderByParent } from "@ppt/server-kit";
import type { RealityContext } from "../../context.ts";

export function createAgencyLoaders(ctx: RealityContext) {
  return {
    agency: loaderById((ids) => ctx.db.agency.findMany({ where: { id: { in: ids } } })),
    /** Current memberships (not left) of realtors. */
    membershipsByRealtor: loaderByParent(
      (realtorIds) => ctx.db.agencyRealtor.findMany({ where: { realtorId: { in: realtorIds }, leftAt: null }, orderBy: [{ joinedAt: "asc" }, { id: "asc" }] }),
      (membership) => membership.realtorId,
    ),
    /** Current members of agencies. */
    membershipsByAgency: loaderByParent(
      (agencyIds) => ctx.db.agencyRealtor.findMany({ where: { agencyId: { in: agencyIds }, leftAt: null }, orderBy: [{ joinedAt: "asc" }, { id: "asc" }] }),
      (membership) => membership.agencyId,
    ),
  };
}
