// Meters: installing, editing and replacing them. A replacement stores the old meter's final
// reading and the new meter's initial reading in one transaction, so a unit's consumption stays
// continuous across it (old final − old previous + new current − new initial).
import type { Meter, Prisma } from "@ppt/db/client";
import { AppError, parseInput, requirePermission, type Tx } from "@ppt/server-kit";
import { z } from "zod";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { requirePlace } from "../buildings/index.ts";
import { canSeeMeter, visibleMetersWhere } from "./access.ts";
import { ruleFor, rulesInEffect, verificationDueOn } from "./verification.ts";

const kinds = ["WATER_COLD", "WATER_HOT", "HEAT", "HEAT_COST_ALLOCATOR", "GAS", "ELECTRICITY"] as const;
export const meterKind = z.enum(kinds);
const localDate = z.iso.date().transform((d) => new Date(`${d}T00:00:00Z`));
/** A meter register value: up to 11 digits and 3 decimals (Decimal(14,3)), not negative. */
export const registerValue = z
  .string()
  .trim()
  .regex(/^\d{1,11}(\.\d{1,3})?$/, "a number ≥ 0 with at most 3 decimals");

export interface MeterFilter {
  buildingId?: string | null;
  unitId?: string | null;
  kind?: Meter["kind"] | null;
  includeRemoved?: boolean | null;
}

export async function listMeters(ctx: PropertyContext, filter: MeterFilter | null | undefined): Promise<Meter[]> {
  requirePermission(ctx.caller, "meters:read");
  const where: Prisma.MeterWhereInput = {
    AND: [
      await visibleMetersWhere(ctx),
      {
        ...(filter?.buildingId ? { buildingId: filter.buildingId } : {}),
        ...(filter?.unitId ? { unitId: filter.unitId } : {}),
        ...(filter?.kind ? { kind: filter.kind } : {}),
        ...(filter?.includeRemoved ? {} : { removedAt: null }),
      },
    ],
  };
  const rows = await ctx.db.read((tx) =>
    tx.meter.findMany({ where, orderBy: [{ buildingId: "asc" }, { unitId: "asc" }, { kind: "asc" }, { serialNumber: "asc" }], take: 5000 }),
  );
  for (const row of rows) ctx.loaders.meter.prime(row.id, row);
  return rows;
}

/** A meter the caller may see, else NOT_FOUND (another tenant's or a neighbour's look the same). */
export async function getMeter(ctx: PropertyContext, id: string): Promise<Meter> {
  requirePermission(ctx.caller, "meters:read");
  const meter = await ctx.loaders.meter.load(id);
  if (!meter || !(await canSeeMeter(ctx, meter))) throw AppError.notFound("Meter");
  return meter;
}

/** The unit's meters in use, for its owners, tenants and staff (others get an empty list). */
export async function metersOfUnit(ctx: PropertyContext, unitId: string): Promise<Meter[]> {
  if (!ctx.caller?.permissions.has("meters:read")) return [];
  const rows = await ctx.loaders.metersByUnit.load(unitId);
  const first = rows[0];
  return first && (await canSeeMeter(ctx, first)) ? rows : [];
}

export async function meterKindRules(ctx: PropertyContext) {
  requirePermission(ctx.caller, "meters:read");
  return ctx.db.read((tx) => rulesInEffect(tx));
}

const createSchema = z
  .object({
    buildingId: z.uuid(),
    unitId: z.uuid().nullish(),
    placement: z.enum(["UNIT", "BUILDING_MAIN", "COMMON_AREA"]).nullish(),
    kind: meterKind,
    serialNumber: z.string().trim().min(1).max(100),
    unitOfMeasure: z.string().trim().min(1).max(16).nullish(),
    location: z.string().trim().max(255).nullish(),
    installedOn: localDate.nullish(),
    verifiedOn: localDate.nullish(),
    rolloverValue: registerValue.nullish(),
    initialReading: registerValue.nullish(),
  })
  .refine((m) => ((m.placement ?? (m.unitId ? "UNIT" : "BUILDING_MAIN")) === "UNIT") === Boolean(m.unitId), {
    message: "A UNIT meter names its unit; a building or common-area meter names none",
    path: ["unitId"],
  });

