import { loaderByParent } from "@ppt/server-kit";
import type { RealityContext } from "../../context.ts";

export function createInquiryLoaders(ctx: RealityContext) {
  return {
    responsesByInquiry: loaderByParent(
      (inquiryIds) => ctx.db.inquiryResponse.findMany({ where: { inquiryId: { in: inquiryIds } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
      (response) => response.inquiryId,
    ),
  };
}
