// Reading periods and readings: submission (resident, manager), CSV import from a reading
// company, validation against the meter's previous and next readings, anomaly flags, and the
// manager's review. Every stored reading is scored against the unit's earlier periods and the
// building's other units in the same period (anomalies.ts).
import { Prisma, type Meter, type MeterReading, type MeterReadingPeriod, type MeterReadingSource } from "@ppt/db/client";
import { AppError, parseInput, recordRowsChanged, requirePermission, withIdempotency, writeAuditLogs, type CommittedEvent, type Tx } from "@ppt/server-kit";
import { z } from "zod";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { canSeeBuilding, requirePlace } from "../buildings/index.ts";
import { claimUploads, downloadUrl } from "../documents/index.ts";
import { canSeeMeter, isMeterStaff, maySubmitFor } from "./access.ts";
import { scoreConsumption, type Anomaly } from "./anomalies.ts";
import { preferIndexProbes, unitConsumptions } from "./consumption.ts";
import { estimateMissingReadings } from "./estimates.ts";
import { lockMeter, meterKind, registerValue } from "./service.ts";

const localDate = z.iso.date().transform((d) => new Date(`${d}T00:00:00Z`));
const today = () => new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);

export function isPeriodOpen(period: MeterReadingPeriod, on = today()): boolean {
  return !period.closedAt && period.opensOn <= on && on <= period.closesOn;
}

const periodSchema = z
  .object({ buildingId: z.uuid(), kind: meterKind, periodStart: localDate, periodEnd: localDate, opensOn: localDate, closesOn: localDate })
  .refine((p) => p.periodEnd >= p.periodStart, { message: "periodEnd is before periodStart", path: ["periodEnd"] })
  .refine((p) => p.closesOn >= p.opensOn, { message: "closesOn is before opensOn", path: ["closesOn"] });

export async function openReadingPeriod(ctx: PropertyContext, input: unknown): Promise<MeterReadingPeriod> {
  requirePermission(ctx.caller, "meters:manage");
  const caller = ctx.caller;
  const data = parseInput(periodSchema, input, "input");
  const { period, event } = await ctx.db.write(async (tx) => {
    await requirePlace(tx, { buildingId: data.buildingId });
    const overlap = await tx.meterReadingPeriod.findFirst({
      where: { buildingId: data.buildingId, kind: data.kind, periodStart: { lte: data.periodEnd }, periodEnd: { gte: data.periodStart } },
    });
    if (overlap) throw AppError.conflict("A reading period of this kind overlaps these days", { field: "input.periodStart", reason: "PERIOD_OVERLAP" });
    const period = await tx.meterReadingPeriod.create({ data: { ...data, organizationId: caller.organizationId, createdById: caller.userId } });
    const event = await recordChange(tx, ctx, {
      entityType: "meter_reading_period",
      entityId: period.id,
      eventType: "meter.reading_period_opened",
      payload: { buildingId: period.buildingId, kind: period.kind, closesOn: period.closesOn.toISOString().slice(0, 10) },
    });
    return { period, event };
  });
  ctx.events.committed(event);
  return period;
}

export async function closeReadingPeriod(ctx: PropertyContext, id: string): Promise<MeterReadingPeriod> {
  requirePermission(ctx.caller, "meters:manage");
  const { period, event } = await ctx.db.write(async (tx) => {
    const found = await tx.meterReadingPeriod.findUnique({ where: { id } });
    if (!found) throw AppError.notFound("Reading period");
    await tx.$queryRaw`SELECT id FROM property.meter_reading_periods WHERE id = ${id}::uuid FOR UPDATE`;
    const current = (await tx.meterReadingPeriod.findUnique({ where: { id } }))!;
    const period = current.closedAt ? current : await tx.meterReadingPeriod.update({ where: { id }, data: { closedAt: new Date() } });
    // Meters nobody read get an estimate (once: a closed period is not estimated again).
    const estimated = current.closedAt ? 0 : await estimateMissingReadings(tx, period, ctx.caller?.userId ?? null);
    const event = await recordChange(tx, ctx, {
      entityType: "meter_reading_period",
      entityId: id,
      eventType: "meter.reading_period_closed",
      payload: { buildingId: period.buildingId, estimated },
    });
    return { period, event };
  });
  ctx.events.committed(event);
  return period;
}

