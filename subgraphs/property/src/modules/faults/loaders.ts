import { loaderById, loaderByParent } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { loadFaultStatistics } from "./service.ts";

export function createFaultLoaders(ctx: PropertyContext) {
  return {
    fault: loaderById((ids) => ctx.db.read((tx) => tx.fault.findMany({ where: { id: { in: ids } } }))),
    faultAttachment: loaderById((ids) => ctx.db.read((tx) => tx.faultAttachment.findMany({ where: { id: { in: ids } } }))),
    attachmentsByFault: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.faultAttachment.findMany({ where: { faultId: { in: ids } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })),
      (row) => row.faultId,
    ),
    statusHistoryByFault: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.faultStatusHistory.findMany({ where: { faultId: { in: ids } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })),
      (row) => row.faultId,
    ),
    commentsByFault: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.faultCommunication.findMany({ where: { faultId: { in: ids } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })),
      (row) => row.faultId,
    ),
    faultStatisticsByBuilding: loaderById((ids) => ctx.db.read((tx) => loadFaultStatistics(tx, ids))),
  };
}
