import { loaderById } from "@ppt/server-kit";
import type { RealityContext } from "../../shared/context.ts";

export function createRealtorLoaders(ctx: RealityContext) {
  return {
    realtor: loaderById((ids) => ctx.db.realtor.findMany({ where: { id: { in: ids } } })),
  };
}
