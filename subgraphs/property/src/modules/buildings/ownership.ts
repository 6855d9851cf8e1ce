// Who owns and who lives in a unit, over time. Shares are exact fractions: the shares of owners
// whose periods overlap may together not exceed the whole unit, checked with BigInt arithmetic
// while the unit row is locked, so two concurrent additions cannot both pass.
import type { UnitOccupancy, UnitOwnership } from "@ppt/db/client";
import { AppError, parseInput, requirePermission, type Tx } from "@ppt/server-kit";
import { z } from "zod";
import { recordChange, recordChanges } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { isShare, sumsToAtMostOne } from "./ratio.ts";
import { isBuildingStaff } from "./residency.ts";
import type { UnitView } from "./service.ts";

const localDate = z.iso.date().transform((d) => new Date(`${d}T00:00:00Z`));
const period = { validFrom: localDate, validTo: localDate.nullish() };
const fraction = z.object({ numerator: z.number().int(), denominator: z.number().int() }).refine(isShare, "a fraction with 0 < numerator <= denominator");

const ownershipSchema = z
  .object({ unitId: z.uuid(), userId: z.uuid(), share: fraction, ...period })
  .refine((v) => !v.validTo || v.validTo >= v.validFrom, { message: "validTo must not be before validFrom", path: ["validTo"] });
const occupancySchema = z
  .object({ unitId: z.uuid(), userId: z.uuid(), kind: z.enum(["TENANT", "SUBTENANT", "FAMILY_MEMBER", "OTHER"]).nullish(), ...period })
  .refine((v) => !v.validTo || v.validTo >= v.validFrom, { message: "validTo must not be before validFrom", path: ["validTo"] });