export async function listReadingPeriods(ctx: PropertyContext, buildingId: string, kind?: Meter["kind"] | null): Promise<MeterReadingPeriod[]> {
  requirePermission(ctx.caller, "meters:read");
  if (!isMeterStaff(ctx.caller) && !(await canSeeBuilding(ctx, buildingId))) throw AppError.notFound("Building");
  return ctx.db.read((tx) =>
    tx.meterReadingPeriod.findMany({ where: { buildingId, ...(kind ? { kind } : {}) }, orderBy: [{ periodStart: "desc" }, { id: "asc" }] }),
  );
}

interface NewReading {
  value: string;
  readAt: Date;
  source: MeterReadingSource;
  rollover: boolean;
  estimated: boolean;
  note: string | null;
  photo?: { uploadId: string; objectKey: string; contentType: string } | null;
}

type Stored = { reading: MeterReading; outcome: "created" | "updated" | "unchanged" };

/**
 * Validates and stores a meter's reading of a period (one per meter and period: a second one
 * replaces the first until it is verified), then scores it. Throws AppError before any write.
 */
async function storeReading(tx: Tx, ctx: PropertyContext, meter: Meter, period: MeterReadingPeriod, input: NewReading): Promise<Stored> {
  if (meter.buildingId !== period.buildingId || meter.kind !== period.kind) {
    throw AppError.badInput("The period is not this meter's building and kind", { field: "input.periodId", reason: "WRONG_PERIOD" });
  }
  if (meter.removedAt) throw AppError.badInput("The meter was replaced or removed", { field: "input.meterId", reason: "METER_REMOVED" });
  const existing = await tx.meterReading.findUnique({ where: { meterId_periodId: { meterId: meter.id, periodId: period.id } } });
  if (existing && existing.value.equals(input.value) && existing.status !== "REJECTED" && existing.rollover === input.rollover)
    return { reading: existing, outcome: "unchanged" };
  if (existing?.status === "VERIFIED" && !isMeterStaff(ctx.caller)) {
    throw AppError.conflict("The manager has verified this period's reading", { field: "input.value", reason: "ALREADY_VERIFIED" });
  }
  const others = { meterId: meter.id, status: { not: "REJECTED" as const }, ...(existing ? { id: { not: existing.id } } : {}) };
  const previous = await tx.meterReading.findFirst({
    where: { ...others, readAt: { lt: input.readAt } },
    orderBy: [{ readAt: "desc" }, { createdAt: "desc" }],
  });
  const next = await tx.meterReading.findFirst({ where: { ...others, readAt: { gt: input.readAt } }, orderBy: [{ readAt: "asc" }, { createdAt: "asc" }] });
  const value = new Prisma.Decimal(input.value);
  if (input.rollover && !meter.rolloverValue)
    throw AppError.badInput("The meter has no rollover value", { field: "input.rollover", reason: "NO_ROLLOVER_VALUE" });
  if (previous && value.lessThan(previous.value) && !input.rollover) {
    throw AppError.badInput(`The reading is below the previous reading ${previous.value.toString()}`, {
      field: "input.value",
      reason: "READING_BELOW_PREVIOUS",
      previousValue: previous.value.toString(),
    });
  }
  if (next && value.greaterThan(next.value) && !next.rollover) {
    throw AppError.badInput(`The reading is above the later reading ${next.value.toString()}`, { field: "input.value", reason: "READING_ABOVE_NEXT" });
  }
  const fields = {
    value,
    readAt: input.readAt,
    source: input.source,
    rollover: input.rollover,
    isEstimated: input.estimated,
    note: input.note,
    submittedById: ctx.caller?.userId ?? null,
    status: "SUBMITTED" as const,
    anomalyReason: null,
    anomalyScore: null,
    verifiedById: null,
    verifiedAt: null,
    reviewNote: null,
    // A new photo is read again by the OCR job: the old suggestion belonged to the old photo.
    ...(input.photo
      ? { photoUploadId: input.photo.uploadId, photoKey: input.photo.objectKey, photoContentType: input.photo.contentType, ocrValue: null, ocrConfidence: null }
      : {}),
  };
  const reading = await (
    existing
      ? tx.meterReading.update({ where: { id: existing.id }, data: fields })
      : tx.meterReading.create({ data: { ...fields, organizationId: meter.organizationId, meterId: meter.id, periodId: period.id, kind: "REGULAR" } })
  ).catch((error: unknown) => {
    // The unique index on the photo's upload is the last word when the check above was raced.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && /photo_?upload_?id/i.test(JSON.stringify(error.meta ?? {})))
      throw photoAlreadyAttached();
    throw error;
  });
  const scored = meter.unitId ? await scoreReading(tx, reading, meter.unitId, period) : reading;
  return { reading: scored, outcome: existing ? "updated" : "created" };
}

