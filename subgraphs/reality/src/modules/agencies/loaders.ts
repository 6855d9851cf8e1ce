import { loaderById } from "@ppt/server-kit";
import type { RealityContext } from "../../shared/context.ts";

export function createAgencyLoaders(ctx: RealityContext) {
  return {
    agency: loaderById((ids) => ctx.db.agency.findMany({ where: { id: { in: ids } } })),
  };
}
