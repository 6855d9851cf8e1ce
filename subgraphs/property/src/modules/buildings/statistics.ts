// Building statistics for staff: units and occupancy (the faults module adds open faults and how fast they get fixed).
// Loaded per batch of buildings (a page of 50 buildings with statistics costs two statements).
import type { Tx } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { reducedShare } from "./ratio.ts";
import { isBuildingStaff } from "./residency.ts";
import type { BuildingView } from "./service.ts";

export interface UnitCounts {
  buildingId: string;
  unitCount: number;
  occupiedUnitCount: number;
}

export async function loadUnitCounts(tx: Tx, buildingIds: string[]): Promise<UnitCounts[]> {
  const rows = await tx.$queryRaw<{ building_id: string; unit_count: number; occupied: number }[]>`
    SELECT u.building_id,
           count(*)::int AS unit_count,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM property.unit_occupancies o
             WHERE o.unit_id = u.id AND o.valid_from <= current_date AND (o.valid_to IS NULL OR o.valid_to >= current_date)
           ))::int AS occupied
    FROM property.units u
    WHERE u.building_id = ANY (${buildingIds}::uuid[]) AND u.archived_at IS NULL
    GROUP BY u.building_id`;
  return rows.map((r) => ({ buildingId: r.building_id, unitCount: r.unit_count, occupiedUnitCount: r.occupied }));
}

/** The buildings module's part; other modules add their fields to BuildingStatistics by `buildingId`. */
export interface BuildingStatisticsView {
  buildingId: string;
  unitCount: number;
  occupiedUnitCount: number;
  occupancyRate: { numerator: number; denominator: number } | null;
}

export async function buildingStatistics(ctx: PropertyContext, building: BuildingView): Promise<BuildingStatisticsView | null> {
  if (building.isPublic || !isBuildingStaff(ctx.caller)) return null;
  const counts = await ctx.loaders.unitCountsByBuilding.load(building.id);
  const unitCount = counts?.unitCount ?? 0;
  const occupiedUnitCount = counts?.occupiedUnitCount ?? 0;
  return {
    buildingId: building.id,
    unitCount,
    occupiedUnitCount,
    // An exact fraction: 0 occupied of 4 is 0/4, which Fraction (a share, numerator > 0) cannot reduce away.
    occupancyRate:
      unitCount === 0
        ? null
        : occupiedUnitCount === 0
          ? { numerator: 0, denominator: 1 }
          : reducedShare({ numerator: occupiedUnitCount, denominator: unitCount }),
  };
}
