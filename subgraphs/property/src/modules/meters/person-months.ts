// Person-months (osobomesiace): how many persons lived in a unit in a month, an allocation key
// for costs split by occupants. An owner of the unit declares, the manager confirms; a change
// after confirmation needs a new confirmation.
import type { PersonMonth } from "@ppt/db/client";
import { AppError, parseInput, requirePermission, type Tx } from "@ppt/server-kit";
import { z } from "zod";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { canSeeUnit, ownershipsOfUnit, unitById } from "../buildings/index.ts";
import { isMeterStaff } from "./access.ts";

async function requireUnitForPersonMonths(ctx: PropertyContext, unitId: string, declaring: boolean): Promise<void> {
  const unit = isMeterStaff(ctx.caller) || (await canSeeUnit(ctx, unitId)) ? await unitById(ctx, unitId) : null;
  if (!unit) throw AppError.notFound("Unit");
  if (declaring && !isMeterStaff(ctx.caller) && (await ownershipsOfUnit(ctx, unit)).length === 0) throw AppError.notFound("Unit");
}

export async function personMonthsOfUnit(ctx: PropertyContext, unitId: string, year: number): Promise<PersonMonth[]> {
  requirePermission(ctx.caller, "meters:read");
  await requireUnitForPersonMonths(ctx, unitId, false);
  return ctx.db.read((tx) => tx.personMonth.findMany({ where: { unitId, year }, orderBy: { month: "asc" } }));
}

const declareSchema = z.object({
  unitId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  month: z.number().int().min(1).max(12),
  personCount: z.number().int().min(0).max(99),
});

export async function declarePersonMonths(ctx: PropertyContext, input: unknown): Promise<PersonMonth> {
  requirePermission(ctx.caller, "meters:write");
  const caller = ctx.caller;
  const data = parseInput(declareSchema, input);
  await requireUnitForPersonMonths(ctx, data.unitId, true);
  const { row, event } = await ctx.db.write(async (tx) => {
    const staff = isMeterStaff(caller);
    const confirmation = staff ? { confirmedById: caller.userId, confirmedAt: new Date() } : { confirmedById: null, confirmedAt: null };
    const row = await tx.personMonth.upsert({
      where: { unitId_year_month: { unitId: data.unitId, year: data.year, month: data.month } },
      create: { organizationId: caller.organizationId, ...data, submittedById: caller.userId, ...confirmation },
      update: { personCount: data.personCount, submittedById: caller.userId, ...confirmation },
    });
    const event = await recordChange(tx, ctx, {
      entityType: "person_month",
      entityId: row.id,
      eventType: "meter.person_months_declared",
      payload: { unitId: row.unitId, year: row.year, month: row.month },
    });
    return { row, event };
  });
  ctx.events.committed(event);
  return row;
}

export async function confirmPersonMonths(ctx: PropertyContext, id: string): Promise<PersonMonth> {
  requirePermission(ctx.caller, "meters:manage");
  const caller = ctx.caller;
  const { row, event } = await ctx.db.write(async (tx) => {
    const found = await tx.personMonth.findUnique({ where: { id } });
    if (!found) throw AppError.notFound("Person-months");
    const row = await tx.personMonth.update({ where: { id }, data: { confirmedById: caller.userId, confirmedAt: new Date() } });
    const event = await recordChange(tx, ctx, {
      entityType: "person_month",
      entityId: id,
      eventType: "meter.person_months_confirmed",
      payload: { unitId: row.unitId, year: row.year, month: row.month },
    });
    return { row, event };
  });
  ctx.events.committed(event);
  return row;
}

/**
 * Person-months of units over a year (sum of the months' person counts), the financial module's
 * PERSON_MONTHS allocation key; a unit with no declaration counts 0. One statement, in the
 * caller's transaction (the financial module decides who may allocate).
 */
export async function personMonthsOfYear(tx: Tx, unitIds: readonly string[], year: number): Promise<Map<string, number>> {
  const totals = new Map<string, number>(unitIds.map((id) => [id, 0]));
  if (!unitIds.length) return totals;
  const rows = await tx.personMonth.groupBy({ by: ["unitId"], where: { unitId: { in: [...unitIds] }, year }, _sum: { personCount: true } });
  for (const row of rows) totals.set(row.unitId, row._sum.personCount ?? 0);
  return totals;
}