export async function createMeter(ctx: PropertyContext, input: unknown): Promise<Meter> {
  requirePermission(ctx.caller, "meters:manage");
  const caller = ctx.caller;
  const data = parseInput(createSchema, input, "input");
  const { meter, event } = await ctx.db.write(async (tx) => {
    await requirePlace(tx, { buildingId: data.buildingId, unitId: data.unitId });
    const rule = await ruleFor(tx, data.kind);
    const verifiedOn = data.verifiedOn ?? data.installedOn ?? null;
    const meter = await createMeterRow(tx, {
      organizationId: caller.organizationId,
      buildingId: data.buildingId,
      unitId: data.unitId ?? null,
      placement: data.placement ?? (data.unitId ? "UNIT" : "BUILDING_MAIN"),
      kind: data.kind,
      serialNumber: data.serialNumber,
      unitOfMeasure: data.unitOfMeasure ?? rule.defaultUnitOfMeasure,
      location: data.location ?? null,
      installedAt: data.installedOn ?? null,
      verifiedOn,
      verificationDueOn: verificationDueOn(verifiedOn, rule.verificationIntervalMonths),
      rolloverValue: data.rolloverValue ?? null,
    });
    if (data.initialReading !== null && data.initialReading !== undefined) {
      await tx.meterReading.create({
        data: {
          organizationId: meter.organizationId,
          meterId: meter.id,
          value: data.initialReading,
          readAt: data.installedOn ?? new Date(),
          kind: "INITIAL",
          source: "MANAGER",
          status: "VERIFIED",
          submittedById: caller.userId,
          verifiedById: caller.userId,
          verifiedAt: new Date(),
        },
      });
    }
    const event = await recordChange(tx, ctx, {
      entityType: "meter",
      entityId: meter.id,
      eventType: "meter.installed",
      payload: { buildingId: meter.buildingId, unitId: meter.unitId, kind: meter.kind },
    });
    return { meter, event };
  });
  ctx.events.committed(event);
  ctx.loaders.meter.prime(meter.id, meter);
  return meter;
}

async function createMeterRow(tx: Tx, data: Prisma.MeterUncheckedCreateInput): Promise<Meter> {
  const clash = await tx.meter.findFirst({ where: { kind: data.kind, serialNumber: data.serialNumber }, select: { id: true } });
  if (clash) throw AppError.conflict("A meter of this kind with this serial number exists", { field: "input.serialNumber", reason: "SERIAL_NUMBER_TAKEN" });
  return tx.meter.create({ data });
}

const updateSchema = z.object({
  location: z.string().trim().max(255).nullish(),
  verifiedOn: localDate.nullish(),
  rolloverValue: registerValue.nullish(),
});

export async function updateMeter(ctx: PropertyContext, id: string, input: unknown): Promise<Meter> {
  requirePermission(ctx.caller, "meters:manage");
  const data = parseInput(updateSchema, input, "input");
  await getMeter(ctx, id);
  const { meter, event } = await ctx.db.write(async (tx) => {
    const current = await lockMeter(tx, id);
    const changes: Prisma.MeterUpdateInput = {};
    if (data.location !== undefined) changes.location = data.location;
    if (data.rolloverValue !== undefined) changes.rolloverValue = data.rolloverValue;
    if (data.verifiedOn !== undefined) {
      const rule = await ruleFor(tx, current.kind);
      changes.verifiedOn = data.verifiedOn;
      changes.verificationDueOn = verificationDueOn(data.verifiedOn, rule.verificationIntervalMonths);
    }
    const meter = await tx.meter.update({ where: { id }, data: changes });
    const event = await recordChange(tx, ctx, {
      entityType: "meter",
      entityId: id,
      eventType: "meter.updated",
      payload: { buildingId: meter.buildingId, fields: Object.keys(changes) },
    });
    return { meter, event };
  });
  ctx.events.committed(event);
  ctx.loaders.meter.clear(id).prime(id, meter);
  return meter;
}