const photoAlreadyAttached = () =>
  AppError.conflict("This photo is already attached to a reading", { field: "input.photoUploadId", reason: "UPLOAD_ALREADY_ATTACHED" });

/** Beyond this many units, the scored unit's own value stays in the building's distribution. */
const LARGE_BUILDING = 50;

/**
 * The anomalies of the period's consumption of the units given, against each unit's earlier
 * periods and the building's other units in the period: one consumption query for any number of
 * units (a CSV import scores all its rows at once).
 */
async function scoreUnits(tx: Tx, period: MeterReadingPeriod, unitIds: readonly string[]): Promise<Map<string, Anomaly>> {
  const anomalies = new Map<string, Anomaly>();
  if (unitIds.length === 0) return anomalies;
  const earlier = await tx.meterReadingPeriod.findMany({
    where: { buildingId: period.buildingId, kind: period.kind, periodEnd: { lt: period.periodStart } },
    orderBy: { periodStart: "desc" },
    take: 36,
    select: { id: true, periodEnd: true },
  });
  const rows = await unitConsumptions(tx, [period.id, ...earlier.map((p) => p.id)]);
  const monthOf = new Map(earlier.map((p) => [p.id, p.periodEnd.getUTCMonth() + 1]));
  const history = new Map<string, { consumption: number; month: number }[]>();
  const inPeriod = new Map<string, number>();
  const ownValue = new Map<string, number>();
  for (const r of rows) {
    if (r.periodId === period.id) {
      ownValue.set(r.unitId, r.consumption.toNumber());
      if (!r.missing) inPeriod.set(r.unitId, r.consumption.toNumber());
    } else if (!r.missing) {
      const list = history.get(r.unitId) ?? [];
      list.push({ consumption: r.consumption.toNumber(), month: monthOf.get(r.periodId)! });
      history.set(r.unitId, list);
    }
  }
  // The building's distribution without the scored unit; in a large building one unit does not
  // move a median, so all rows share one array (its median and MAD computed once).
  const everyone = [...inPeriod.values()];
  const others = (unitId: string) => (inPeriod.size > LARGE_BUILDING ? everyone : [...inPeriod].filter(([u]) => u !== unitId).map(([, c]) => c));
  for (const unitId of new Set(unitIds)) {
    const own = ownValue.get(unitId);
    if (own === undefined) continue;
    const anomaly = scoreConsumption(own, {
      history: history.get(unitId) ?? [],
      month: period.periodEnd.getUTCMonth() + 1,
      seasonal: period.kind === "HEAT" || period.kind === "HEAT_COST_ALLOCATOR",
      building: others(unitId),
    });
    if (anomaly) anomalies.set(unitId, anomaly);
  }
  return anomalies;
}

const flagData = (anomaly: Anomaly) => ({
  status: "FLAGGED" as const,
  anomalyReason: `${anomaly.code}: ${anomaly.reason}`,
  anomalyScore: Number.isFinite(anomaly.score) ? anomaly.score : null,
});