/** Locks the unit (serializes share changes of one unit) and checks it exists in the tenant. */
async function lockUnit(tx: Tx, unitId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM property.units WHERE id = ${unitId}::uuid AND archived_at IS NULL FOR UPDATE`;
  if (rows.length === 0) throw AppError.notFound("Unit");
}

async function requireMember(ctx: PropertyContext, userId: string): Promise<void> {
  // The members loader in the context (buildings sit below members: organizations' delegations build on units).
  if (!(await ctx.loaders.user.load(userId))?.membershipActive) throw AppError.badInput("No such member of the organization", { field: "input.userId" });
}

/** Periods [from, to] (inclusive, open-ended when to is null) that share at least one day. */
function overlaps(a: { validFrom: Date; validTo: Date | null }, b: { validFrom: Date; validTo: Date | null }): boolean {
  return (!a.validTo || a.validTo >= b.validFrom) && (!b.validTo || b.validTo >= a.validFrom);
}

async function checkShares(tx: Tx, unitId: string, candidate: { id?: string; validFrom: Date; validTo: Date | null; numerator: number; denominator: number }) {
  const others = await tx.unitOwnership.findMany({ where: { unitId, ...(candidate.id ? { id: { not: candidate.id } } : {}) } });
  const concurrent = others.filter((o) => overlaps(o, candidate));
  const shares = [...concurrent.map((o) => ({ numerator: o.shareNumerator, denominator: o.shareDenominator })), candidate];
  if (!sumsToAtMostOne(shares)) {
    throw AppError.badInput("The owners' shares of this unit would exceed the whole unit", { field: "input.share" });
  }
}

export async function addUnitOwnership(ctx: PropertyContext, input: unknown): Promise<UnitOwnership> {
  requirePermission(ctx.caller, "buildings:write");
  const caller = ctx.caller;
  const data = parseInput(ownershipSchema, input, "input");
  return ctx.db.write(async (tx) => {
    await lockUnit(tx, data.unitId);
    await requireMember(ctx, data.userId);
    const validTo = data.validTo ?? null;
    await checkShares(tx, data.unitId, { validFrom: data.validFrom, validTo, ...data.share });
    const row = await tx.unitOwnership.create({
      data: {
        organizationId: caller.organizationId,
        unitId: data.unitId,
        userId: data.userId,
        shareNumerator: data.share.numerator,
        shareDenominator: data.share.denominator,
        validFrom: data.validFrom,
        validTo,
      },
    });
    await recordChange(tx, ctx, {
      entityType: "unit_ownership",
      entityId: row.id,
      eventType: "unit.ownership_added",
      payload: { unitId: row.unitId, userId: row.userId, share: `${row.shareNumerator}/${row.shareDenominator}` },
    });
    return row;
  });
}

/**
 * Ownerships an import adds, already checked like addUnitOwnership checks one (members, shares of
 * the units locked by the caller): one INSERT and one batch of changes for all of them.
 */
export async function addUnitOwnerships(
  tx: Tx,
  ctx: PropertyContext,
  organizationId: string,
  rows: readonly { unitId: string; userId: string; share: { numerator: number; denominator: number }; validFrom: Date }[],
): Promise<void> {
  if (!rows.length) return;
  // One INSERT with an array parameter per column (unnest): Prisma's createManyAndReturn of 2,000
  // ownerships took 4 s here.
  const created = await tx.$queryRaw<{ id: string; unitId: string; userId: string; shareNumerator: number; shareDenominator: number }[]>`
    INSERT INTO property.unit_ownerships (organization_id, unit_id, user_id, share_numerator, share_denominator, valid_from, updated_at)
    SELECT ${organizationId}::uuid, v.unit_id, v.user_id, v.numerator, v.denominator, v.valid_from, now()
    FROM unnest(${rows.map((r) => r.unitId)}::uuid[], ${rows.map((r) => r.userId)}::uuid[], ${rows.map((r) => r.share.numerator)}::int[],
                ${rows.map((r) => r.share.denominator)}::int[], ${rows.map((r) => r.validFrom.toISOString().slice(0, 10))}::date[])
         AS v(unit_id, user_id, numerator, denominator, valid_from)
    RETURNING id::text, unit_id::text AS "unitId", user_id::text AS "userId", share_numerator AS "shareNumerator", share_denominator AS "shareDenominator"`;
  await recordChanges(
    tx,
    ctx,
    created.map((row) => ({
      entityType: "unit_ownership",
      entityId: row.id,
      eventType: "unit.ownership_added",
      payload: { unitId: row.unitId, userId: row.userId, share: `${row.shareNumerator}/${row.shareDenominator}` },
    })),
  );
}

/** Locks units an import changes or adds owners to (as lockUnit does for one), in one statement. */
export async function lockUnits(tx: Tx, unitIds: readonly string[]): Promise<void> {
  if (!unitIds.length) return;
  await tx.$queryRaw`SELECT count(*) FROM (SELECT id FROM property.units WHERE id = ANY (${[...unitIds]}::uuid[]) ORDER BY id FOR UPDATE) locked`;
}

const endSchema = z.object({ id: z.uuid(), validTo: localDate });

export async function endUnitOwnership(ctx: PropertyContext, id: string, validTo: string): Promise<UnitOwnership> {
  requirePermission(ctx.caller, "buildings:write");
  const data = parseInput(endSchema, { id, validTo });
  return ctx.db.write(async (tx) => {
    const existing = await tx.unitOwnership.findUnique({ where: { id: data.id } });
    if (!existing) throw AppError.notFound("Ownership");
    if (data.validTo < existing.validFrom) throw AppError.badInput("validTo must not be before validFrom", { field: "validTo" });
    const row = await tx.unitOwnership.update({ where: { id: data.id }, data: { validTo: data.validTo } });
    await recordChange(tx, ctx, { entityType: "unit_ownership", entityId: row.id, eventType: "unit.ownership_ended", payload: { unitId: row.unitId } });
    return row;
  });
}

export async function addUnitOccupancy(ctx: PropertyContext, input: unknown): Promise<UnitOccupancy> {
  requirePermission(ctx.caller, "buildings:write");
  const caller = ctx.caller;
  const data = parseInput(occupancySchema, input, "input");
  return ctx.db.write(async (tx) => {
    await lockUnit(tx, data.unitId);
    await requireMember(ctx, data.userId);
    const row = await tx.unitOccupancy.create({
      data: {
        organizationId: caller.organizationId,
        unitId: data.unitId,
        userId: data.userId,
        kind: data.kind ?? "TENANT",
        validFrom: data.validFrom,
        validTo: data.validTo ?? null,
      },
    });
    await recordChange(tx, ctx, {
      entityType: "unit_occupancy",
      entityId: row.id,
      eventType: "unit.occupancy_added",
      payload: { unitId: row.unitId, userId: row.userId },
    });
    return row;
  });
}

export async function endUnitOccupancy(ctx: PropertyContext, id: string, validTo: string): Promise<UnitOccupancy> {
  requirePermission(ctx.caller, "buildings:write");
  const data = parseInput(endSchema, { id, validTo });
  return ctx.db.write(async (tx) => {
    const existing = await tx.unitOccupancy.findUnique({ where: { id: data.id } });
    if (!existing) throw AppError.notFound("Occupancy");
    if (data.validTo < existing.validFrom) throw AppError.badInput("validTo must not be before validFrom", { field: "validTo" });
    const row = await tx.unitOccupancy.update({ where: { id: data.id }, data: { validTo: data.validTo } });
    await recordChange(tx, ctx, { entityType: "unit_occupancy", entityId: row.id, eventType: "unit.occupancy_ended", payload: { unitId: row.unitId } });
    return row;
  });
}

/** Staff see every ownership of a unit; a resident only their own rows; public readers none. */
export async function ownershipsOfUnit(ctx: PropertyContext, unit: UnitView): Promise<UnitOwnership[]> {
  if (unit.publicBuilding || !ctx.caller) return [];
  const rows = await ctx.loaders.ownershipsByUnit.load(unit.id);
  return isBuildingStaff(ctx.caller) ? rows : rows.filter((r) => r.userId === ctx.caller!.userId);
}

export async function occupanciesOfUnit(ctx: PropertyContext, unit: UnitView): Promise<UnitOccupancy[]> {
  if (unit.publicBuilding || !ctx.caller) return [];
  const rows = await ctx.loaders.occupanciesByUnit.load(unit.id);
  return isBuildingStaff(ctx.caller) ? rows : rows.filter((r) => r.userId === ctx.caller!.userId);
}

/** LocalDate output: the calendar day, without a time zone shift. */
export function localDateOf(value: Date | null): string | null {
  return value ? value.toISOString().slice(0, 10) : null;
}
