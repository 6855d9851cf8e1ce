// Consumption: each reading's difference from the meter's previous reading that was not
// rejected (0 for a new meter's INITIAL value, the register's wrap added for a rollover), summed
// per unit over the period's own readings and the replacement readings (FINAL, INITIAL) taken
// within the period's days. A replacement in the middle of a period thus gives
// old final − old previous + new current − new initial. Computed from the readings every time
// (window functions): a correction or a late import can never leave a stale total.
import { Prisma, type MeterKind } from "@ppt/db/client";
import { AppError, requirePermission, type Tx } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";

export interface UnitPeriodConsumption {
  periodId: string;
  unitId: string;
  consumption: Prisma.Decimal;
  estimated: boolean;
  /** A meter of the unit in use during the period has no reading in it. */
  missing: boolean;
}

/**
 * Per unit and period, for the periods given (all of one building and kind, or several): units
 * that have a meter of the kind in the building appear even with no reading (missing).
 *
 * Bounded by the periods and driven by the meters: for each meter and period, its readings that
 * count (the period's own by the (meter_id, period_id) index, the replacement readings taken on
 * its days by the (meter_id, read_at, …) index) and each one's previous reading are index probes.
 * Every join is such a probe, so the plan does not depend on statistics: a CSV import scores its
 * rows in the same transaction that inserted them, before any ANALYZE has seen them, and a join
 * of the fresh readings estimated at one row became a nested loop of meters × readings (22 s for
 * 10,000 meters, 110 s with a second period). The earlier unbounded form numbered every reading
 * a meter ever had and joined periods to readings on an OR: 7–99 s for 2,000 meters × 1–4
 * periods (bench/meters keeps it as the comparison).
 */
/**
 * Keeps the rest of the transaction's reading lookups on plain index probes. The row-level
 * security policy adds `organization_id = <tenant>` to every scan of meter_readings; while the
 * statistics still describe a smaller table (readings imported minutes ago, or in this very
 * transaction) the planner ANDs a bitmap of the (organization_id, …) index into each per-meter
 * probe, and every probe then reads the whole organization's index entries: 9–11 s instead of
 * under one for 10,000 meters (bench/meters, seen with auto_explain). A plain probe of the
 * meter's index never depends on those statistics.
 */
export async function preferIndexProbes(tx: Tx): Promise<void> {
  await tx.$queryRaw`SELECT set_config('enable_bitmapscan', 'off', true)`;
}

