// Buildings, entrances and units of the caller's organization; the public facts of listed units.
// Staff (buildings:write) see and manage the whole organization; owners and tenants see only the
// buildings and units they own or occupy today (residency.ts).
import type { Building, Entrance, Prisma, Unit } from "@ppt/db/client";
import {
  AppError,
  decodeCursorOf,
  keysetOrderBy,
  keysetWhere,
  pageSize,
  parseInput,
  requirePermission,
  toConnection,
  type SortKey,
  type Tx,
  readsWholeOrganization,
} from "@ppt/server-kit";
import { z } from "zod";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import type { PublicBuilding, PublicUnitFacts } from "./public-facts.ts";
import { isShare } from "./ratio.ts";
import { residencyOf, visibleBuildingIds } from "./residency.ts";

/** A building as the caller may see it: the full row, or only the public facts of a listed unit's building. */
export type BuildingView = (Building & { isPublic: false }) | (PublicBuilding & { isPublic: true; name: null; status: null; archivedAt: null });

export interface UnitView {
  id: string;
  designation: string | null;
  floor: number | null;
  sizeSqm: string | null;
  rooms: number | null;
  type: string;
  status: string | null;
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
    status: unit.status,
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
    status: null,
    ownershipShare: null,
    buildingId: facts.building.id,
    entranceId: null,
    publicBuilding: { ...facts.building, isPublic: true, name: null, status: null, archivedAt: null },
  };
}

// ---------------------------------------------------------------------------------------------
// Reads

const BUILDING_ORDER: SortKey[] = [
  { field: "city", direction: "asc" },
  { field: "street", direction: "asc" },
  { field: "streetNumber", direction: "asc" },
  { field: "id", direction: "asc" },
];

export interface BuildingFilter {
  search?: string | null;
  city?: string | null;
  status?: Building["status"] | null;
  includeArchived?: boolean | null;
}

/** LIKE wildcards in a user's search text are literal characters. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Ids of the tenant's buildings whose address matches, through the trigram GIN index over this
 * exact expression (see the security migration): diacritics and case folded on both sides.
 */