/** Flags the reading when its unit's consumption in the period is an outlier; returns the stored row. */
async function scoreReading(tx: Tx, reading: MeterReading, unitId: string, period: MeterReadingPeriod): Promise<MeterReading> {
  const anomaly = (await scoreUnits(tx, period, [unitId])).get(unitId);
  if (!anomaly) return reading;
  return tx.meterReading.update({ where: { id: reading.id }, data: flagData(anomaly) });
}

const submitSchema = z.object({
  meterId: z.uuid(),
  value: registerValue,
  periodId: z.uuid().nullish(),
  // The DateTime scalar hands resolvers a Date; a string still comes from direct callers.
  readAt: z.union([z.date(), z.iso.datetime({ offset: true })]).nullish(),
  photoUploadId: z.uuid().nullish(),
  rollover: z.boolean().nullish(),
  estimated: z.boolean().nullish(),
  note: z.string().trim().max(2000).nullish(),
});

/**
 * With an idempotency key (the mobile app's offline queue sends one per reading), a resend returns
 * the reading the first request stored; the key lives in the organization's one idempotency store.
 */
export async function submitReading(ctx: PropertyContext, input: unknown, idempotencyKey?: string | null): Promise<MeterReading> {
  requirePermission(ctx.caller, "meters:write");
  const data = parseInput(submitSchema, input, "input");
  const visible = await ctx.loaders.meter.load(data.meterId);
  if (!visible || !(await maySubmitFor(ctx, visible))) throw AppError.notFound("Meter");
  const staff = isMeterStaff(ctx.caller);
  if (data.estimated && !staff) throw AppError.forbidden("Only staff enter estimated readings");
  let submitted: { reading: MeterReading; event: CommittedEvent } | undefined;
  const submit = async (tx: Tx) => {
    const meter = await lockMeter(tx, data.meterId);
    const period = data.periodId
      ? await tx.meterReadingPeriod.findUnique({ where: { id: data.periodId } })
      : (
          await tx.meterReadingPeriod.findMany({
            where: { buildingId: meter.buildingId, kind: meter.kind, closedAt: null, opensOn: { lte: today() }, closesOn: { gte: today() } },
          })
        )[0];
    if (!period) throw AppError.badInput("No reading period is open for this meter", { field: "input.periodId", reason: "NO_OPEN_PERIOD" });
    if (!staff && !isPeriodOpen(period)) throw AppError.badInput("The reading period is not open", { field: "input.periodId", reason: "PERIOD_CLOSED" });
    const [upload] = data.photoUploadId ? await claimUploads(tx, ctx, [data.photoUploadId], "METER_READING_PHOTO") : [];
    // claimUploads locked the upload's row, so a racing submission of the same photo waits and sees this one.
    if (upload && (await tx.meterReading.findFirst({ where: { photoUploadId: upload.id }, select: { id: true } }))) throw photoAlreadyAttached();
    const { reading } = await storeReading(tx, ctx, meter, period, {
      value: data.value,
      readAt: data.readAt ? new Date(data.readAt) : new Date(),
      source: staff ? "MANAGER" : "RESIDENT",
      rollover: data.rollover ?? false,
      estimated: data.estimated ?? false,
      note: data.note ?? null,
      photo: upload ? { uploadId: upload.id, objectKey: upload.objectKey, contentType: upload.declaredContentType } : null,
    });
    const event = await recordChange(tx, ctx, {
      entityType: "meter_reading",
      entityId: reading.id,
      eventType: reading.status === "FLAGGED" ? "meter.reading_flagged" : "meter.reading_submitted",
      payload: { buildingId: meter.buildingId, unitId: meter.unitId, meterId: meter.id, periodId: period.id, hasPhoto: Boolean(reading.photoKey) },
    });
    submitted = { reading, event };
    return { readingId: reading.id };
  };
  // The submitter is part of the request: another person reusing a key is refused.
  const params = { ...data, submittedBy: ctx.caller.userId };
  const { readingId } = await ctx.db.write((tx) =>
    idempotencyKey == null ? submit(tx) : withIdempotency(tx, { key: idempotencyKey, operation: "meters.submitMeterReading", params }, () => submit(tx)),
  );
  if (submitted) {
    ctx.events.committed(submitted.event);
    return submitted.reading;
  }
  const first = await ctx.db.read((tx) => tx.meterReading.findUnique({ where: { id: readingId } }));
  if (!first) throw AppError.notFound("MeterReading");
  return first;
}

