import { loaderById } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";

export function createNotificationLoaders(ctx: PropertyContext) {
  return {
    notification: loaderById((ids) => ctx.db.read((tx) => tx.notification.findMany({ where: { id: { in: ids } } }))),
  };
}