export async function unitConsumptions(tx: Tx, periodIds: readonly string[]): Promise<UnitPeriodConsumption[]> {
  if (periodIds.length === 0) return [];
  await preferIndexProbes(tx);
  const rows = await tx.$queryRaw<{ period_id: string; unit_id: string; consumption: Prisma.Decimal; estimated: boolean; missing: boolean }[]>`
    WITH p AS MATERIALIZED (
      SELECT id, building_id, kind, period_start, period_end FROM property.meter_reading_periods WHERE id = ANY (${[...periodIds]}::uuid[])
    ), m AS MATERIALIZED (
      SELECT p.id AS period_id, m.id AS meter_id, m.unit_id, m.rollover_value,
             p.period_start::timestamp AT TIME ZONE 'UTC' AS starts, (p.period_end + 1)::timestamp AT TIME ZONE 'UTC' AS ends
      FROM p JOIN property.meters m ON m.building_id = p.building_id AND m.kind = p.kind AND m.unit_id IS NOT NULL
      WHERE (m.installed_at IS NULL OR m.installed_at <= p.period_end) AND (m.removed_at IS NULL OR m.removed_at >= p.period_start)
    ), c AS (
      SELECT m.period_id, m.unit_id, m.meter_id, x.id IS NOT NULL AS has_reading, x.is_estimated,
             CASE WHEN x.id IS NULL OR x.kind = 'INITIAL' OR prev.value IS NULL THEN 0
                  WHEN x.rollover THEN x.value - prev.value + coalesce(m.rollover_value, 0)
                  ELSE x.value - prev.value END AS consumption
      FROM m
      LEFT JOIN LATERAL (
        SELECT r.id, r.meter_id, r.read_at, r.created_at, r.kind, r.rollover, r.is_estimated, r.value FROM property.meter_readings r
        WHERE r.meter_id = m.meter_id AND r.period_id = m.period_id AND r.status <> 'REJECTED'
        UNION ALL
        SELECT r.id, r.meter_id, r.read_at, r.created_at, r.kind, r.rollover, r.is_estimated, r.value FROM property.meter_readings r
        WHERE r.meter_id = m.meter_id AND r.period_id IS NULL AND r.kind <> 'REGULAR' AND r.status <> 'REJECTED'
          AND r.read_at >= m.starts AND r.read_at < m.ends
      ) x ON true
      LEFT JOIN LATERAL (
        SELECT q.value FROM property.meter_readings q
        WHERE q.meter_id = x.meter_id AND q.status <> 'REJECTED' AND (q.read_at, q.created_at, q.id) < (x.read_at, x.created_at, x.id)
        ORDER BY q.read_at DESC, q.created_at DESC, q.id DESC
        LIMIT 1
      ) prev ON true
    )
    SELECT period_id, unit_id, coalesce(sum(consumption), 0)::numeric(14,3) AS consumption,
           coalesce(bool_or(is_estimated), false) AS estimated,
           bool_or(NOT meter_has_reading) AS missing
    FROM (
      SELECT c.*, bool_or(c.has_reading) OVER (PARTITION BY c.period_id, c.meter_id) AS meter_has_reading FROM c
    ) x
    GROUP BY period_id, unit_id
    ORDER BY period_id, unit_id`;
  return rows.map((r) => ({
    periodId: r.period_id,
    unitId: r.unit_id,
    consumption: new Prisma.Decimal(r.consumption),
    estimated: r.estimated,
    missing: r.missing,
  }));
}

export interface PeriodConsumption {
  periodId: string;
  kind: MeterKind;
  total: Prisma.Decimal;
  units: UnitPeriodConsumption[];
}

/**
 * The consumption of each unit in a reading period and their sum: the input of the financial
 * settlement's costs allocated by consumption (the financial module calls this through the
 * meters module's index.ts). Staff only.
 */
export async function consumptionForSettlement(ctx: PropertyContext, periodId: string): Promise<PeriodConsumption> {
  requirePermission(ctx.caller, "meters:manage");
  return ctx.db.read(async (tx) => {
    const period = await tx.meterReadingPeriod.findUnique({ where: { id: periodId } });
    if (!period) throw AppError.notFound("Reading period");
    const units = await unitConsumptions(tx, [periodId]);
    const total = units.reduce((sum, u) => sum.plus(u.consumption), new Prisma.Decimal(0));
    return { periodId, kind: period.kind, total, units };
  });
}

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The period's consumption as CSV, one line per unit (unit designation, id, consumption, flags). */
export function consumptionCsv(
  rows: readonly { unitId: string; designation: string | null; consumption: Prisma.Decimal; estimated: boolean; missing: boolean }[],
): string {
  const lines = ["unit,unit_id,consumption,estimated,missing"];
  for (const r of rows) lines.push([csvCell(r.designation ?? ""), r.unitId, r.consumption.toFixed(3), String(r.estimated), String(r.missing)].join(","));
  return lines.join("\n") + "\n";
}

/** A unit's line of a period's consumption, as the graph serves it. */
export interface UnitConsumptionView extends UnitPeriodConsumption {
  kind: MeterKind;
  designation: string | null;
}

/** A unit's weight for a cost allocated by consumption: the financial module's AllocationShare (key CONSUMPTION). */
export interface ConsumptionShare {
  unitId: string;
  key: { kind: "CONSUMPTION"; consumption: string };
}

/**
 * The period's units as allocation shares for the financial settlement's largest-remainder
 * allocation (`allocate` of the financial module): consumption as a 3-place decimal string, so
 * the split is exact and sums to the cost to the cent. Units with no consumption keep a zero share.
 */
export function consumptionShares(period: Pick<PeriodConsumption, "units">): ConsumptionShare[] {
  return period.units.map((u) => ({ unitId: u.unitId, key: { kind: "CONSUMPTION", consumption: u.consumption.toFixed(3) } }));
}
