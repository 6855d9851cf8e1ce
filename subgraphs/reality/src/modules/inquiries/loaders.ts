import DataLoader from "dataloader";
import type { PortalUser } from "@ppt/db/client";
import { loaderByParent } from "@ppt/server-kit";
import { portalUsersByIds } from "../accounts/index.ts";
import type { RealityContext } from "../../context.ts";

export function createInquiryLoaders(ctx: RealityContext) {
  return {
    responsesByInquiry: loaderByParent(
      (inquiryIds) => ctx.db.inquiryResponse.findMany({ where: { inquiryId: { in: inquiryIds } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
      (response) => response.inquiryId,
    ),
    /** A viewing's requester (their portal account). */
    viewingRequester: new DataLoader<string, PortalUser | null>((portalUserIds) => portalUsersByIds(ctx.db, portalUserIds)),
  };
}
