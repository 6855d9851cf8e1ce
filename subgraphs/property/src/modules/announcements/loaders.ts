import { loaderById, loaderByParent } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";

export function createAnnouncementLoaders(ctx: PropertyContext) {
  return {
    announcement: loaderById((ids) => ctx.db.read((tx) => tx.announcement.findMany({ where: { id: { in: ids } } }))),
    commentsByAnnouncement: loaderByParent(
      (ids) =>
        ctx.db.read((tx) =>
          tx.announcementComment.findMany({ where: { announcementId: { in: ids }, deletedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
        ),
      (row) => row.announcementId,
    ),
    /** The caller's read state, by announcement id. */
    announcementReadByMe: loaderById(async (ids) => {
      const userId = ctx.caller?.userId;
      if (!userId) return [];
      const reads = await ctx.db.read((tx) =>
        tx.announcementRead.findMany({ where: { announcementId: { in: ids }, userId }, select: { announcementId: true } }),
      );
      return reads.map((r) => ({ id: r.announcementId, read: true }));
    }),
  };
}
