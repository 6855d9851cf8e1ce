import { loaderById } from "@ppt/server-kit";
import type { PropertyContext } from "../../shared/context.ts";

export function createOrganizationLoaders(ctx: PropertyContext) {
  return {
    organization: loaderById((ids) => ctx.db.read((tx) => tx.organization.findMany({ where: { id: { in: ids } } }))),
  };
}
