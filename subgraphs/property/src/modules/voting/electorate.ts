// The electorate of a vote, frozen when it opens: the units that may vote with their share of
// the common parts, and who owned each unit at that moment with their share. Later sales,
// inheritances or share changes do not change who may vote or how much a unit weighs.
// Units and ownerships are read through the buildings module's loaders.
import type { Unit } from "@ppt/db/client";
import { AppError } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";

export interface FrozenUnit {
  unitId: string;
  share: { numerator: number; denominator: number };
  owners: { userId: string; share: { numerator: number; denominator: number } }[];
}

const isActive = (unit: Unit | null | Error): unit is Unit => !!unit && !(unit instanceof Error) && unit.archivedAt === null;

/** Checks a selection of units for a new vote: active units of the vote's building. */
export async function checkUnitSelection(ctx: PropertyContext, buildingId: string, unitIds: readonly string[]): Promise<Unit[]> {
  const units = await ctx.loaders.unit.loadMany([...unitIds]);
  return units.map((unit, i) => {
    if (!isActive(unit) || unit.buildingId !== buildingId) {
      throw AppError.badInput("Every eligible unit must be an active unit of the vote's building", { field: `input.eligibleUnitIds.${i}` });
    }
    return unit;
  });
}

/** Ownership rows are calendar days (validTo inclusive), compared as UTC dates. */
function ownsOn(row: { validFrom: Date; validTo: Date | null }, day: string): boolean {
  const from = row.validFrom.toISOString().slice(0, 10);
  const to = row.validTo?.toISOString().slice(0, 10) ?? null;
  return from <= day && (to === null || to >= day);
}

/**
 * The electorate as it stands at `at`: the selected units (or, when none were selected, every
 * active unit of the building) and each one's owners that day. A unit whose owner is unknown to
 * the system still counts among all votes; nobody can cast its ballot.
 */
export async function electorateAt(ctx: PropertyContext, buildingId: string, selection: readonly string[], at: Date): Promise<FrozenUnit[]> {
  const units = selection.length
    ? (await ctx.loaders.unit.loadMany([...selection])).filter(isActive).filter((u) => u.buildingId === buildingId)
    : await ctx.loaders.unitsByBuilding.load(buildingId);
  const day = at.toISOString().slice(0, 10);
  const ownerships = await ctx.loaders.ownershipsByUnit.loadMany(units.map((u) => u.id));
  return units.map((unit, i) => {
    const rows = ownerships[i];
    const current = rows instanceof Error || !rows ? [] : rows.filter((row) => ownsOn(row, day));
    // One row per owner (the database allows one voter row per unit and person).
    const owners = new Map<string, FrozenUnit["owners"][number]>();
    for (const row of current)
      if (!owners.has(row.userId)) owners.set(row.userId, { userId: row.userId, share: { numerator: row.shareNumerator, denominator: row.shareDenominator } });
    return { unitId: unit.id, share: { numerator: unit.shareNumerator, denominator: unit.shareDenominator }, owners: [...owners.values()] };
  });
}