const reviewSchema = z
  .object({ decision: z.enum(["VERIFY", "REJECT"]), correctedValue: registerValue.nullish(), note: z.string().trim().max(2000).nullish() })
  .refine((r) => r.decision === "VERIFY" || Boolean(r.note), { message: "A rejection needs a reason", path: ["note"] })
  .refine((r) => r.decision === "VERIFY" || !r.correctedValue, { message: "Only a verification corrects the value", path: ["correctedValue"] });

/** The manager verifies (optionally correcting the value) or rejects a reading; the submitter is told through the event. */
export async function reviewReading(
  ctx: PropertyContext,
  id: string,
  decision: "VERIFY" | "REJECT",
  correctedValue?: string | null,
  note?: string | null,
): Promise<MeterReading> {
  requirePermission(ctx.caller, "meters:manage");
  const caller = ctx.caller;
  const data = parseInput(reviewSchema, { decision, correctedValue, note });
  const { reading, event } = await ctx.db.write(async (tx) => {
    const found = await tx.meterReading.findUnique({ where: { id } });
    if (!found) throw AppError.notFound("Meter reading");
    const meter = await lockMeter(tx, found.meterId);
    if (data.correctedValue) {
      const value = new Prisma.Decimal(data.correctedValue);
      const others = { meterId: meter.id, status: { not: "REJECTED" as const }, id: { not: id } };
      const previous = await tx.meterReading.findFirst({
        where: { ...others, readAt: { lt: found.readAt } },
        orderBy: [{ readAt: "desc" }, { createdAt: "desc" }],
      });
      if (previous && value.lessThan(previous.value) && !found.rollover) {
        throw AppError.badInput(`The reading is below the previous reading ${previous.value.toString()}`, {
          field: "correctedValue",
          reason: "READING_BELOW_PREVIOUS",
        });
      }
    }
    const reading = await tx.meterReading.update({
      where: { id },
      data: {
        status: data.decision === "VERIFY" ? "VERIFIED" : "REJECTED",
        ...(data.correctedValue ? { value: data.correctedValue } : {}),
        verifiedById: caller.userId,
        verifiedAt: new Date(),
        reviewNote: data.note ?? null,
      },
    });
    await writeAuditLogs(tx, { caller, requestId: ctx.requestId }, [
      {
        action: "meter.reading_reviewed",
        entityType: "meter_reading",
        entityId: id,
        diff: {
          decision: data.decision,
          status: { from: found.status, to: reading.status },
          value: { from: found.value.toString(), to: reading.value.toString() },
        },
      },
    ]);
    const event = await recordChange(tx, ctx, {
      entityType: "meter_reading",
      entityId: id,
      eventType: data.decision === "VERIFY" ? "meter.reading_verified" : "meter.reading_rejected",
      payload: {
        buildingId: meter.buildingId,
        unitId: meter.unitId,
        meterId: meter.id,
        submittedById: found.submittedById,
        corrected: Boolean(data.correctedValue),
      },
    });
    return { reading, event };
  });
  ctx.events.committed(event);
  return reading;
}

export async function readingsToReview(ctx: PropertyContext, buildingId?: string | null): Promise<MeterReading[]> {
  requirePermission(ctx.caller, "meters:manage");
  return ctx.db.read((tx) =>
    tx.meterReading.findMany({
      where: { status: "FLAGGED", ...(buildingId ? { meter: { buildingId } } : {}) },
      orderBy: [{ readAt: "asc" }, { id: "asc" }],
      take: 500,
    }),
  );
}

export async function readingPhotoUrl(ctx: PropertyContext, reading: MeterReading): Promise<string | null> {
  if (!reading.photoKey) return null;
  const meter = await ctx.loaders.meter.load(reading.meterId);
  if (!meter || !(await canSeeMeter(ctx, meter))) return null;
  return downloadUrl(ctx.storage, { objectKey: reading.photoKey, fileName: null, contentType: reading.photoContentType ?? "image/jpeg" });
}

