import { loaderById, loaderByParent } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";

export function createDocumentLoaders(ctx: PropertyContext) {
  return {
    document: loaderById((ids) => ctx.db.read((tx) => tx.document.findMany({ where: { id: { in: ids } } }))),
    documentFolder: loaderById((ids) => ctx.db.read((tx) => tx.documentFolder.findMany({ where: { id: { in: ids } } }))),
    /** Newest first. */
    versionsByDocument: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.documentVersion.findMany({ where: { documentId: { in: ids } }, orderBy: [{ versionNumber: "desc" }] })),
      (row) => row.documentId,
    ),
    sharesByDocument: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.documentShare.findMany({ where: { documentId: { in: ids } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })),
      (row) => row.documentId,
    ),
  };
}