async function buildingIdsMatching(tx: Tx, search: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM property.buildings
    WHERE platform.immutable_unaccent(lower(street || ' ' || street_number || ' ' || city))
      LIKE '%' || platform.immutable_unaccent(lower(${likeLiteral(search)})) || '%'`;
  return rows.map((r) => r.id);
}

export async function listBuildings(ctx: PropertyContext, filter: BuildingFilter | null | undefined, first?: number | null, after?: string | null) {
  requirePermission(ctx.caller, "buildings:read");
  const limit = pageSize(first);
  const cursor = decodeCursorOf(after, ["text", "text", "text", "uuid"]);
  const visible = await visibleBuildingIds(ctx);
  const search = filter?.search?.trim();
  if (search && search.length > 200) throw AppError.badInput("search is too long", { field: "filter.search" });
  return ctx.db.read(async (tx) => {
    const matching = search ? await buildingIdsMatching(tx, search) : null;
    const idSets = [visible, matching].filter((ids): ids is string[] => ids !== null);
    const where: Prisma.BuildingWhereInput = {
      ...(filter?.includeArchived ? {} : { archivedAt: null }),
      ...(filter?.status ? { status: filter.status } : {}),
      ...(filter?.city ? { city: { equals: filter.city, mode: "insensitive" } } : {}),
      ...(idSets.length ? { AND: idSets.map((ids) => ({ id: { in: ids } })) } : {}),
    };
    const rows = await tx.building.findMany({
      where: { AND: [where, keysetWhere(BUILDING_ORDER, cursor)] },
      orderBy: keysetOrderBy(BUILDING_ORDER),
      take: limit + 1,
    });
    for (const row of rows) ctx.loaders.building.prime(row.id, row);
    return toConnection(
      rows.map(buildingView),
      limit,
      (b) => [b.city, b.street, b.streetNumber, b.id],
      () => ctx.db.read((t) => t.building.count({ where })),
    );
  });
}

/** A building the caller may see (staff: any of the organization; residents: their own), else NOT_FOUND. */
export async function getBuilding(ctx: PropertyContext, id: string): Promise<BuildingView> {
  requirePermission(ctx.caller, "buildings:read");
  const building = await ctx.loaders.building.load(id);
  if (!building || !(await canSeeBuilding(ctx, building.id))) throw AppError.notFound("Building");
  return buildingView(building);
}

export async function canSeeBuilding(ctx: PropertyContext, buildingId: string): Promise<boolean> {
  if (!ctx.caller?.permissions.has("buildings:read")) return false;
  if (readsWholeOrganization(ctx.caller, "buildings")) return true;
  return (await residencyOf(ctx)).buildingIds.has(buildingId);
}

export async function canSeeUnit(ctx: PropertyContext, unitId: string): Promise<boolean> {
  if (!ctx.caller?.permissions.has("buildings:read")) return false;
  if (readsWholeOrganization(ctx.caller, "buildings")) return true;
  return (await residencyOf(ctx)).unitIds.has(unitId);
}

export async function getUnit(ctx: PropertyContext, id: string): Promise<UnitView> {
  requirePermission(ctx.caller, "buildings:read");
  const unit = await ctx.loaders.unit.load(id);
  if (!unit || !(await canSeeUnit(ctx, unit.id))) throw AppError.notFound("Unit");
  return unitView(unit);
}

/**
 * A unit referenced by another subgraph (a listing's unit) or by another module: a caller who
 * may see the unit gets it whole; anyone else sees the public facts when the unit has a
 * published listing, else nothing.
 */
export async function resolveUnitReference(ctx: PropertyContext, id: string): Promise<UnitView | null> {
  if (await canSeeUnit(ctx, id)) {
    const unit = await ctx.loaders.unit.load(id);
    if (unit) return unitView(unit);
  }
  const facts = await ctx.loaders.publicUnitFacts.load(id);
  return facts ? publicUnitView(facts) : null;
}

export async function resolveBuildingReference(ctx: PropertyContext, id: string): Promise<BuildingView | null> {
  if (!(await canSeeBuilding(ctx, id))) return null;
  const building = await ctx.loaders.building.load(id);
  return building ? buildingView(building) : null;
}

/**
 * The building of something the caller already may see (a fault, a unit, an announcement):
 * loaded whole, batched, without re-checking residency — seeing the child implies the building.
 */
export async function buildingById(ctx: PropertyContext, id: string): Promise<BuildingView | null> {
  const building = await ctx.loaders.building.load(id);
  return building ? buildingView(building) : null;
}

/** Same for a unit (e.g. the unit of a fault the caller may see). */
export async function unitById(ctx: PropertyContext, id: string): Promise<UnitView | null> {
  const unit = await ctx.loaders.unit.load(id);
  return unit ? unitView(unit) : null;
}

export async function entranceById(ctx: PropertyContext, id: string): Promise<Entrance | null> {
  return ctx.loaders.entrance.load(id);
}

export async function resolveEntranceReference(ctx: PropertyContext, id: string): Promise<Entrance | null> {
  const entrance = await ctx.loaders.entrance.load(id);
  return entrance && (await canSeeBuilding(ctx, entrance.buildingId)) ? entrance : null;
}

export async function buildingOfUnit(ctx: PropertyContext, unit: UnitView): Promise<BuildingView | null> {
  if (unit.publicBuilding) return unit.publicBuilding;
  return buildingById(ctx, unit.buildingId);
}

export async function unitsOfBuilding(ctx: PropertyContext, building: BuildingView): Promise<UnitView[]> {
  if (building.isPublic) return [];
  const units = await ctx.loaders.unitsByBuilding.load(building.id);
  if (readsWholeOrganization(ctx.caller, "buildings")) return units.map(unitView);
  const { unitIds } = await residencyOf(ctx);
  return units.filter((u) => unitIds.has(u.id)).map(unitView);
}

export async function entrancesOfBuilding(ctx: PropertyContext, building: BuildingView) {
  if (building.isPublic) return [];
  return ctx.loaders.entrancesByBuilding.load(building.id);
}

// ---------------------------------------------------------------------------------------------
// Writes (staff only)

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

const buildingFields = {
  name: optionalText(255),
  street: text(255),
  streetNumber: text(50),
  city: text(100),
  district: optionalText(100),
  postalCode: text(20),
  country: z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code"),
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
  yearBuilt: z
    .number()
    .int()
    .min(1000)
    .max(new Date().getUTCFullYear() + 10)
    .nullish(),
  totalFloors: z.number().int().min(0).max(200).nullish(),
  amenities: z.array(text(100)).max(50).nullish(),
};

const createBuildingSchema = z.object({ ...buildingFields, country: buildingFields.country.nullish() });
// In an update, null for a required column means "leave it" (see definedFields).
const updateBuildingSchema = createBuildingSchema
  .extend({
    street: text(255).nullish(),
    streetNumber: text(50).nullish(),
    city: text(100).nullish(),
    postalCode: text(20).nullish(),
    status: z.enum(["ACTIVE", "INACTIVE", "ARCHIVED"]).nullish(),
  })
  .partial();

/** Null in an update of a required column means "leave it", never "erase it". */
function definedFields<T extends Record<string, unknown>>(input: T, required: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && !(v === null && required.includes(k)))) as Partial<T>;
}

export async function createBuilding(ctx: PropertyContext, input: unknown): Promise<BuildingView> {
  requirePermission(ctx.caller, "buildings:write");
  const data = parseInput(createBuildingSchema, input, "input");
  const organizationId = ctx.caller.organizationId;
  const building = await ctx.db.write(async (tx) => {
    const row = await tx.building.create({
      data: { ...data, country: data.country ?? "SK", amenities: data.amenities ?? [], organizationId },
    });
    await recordChange(tx, ctx, { entityType: "building", entityId: row.id, eventType: "building.created", payload: { street: row.street, city: row.city } });
    return row;
  });
  return buildingView(building);
}

export async function updateBuilding(ctx: PropertyContext, id: string, input: unknown): Promise<BuildingView> {
  requirePermission(ctx.caller, "buildings:write");
  const data = definedFields(parseInput(updateBuildingSchema, input, "input"), [
    "street",
    "streetNumber",
    "city",
    "postalCode",
    "country",
    "status",
    "amenities",
  ]);
  const building = await ctx.db.write(async (tx) => {
    const existing = await tx.building.findUnique({ where: { id } });
    if (!existing) throw AppError.notFound("Building");
    const row = await tx.building.update({ where: { id }, data: data as Prisma.BuildingUpdateInput });
    await recordChange(tx, ctx, { entityType: "building", entityId: row.id, eventType: "building.updated", payload: { fields: Object.keys(data) } });
    return row;
  });
  ctx.loaders.building.clear(id).prime(id, building);
  return buildingView(building);
}

export async function archiveBuilding(ctx: PropertyContext, id: string): Promise<BuildingView> {
  requirePermission(ctx.caller, "buildings:write");
  const building = await ctx.db.write(async (tx) => {
    const existing = await tx.building.findUnique({ where: { id } });
    if (!existing) throw AppError.notFound("Building");
    if (existing.archivedAt) return existing;
    const now = new Date();
    await tx.unit.updateMany({ where: { buildingId: id, archivedAt: null }, data: { archivedAt: now, status: "ARCHIVED" } });
    const row = await tx.building.update({ where: { id }, data: { archivedAt: now, status: "ARCHIVED" } });
    await recordChange(tx, ctx, { entityType: "building", entityId: row.id, eventType: "building.archived", payload: {} });
    return row;
  });
  ctx.loaders.building.clear(id).prime(id, building);
  return buildingView(building);
}

const entranceSchema = z.object({
  buildingId: z.uuid(),
  designation: text(50),
  street: optionalText(255),
  addressNumber: optionalText(50),
});

export async function createEntrance(ctx: PropertyContext, input: unknown): Promise<Entrance> {
  requirePermission(ctx.caller, "buildings:write");
  const caller = ctx.caller;
  const data = parseInput(entranceSchema, input, "input");
  return ctx.db.write(async (tx) => {
    const building = await tx.building.findUnique({ where: { id: data.buildingId } });
    if (!building) throw AppError.notFound("Building");
    const row = await tx.entrance.create({ data: { ...data, organizationId: caller.organizationId } });
    await recordChange(tx, ctx, { entityType: "entrance", entityId: row.id, eventType: "entrance.created", payload: { buildingId: row.buildingId } });
    return row;
  });
}

const fraction = z.object({ numerator: z.number().int(), denominator: z.number().int() }).refine(isShare, "a fraction with 0 < numerator <= denominator");

const unitFields = {
  entranceId: z.uuid().nullish(),
  designation: text(50),
  floor: z.number().int().min(-10).max(200).nullish(),
  sizeSqm: z
    .string()
    .regex(/^\d{1,8}(\.\d{1,2})?$/, "a non-negative area with at most 2 decimal places")
    .nullish(),
  rooms: z.number().int().min(0).max(100).nullish(),
  type: z.enum(["FLAT", "NON_RESIDENTIAL", "COMMERCIAL", "GARAGE", "PARKING_SPACE", "CELLAR", "STORAGE", "OTHER"]).nullish(),
  ownershipShare: fraction,
};
const createUnitSchema = z.object({ buildingId: z.uuid(), ...unitFields });
const updateUnitSchema = createUnitSchema
  .omit({ buildingId: true })
  .extend({ designation: text(50).nullish(), ownershipShare: fraction.nullish(), status: z.enum(["ACTIVE", "INACTIVE", "ARCHIVED"]).nullish() })
  .partial();

async function checkEntrance(tx: Tx, buildingId: string, entranceId: string | null | undefined): Promise<void> {
  if (!entranceId) return;
  const entrance = await tx.entrance.findUnique({ where: { id: entranceId } });
  if (!entrance || entrance.buildingId !== buildingId) throw AppError.badInput("The entrance is not in this building", { field: "input.entranceId" });
}

export async function createUnit(ctx: PropertyContext, input: unknown): Promise<UnitView> {
  requirePermission(ctx.caller, "buildings:write");
  const caller = ctx.caller;
  const data = parseInput(createUnitSchema, input, "input");
  const unit = await ctx.db.write(async (tx) => {
    const building = await tx.building.findUnique({ where: { id: data.buildingId } });
    if (!building || building.archivedAt) throw AppError.notFound("Building");
    await checkEntrance(tx, data.buildingId, data.entranceId);
    const row = await tx.unit.create({
      data: {
        organizationId: caller.organizationId,
        buildingId: data.buildingId,
        entranceId: data.entranceId ?? null,
        designation: data.designation,
        floor: data.floor ?? null,
        sizeSqm: data.sizeSqm ?? null,
        rooms: data.rooms ?? null,
        type: data.type ?? "FLAT",
        shareNumerator: data.ownershipShare.numerator,
        shareDenominator: data.ownershipShare.denominator,
      },
    });
    await tx.building.update({ where: { id: data.buildingId }, data: { totalUnits: { increment: 1 } } });
    await recordChange(tx, ctx, { entityType: "unit", entityId: row.id, eventType: "unit.created", payload: { buildingId: row.buildingId } });
    return row;
  });
  return unitView(unit);
}

export async function updateUnit(ctx: PropertyContext, id: string, input: unknown): Promise<UnitView> {
  requirePermission(ctx.caller, "buildings:write");
  const parsed = parseInput(updateUnitSchema, input, "input");
  const unit = await ctx.db.write(async (tx) => {
    const existing = await tx.unit.findUnique({ where: { id } });
    if (!existing) throw AppError.notFound("Unit");
    if (parsed.entranceId !== undefined) await checkEntrance(tx, existing.buildingId, parsed.entranceId);
    const { ownershipShare, ...rest } = definedFields(parsed, ["designation", "type", "status", "ownershipShare"]);
    const row = await tx.unit.update({
      where: { id },
      data: {
        ...(rest as Prisma.UnitUncheckedUpdateInput),
        ...(ownershipShare ? { shareNumerator: ownershipShare.numerator, shareDenominator: ownershipShare.denominator } : {}),
      },
    });
    await recordChange(tx, ctx, { entityType: "unit", entityId: row.id, eventType: "unit.updated", payload: { fields: Object.keys(parsed) } });
    return row;
  });
  ctx.loaders.unit.clear(id).prime(id, unit);
  return unitView(unit);
}

export async function archiveUnit(ctx: PropertyContext, id: string): Promise<UnitView> {
  requirePermission(ctx.caller, "buildings:write");
  const unit = await ctx.db.write(async (tx) => {
    const existing = await tx.unit.findUnique({ where: { id } });
    if (!existing) throw AppError.notFound("Unit");
    if (existing.archivedAt) return existing;
    const row = await tx.unit.update({ where: { id }, data: { archivedAt: new Date(), status: "ARCHIVED" } });
    await tx.building.update({ where: { id: existing.buildingId }, data: { totalUnits: { decrement: 1 } } });
    await recordChange(tx, ctx, { entityType: "unit", entityId: row.id, eventType: "unit.archived", payload: {} });
    return row;
  });
  ctx.loaders.unit.clear(id).prime(id, unit);
  return unitView(unit);
}