export async function lockMeter(tx: Tx, id: string): Promise<Meter> {
  await tx.$queryRaw`SELECT id FROM property.meters WHERE id = ${id}::uuid FOR UPDATE`;
  const meter = await tx.meter.findUnique({ where: { id } });
  if (!meter) throw AppError.notFound("Meter");
  return meter;
}

const replaceSchema = z.object({
  finalReading: registerValue,
  replacedOn: localDate,
  serialNumber: z.string().trim().min(1).max(100),
  initialReading: registerValue,
  verifiedOn: localDate.nullish(),
  location: z.string().trim().max(255).nullish(),
  rolloverValue: registerValue.nullish(),
});

/** Returns the new meter. */
export async function replaceMeter(ctx: PropertyContext, id: string, input: unknown): Promise<Meter> {
  requirePermission(ctx.caller, "meters:manage");
  const caller = ctx.caller;
  const data = parseInput(replaceSchema, input, "input");
  await getMeter(ctx, id);
  const { meter, event } = await ctx.db.write(async (tx) => {
    const old = await lockMeter(tx, id);
    if (old.removedAt) throw AppError.badInput("The meter was already replaced or removed", { field: "id", reason: "METER_REMOVED" });
    // The final reading is taken at noon of the replacement day, the new meter starts right after.
    const finalAt = new Date(data.replacedOn.getTime() + 12 * 3600_000);
    const last = await tx.meterReading.findFirst({
      where: { meterId: id, status: { not: "REJECTED" } },
      orderBy: [{ readAt: "desc" }, { createdAt: "desc" }],
    });
    if (last && last.readAt > finalAt)
      throw AppError.badInput("The meter has readings after the replacement day", { field: "input.replacedOn", reason: "READINGS_AFTER_REPLACEMENT" });
    if (last && Number(data.finalReading) < Number(last.value)) {
      throw AppError.badInput(`The final reading is below the previous reading ${last.value.toString()}`, {
        field: "input.finalReading",
        reason: "READING_BELOW_PREVIOUS",
      });
    }
    const rule = await ruleFor(tx, old.kind);
    const verifiedOn = data.verifiedOn ?? data.replacedOn;
    const created = await createMeterRow(tx, {
      organizationId: old.organizationId,
      buildingId: old.buildingId,
      unitId: old.unitId,
      placement: old.placement,
      kind: old.kind,
      serialNumber: data.serialNumber,
      unitOfMeasure: old.unitOfMeasure,
      location: data.location ?? old.location,
      installedAt: data.replacedOn,
      verifiedOn,
      verificationDueOn: verificationDueOn(verifiedOn, rule.verificationIntervalMonths),
      rolloverValue: data.rolloverValue ?? old.rolloverValue,
    });
    await tx.meter.update({ where: { id }, data: { removedAt: data.replacedOn, replacedById: created.id } });
    const common = {
      organizationId: old.organizationId,
      source: "MANAGER" as const,
      status: "VERIFIED" as const,
      submittedById: caller.userId,
      verifiedById: caller.userId,
      verifiedAt: new Date(),
    };
    await tx.meterReading.create({ data: { ...common, meterId: id, value: data.finalReading, readAt: finalAt, kind: "FINAL" } });
    await tx.meterReading.create({
      data: { ...common, meterId: created.id, value: data.initialReading, readAt: new Date(finalAt.getTime() + 1), kind: "INITIAL" },
    });
    const event = await recordChange(tx, ctx, {
      entityType: "meter",
      entityId: id,
      eventType: "meter.replaced",
      payload: { buildingId: old.buildingId, unitId: old.unitId, kind: old.kind, newMeterId: created.id },
    });
    return { meter: created, event };
  });
  ctx.events.committed(event);
  ctx.loaders.meter.clear(id);
  ctx.loaders.meter.prime(meter.id, meter);
  return meter;
}
