import { loaderById, loaderByParent } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { loadPublicUnitFacts } from "./public-facts.ts";
import { loadResidency } from "./residency.ts";
import { loadUnitCounts } from "./statistics.ts";

export function createBuildingLoaders(ctx: PropertyContext) {
  return {
    building: loaderById((ids) => ctx.db.read((tx) => tx.building.findMany({ where: { id: { in: ids } } }))),
    entrance: loaderById((ids) => ctx.db.read((tx) => tx.entrance.findMany({ where: { id: { in: ids } } }))),
    unit: loaderById((ids) => ctx.db.read((tx) => tx.unit.findMany({ where: { id: { in: ids } } }))),
    unitsByBuilding: loaderByParent(
      (ids) =>
        ctx.db.read((tx) => tx.unit.findMany({ where: { buildingId: { in: ids }, archivedAt: null }, orderBy: [{ designation: "asc" }, { id: "asc" }] })),
      (unit) => unit.buildingId,
    ),
    entrancesByBuilding: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.entrance.findMany({ where: { buildingId: { in: ids } }, orderBy: [{ designation: "asc" }, { id: "asc" }] })),
      (entrance) => entrance.buildingId,
    ),
    ownershipsByUnit: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.unitOwnership.findMany({ where: { unitId: { in: ids } }, orderBy: [{ validFrom: "asc" }, { id: "asc" }] })),
      (row) => row.unitId,
    ),
    occupanciesByUnit: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.unitOccupancy.findMany({ where: { unitId: { in: ids } }, orderBy: [{ validFrom: "asc" }, { id: "asc" }] })),
      (row) => row.unitId,
    ),
    /** Current ownerships and occupancies by user id (the caller's residency, once per request). */
    residency: loaderByParent(
      (userIds) => ctx.db.read((tx) => loadResidency(tx, userIds)),
      (row) => row.userId,
    ),
    unitCountsByBuilding: loaderById((ids) =>
      ctx.db.read(async (tx) => (await loadUnitCounts(tx, ids)).map((counts) => ({ id: counts.buildingId, ...counts }))),
    ),
    publicUnitFacts: loaderById((ids) => loadPublicUnitFacts(ctx.publicDb, ids)),
  };
}