export interface ImportError {
  line: number;
  code: string;
  message: string;
}

/** Splits CSV text into rows of cells (RFC 4180 quotes; comma or semicolon, as Slovak spreadsheets write). */
export function parseCsv(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const sep = firstLine.includes(";") && !firstLine.includes(",") ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) endCell();
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
    } else cell += ch;
  }
  if (cell !== "" || row.length) endRow();
  return rows;
}

type ImportMeter = Pick<Meter, "id" | "organizationId" | "unitId" | "serialNumber" | "rolloverValue">;

/**
 * A reading company's CSV for one period: header `serial_number,value` and optionally
 * `read_at`, `estimated`, `rollover`. Each row is validated like a submission; bad rows are
 * reported with their line and do not stop the others. Idempotent by (meter, period): the same
 * file again changes nothing.
 */
export async function importReadings(ctx: PropertyContext, periodId: string, csv: string) {
  requirePermission(ctx.caller, "meters:manage");
  const caller = ctx.caller;
  if (csv.length > 5_000_000) throw AppError.badInput("The CSV is larger than 5 MB", { field: "csv" });
  const rows = parseCsv(csv.replace(/^\uFEFF/, "")).filter((r) => r.some((c) => c.trim() !== ""));
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  if (col("serial_number") < 0 || col("value") < 0) throw AppError.badInput("The header needs serial_number and value", { field: "csv", reason: "BAD_HEADER" });
  return ctx.db.write(async (tx) => {
    const period = await tx.meterReadingPeriod.findUnique({ where: { id: periodId } });
    if (!period) throw AppError.notFound("Reading period");
    // Only the columns the rows need: 10,000 whole meters through the client cost seconds.
    const meters = await tx.meter.findMany({
      where: { buildingId: period.buildingId, kind: period.kind, removedAt: null },
      select: { id: true, organizationId: true, unitId: true, serialNumber: true, rolloverValue: true },
    });
    const bySerial = new Map(meters.map((m) => [m.serialNumber, m]));
    const result = { created: 0, updated: 0, unchanged: 0, flagged: 0, errors: [] as ImportError[] };
    const seen = new Set<string>();
    const yes = (v: string) => ["1", "true", "yes", "ano", "áno"].includes(v.toLowerCase());
    const candidates: { line: number; meter: ImportMeter; value: Prisma.Decimal; readAt: Date; rollover: boolean; estimated: boolean }[] = [];
    for (const [index, cells] of rows.entries()) {
      const line = index + 2;
      const cell = (name: string) => (col(name) >= 0 ? (cells[col(name)] ?? "").trim() : "");
      const serial = cell("serial_number");
      const meter = bySerial.get(serial);
      if (!meter) {
        result.errors.push({ line, code: "UNKNOWN_METER", message: `No meter ${serial} of this kind in the building` });
        continue;
      }
      if (seen.has(meter.id)) {
        result.errors.push({ line, code: "DUPLICATE_ROW", message: `Meter ${serial} is listed twice` });
        continue;
      }
      seen.add(meter.id);
      const value = registerValue.safeParse(cell("value").replace(",", "."));
      const readAt = cell("read_at") ? new Date(cell("read_at")) : new Date(period.periodEnd.getTime() + 12 * 3600_000);
      if (!value.success || Number.isNaN(readAt.getTime())) {
        result.errors.push({ line, code: "BAD_VALUE", message: "value must be a number ≥ 0 with at most 3 decimals, read_at a date" });
        continue;
      }
      const rollover = yes(cell("rollover"));
      if (rollover && !meter.rolloverValue) {
        result.errors.push({ line, code: "NO_ROLLOVER_VALUE", message: "The meter has no rollover value" });
        continue;
      }
      candidates.push({ line, meter, value: new Prisma.Decimal(value.data), readAt, rollover, estimated: yes(cell("estimated")) });
    }
    // Set-based from here: a few statements for the whole file, whatever its length.
    const meterIds = candidates.map((c) => c.meter.id);
    await preferIndexProbes(tx);
    await tx.$queryRaw`SELECT count(*) FROM (SELECT id FROM property.meters WHERE id = ANY (${meterIds}::uuid[]) ORDER BY id FOR UPDATE) locked`;
    // The readings already stored for the period, read by the period alone and matched here: a join
    // on a period the statistics have not seen yet (estimated at one row) can become a nested loop
    // over the whole period for every row.
    const existing = new Map(
      (
        await tx.$queryRaw<{ meter_id: string; id: string; value: Prisma.Decimal; status: MeterReading["status"]; rollover: boolean }[]>`
          SELECT meter_id, id, value, status::text AS status, rollover FROM property.meter_readings WHERE period_id = ${period.id}::uuid`
      ).map((r) => [r.meter_id, r] as const),
    );
    // The meter's readings just before and after each row in time (other periods, not rejected):
    // one statement, an index probe each.
    type Around = {
      meter_id: string;
      before_value: Prisma.Decimal | null;
      after_value: Prisma.Decimal | null;
      after_rollover: boolean | null;
    };
    const around = new Map(
      (
        await tx.$queryRaw<Around[]>`
          SELECT v.meter_id, b.value AS before_value, a.value AS after_value, a.rollover AS after_rollover
          FROM unnest(${meterIds}::uuid[], ${candidates.map((c) => c.readAt)}::timestamptz[]) AS v(meter_id, read_at)
          LEFT JOIN LATERAL (
            SELECT r.value FROM property.meter_readings r
            WHERE r.meter_id = v.meter_id AND r.read_at < v.read_at AND r.status <> 'REJECTED' AND r.period_id IS DISTINCT FROM ${period.id}::uuid
            ORDER BY r.read_at DESC, r.created_at DESC LIMIT 1
          ) b ON true
          LEFT JOIN LATERAL (
            SELECT r.value, r.rollover FROM property.meter_readings r
            WHERE r.meter_id = v.meter_id AND r.read_at > v.read_at AND r.status <> 'REJECTED' AND r.period_id IS DISTINCT FROM ${period.id}::uuid
            ORDER BY r.read_at ASC, r.created_at ASC LIMIT 1
          ) a ON true`
      ).map((r) => [r.meter_id, r] as const),
    );
    const creates: typeof candidates = [];
    const updates: (typeof candidates)[number][] = [];
    for (const c of candidates) {
      const near = around.get(c.meter.id)!;
      const old = existing.get(c.meter.id);
      if (old && c.value.equals(old.value) && old.status !== "REJECTED" && old.rollover === c.rollover) {
        result.unchanged++;
        continue;
      }
      const before = near.before_value === null ? null : { value: near.before_value };
      const after = near.after_value === null ? null : { value: near.after_value, rollover: near.after_rollover };
      if (before && c.value.lessThan(before.value) && !c.rollover) {
        result.errors.push({
          line: c.line,
          code: "READING_BELOW_PREVIOUS",
          message: `The reading is below the previous reading ${new Prisma.Decimal(before.value).toString()}`,
        });
        continue;
      }
      if (after && c.value.greaterThan(after.value) && !after.rollover) {
        result.errors.push({
          line: c.line,
          code: "READING_ABOVE_NEXT",
          message: `The reading is above the later reading ${new Prisma.Decimal(after.value).toString()}`,
        });
        continue;
      }
      (old ? updates : creates).push(c);
    }
    // One INSERT whatever the file's length: the rows travel as one array parameter per column
    // (unnest), not as a statement or a parameter set per row.
    const created = creates.length
      ? await tx.$queryRaw<{ id: string; meterId: string }[]>`
          INSERT INTO property.meter_readings (organization_id, meter_id, period_id, kind, value, read_at, source, rollover, is_estimated,
                                               submitted_by_id, status, updated_at)
          SELECT v.organization_id, v.meter_id, ${period.id}::uuid, 'REGULAR'::property."MeterReadingKind", v.value, v.read_at,
                 'IMPORT'::property."MeterReadingSource", v.rollover, v.estimated, ${caller.userId}::uuid, 'SUBMITTED'::property."MeterReadingStatus", now()
          FROM unnest(${creates.map((c) => c.meter.organizationId)}::uuid[], ${creates.map((c) => c.meter.id)}::uuid[],
                      ${creates.map((c) => c.value.toString())}::numeric[], ${creates.map((c) => c.readAt)}::timestamptz[],
                      ${creates.map((c) => c.rollover)}::boolean[], ${creates.map((c) => c.estimated)}::boolean[])
            AS v(organization_id, meter_id, value, read_at, rollover, estimated)
          RETURNING id, meter_id AS "meterId"`
      : [];
    const updated = updates.length
      ? await tx.$queryRaw<{ id: string; meterId: string }[]>`
          UPDATE property.meter_readings r SET value = v.value, read_at = v.read_at, rollover = v.rollover, is_estimated = v.estimated,
            source = 'IMPORT', note = NULL, submitted_by_id = ${caller.userId}::uuid, status = 'SUBMITTED', anomaly_reason = NULL,
            anomaly_score = NULL, verified_by_id = NULL, verified_at = NULL, review_note = NULL, updated_at = now()
          FROM unnest(${updates.map((u) => existing.get(u.meter.id)!.id)}::uuid[], ${updates.map((u) => u.value.toString())}::numeric[],
                      ${updates.map((u) => u.readAt)}::timestamptz[], ${updates.map((u) => u.rollover)}::boolean[],
                      ${updates.map((u) => u.estimated)}::boolean[]) AS v(id, value, read_at, rollover, estimated)
          WHERE r.id = v.id
          RETURNING r.id, r.meter_id AS "meterId"`
      : [];
    result.created = created.length;
    result.updated = updated.length;
    const unitOf = new Map(meters.map((m) => [m.id, m.unitId] as const));
    const storedRows = [...created.map((r) => ({ id: r.id, meterId: r.meterId })), ...updated.map((r) => ({ id: r.id, meterId: r.meterId }))];
    const anomalies = await scoreUnits(
      tx,
      period,
      storedRows.flatMap((r) => unitOf.get(r.meterId) ?? []),
    );
    const flagged = storedRows.filter((r) => anomalies.has(unitOf.get(r.meterId) ?? ""));
    const flags = flagged.map((r) => flagData(anomalies.get(unitOf.get(r.meterId)!)!));
    result.flagged = flagged.length;
    result.errors.sort((x, y) => x.line - y.line);
    // The flags, then one event and one audit entry per stored reading built in the database from
    // the stored rows' ids: sending 10,000 events and entries as JSON took seconds.
    const flagRows = Prisma.sql`
      SELECT * FROM unnest(${flagged.map((r) => r.id)}::uuid[], ${flags.map((d) => d.anomalyReason)}::text[], ${flags.map((d) => d.anomalyScore)}::float8[])
        AS f(id, reason, score)`;
    await tx.$executeRaw`
      UPDATE property.meter_readings r SET status = 'FLAGGED', anomaly_reason = f.reason, anomaly_score = f.score, updated_at = now()
      FROM (${flagRows}) f WHERE r.id = f.id`;
    await recordRowsChanged(tx, ctx, {
      entityType: "meter_reading",
      action: "meter.reading_imported",
      rows: Prisma.sql`
        SELECT s.id AS entity_id,
               CASE WHEN f.id IS NULL THEN 'meter.reading_submitted' ELSE 'meter.reading_flagged' END AS event_type,
               jsonb_build_object('periodId', ${periodId}::text, 'buildingId', ${period.buildingId}::text, 'meterId', s.meter_id,
                                  'status', CASE WHEN f.id IS NULL THEN 'SUBMITTED' ELSE 'FLAGGED' END) AS payload
        FROM unnest(${storedRows.map((r) => r.id)}::uuid[], ${storedRows.map((r) => r.meterId)}::uuid[]) AS s(id, meter_id)
        LEFT JOIN (${flagRows}) f ON f.id = s.id`,
    });
    return result;
  });
}
