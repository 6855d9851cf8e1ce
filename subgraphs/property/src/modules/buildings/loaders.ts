import { loaderById, loaderByParent } from "@ppt/server-kit";
import type { PropertyContext } from "../../shared/context.ts";
import { loadPublicUnitFacts } from "./public-facts.ts";

export function createBuildingLoaders(ctx: PropertyContext) {
  return {
    building: loaderById((ids) => ctx.db.read((tx) => tx.building.findMany({ where: { id: { in: ids } } }))),
    entrance: loaderById((ids) => ctx.db.read((tx) => tx.entrance.findMany({ where: { id: { in: ids } } }))),
    unit: loaderById((ids) => ctx.db.read((tx) => tx.unit.findMany({ where: { id: { in: ids } } }))),
    unitsByBuilding: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.unit.findMany({ where: { buildingId: { in: ids }, archivedAt: null }, orderBy: [{ designation: "asc" }, { id: "asc" }] })),
      (unit) => unit.buildingId,
    ),
    entrancesByBuilding: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.entrance.findMany({ where: { buildingId: { in: ids } }, orderBy: [{ designation: "asc" }, { id: "asc" }] })),
      (entrance) => entrance.buildingId,
    ),
    publicUnitFacts: loaderById((ids) => loadPublicUnitFacts(ctx.publicDb, ids)),
  };
}
