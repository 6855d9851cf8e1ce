// Buildings, entrances and units of the caller's organization; the public facts of listed units.
import type { Building, Unit } from "@ppt/db/client";
import { AppError, decodeCursor, keysetOrderBy, keysetWhere, pageSize, requirePermission, toConnection, type SortKey } from "@ppt/server-kit";
import type { PropertyContext } from "../../shared/context.ts";
import type { PublicBuilding, PublicUnitFacts } from "./public-facts.ts";

/** A building as the caller may see it: the full row, or only the public facts of a listed unit's building. */
export type BuildingView = (Building & { isPublic: false }) | (PublicBuilding & { isPublic: true; name: null });

export interface UnitView {
  id: string;
  designation: string | null;
  floor: number | null;
  sizeSqm: string | null;
  rooms: number | null;
  type: string;
  ownershipShare: { numerator: number; denominator: number } | null;
  buildingId: string;
  entranceId: string | null;
  /** Set for public readers: the building facts come with the unit, nothing else may be loaded. */
  publicBuilding: BuildingView | null;
}

export function buildingView(building: Building): BuildingView {
  return { ...building, isPublic: false };
}

export function unitView(unit: Unit): UnitView {
  return {
    id: unit.id,
    designation: unit.designation,
    floor: unit.floor,
    sizeSqm: unit.sizeSqm?.toString() ?? null,
    rooms: unit.rooms,
    type: unit.type,
    ownershipShare: { numerator: unit.shareNumerator, denominator: unit.shareDenominator },
    buildingId: unit.buildingId,
    entranceId: unit.entranceId,
    publicBuilding: null,
  };
}

function publicUnitView(facts: PublicUnitFacts): UnitView {
  return {
    id: facts.id,
    designation: null,
    floor: facts.floor,
    sizeSqm: facts.sizeSqm,
    rooms: facts.rooms,
    type: facts.type,
    ownershipShare: null,
    buildingId: facts.building.id,
    entranceId: null,
    publicBuilding: { ...facts.building, isPublic: true, name: null },
  };
}

const BUILDING_ORDER: SortKey[] = [
  { field: "city", direction: "asc" },
  { field: "street", direction: "asc" },
  { field: "streetNumber", direction: "asc" },
  { field: "id", direction: "asc" },
];

export interface BuildingFilter {
  search?: string | null;
  city?: string | null;
}

export async function listBuildings(ctx: PropertyContext, filter: BuildingFilter | null | undefined, first?: number | null, after?: string | null) {
  requirePermission(ctx.caller, "buildings:read");
  const limit = pageSize(first);
  const search = filter?.search?.trim();
  const where = {
    archivedAt: null,
    ...(filter?.city ? { city: { equals: filter.city, mode: "insensitive" as const } } : {}),
    ...(search
      ? {
          OR: [
            { street: { contains: search, mode: "insensitive" as const } },
            { streetNumber: { startsWith: search } },
            { city: { contains: search, mode: "insensitive" as const } },
            { postalCode: { startsWith: search.replace(/\s+/g, " ") } },
            { name: { contains: search, mode: "insensitive" as const } },
          ],
        }
      : {}),
  };
  const rows = await ctx.db.read((tx) =>
    tx.building.findMany({
      where: { AND: [where, keysetWhere(BUILDING_ORDER, decodeCursor(after))] },
      orderBy: keysetOrderBy(BUILDING_ORDER),
      take: limit + 1,
    }),
  );
  for (const row of rows) ctx.loaders.building.prime(row.id, row);
  return toConnection(
    rows.map(buildingView),
    limit,
    (b) => [b.city, b.street, b.streetNumber, b.id],
    () => ctx.db.read((tx) => tx.building.count({ where })),
  );
}

export async function getBuilding(ctx: PropertyContext, id: string): Promise<BuildingView> {
  requirePermission(ctx.caller, "buildings:read");
  const building = await ctx.loaders.building.load(id);
  if (!building) throw AppError.notFound("Building");
  return buildingView(building);
}

export async function getUnit(ctx: PropertyContext, id: string): Promise<UnitView> {
  requirePermission(ctx.caller, "buildings:read");
  const unit = await ctx.loaders.unit.load(id);
  if (!unit) throw AppError.notFound("Unit");
  return unitView(unit);
}

/**
 * A unit referenced by another subgraph (a listing's unit): the caller's own organization sees
 * the unit; anyone else sees the public facts when the unit has a published listing, else nothing.
 */
export async function resolveUnitReference(ctx: PropertyContext, id: string): Promise<UnitView | null> {
  if (ctx.caller?.permissions.has("buildings:read")) {
    const unit = await ctx.loaders.unit.load(id);
    if (unit) return unitView(unit);
  }
  const facts = await ctx.loaders.publicUnitFacts.load(id);
  return facts ? publicUnitView(facts) : null;
}

export async function resolveBuildingReference(ctx: PropertyContext, id: string): Promise<BuildingView | null> {
  if (!ctx.caller?.permissions.has("buildings:read")) return null;
  const building = await ctx.loaders.building.load(id);
  return building ? buildingView(building) : null;
}

export async function buildingOfUnit(ctx: PropertyContext, unit: UnitView): Promise<BuildingView | null> {
  if (unit.publicBuilding) return unit.publicBuilding;
  const building = await ctx.loaders.building.load(unit.buildingId);
  return building ? buildingView(building) : null;
}

export async function unitsOfBuilding(ctx: PropertyContext, building: BuildingView): Promise<UnitView[]> {
  if (building.isPublic) return [];
  return (await ctx.loaders.unitsByBuilding.load(building.id)).map(unitView);
}

export async function entrancesOfBuilding(ctx: PropertyContext, building: BuildingView) {
  if (building.isPublic) return [];
  return ctx.loaders.entrancesByBuilding.load(building.id);
}
