// Estimated readings for the unit meters that have none when a reading period closes: the
// meter's last reading plus its average daily consumption (over its own readings so far) times
// the days from that reading to the period's end; a meter without history (only its first value)
// takes the building's median daily consumption of the period's read meters. Stored as the
// period's reading with isEstimated, source AUTOMATIC and a note of how it was estimated, so the
// consumption shows `estimated` instead of `missing`. A person's reading later replaces it.
import { Prisma, type MeterReading, type MeterReadingPeriod } from "@ppt/db/client";
import type { Tx } from "@ppt/server-kit";
import { median } from "./anomalies.ts";

const DAY = 86_400_000;

/** The average daily consumption over the readings (oldest first), rollovers unwrapped; null without a span. */
export function averageDaily(readings: readonly Pick<MeterReading, "value" | "readAt" | "rollover">[], rolloverValue: Prisma.Decimal | null): number | null {
  if (readings.length < 2) return null;
  const days = (readings.at(-1)!.readAt.getTime() - readings[0]!.readAt.getTime()) / DAY;
  if (days < 1) return null;
  let used = 0;
  for (let i = 1; i < readings.length; i++) {
    let delta = readings[i]!.value.minus(readings[i - 1]!.value).toNumber();
    if (readings[i]!.rollover && rolloverValue) delta += rolloverValue.toNumber();
    used += Math.max(0, delta);
  }
  return used / days;
}

/** Writes the estimates of the period's missing unit meters; returns how many. Runs in the closing transaction. */
export async function estimateMissingReadings(tx: Tx, period: MeterReadingPeriod, createdById: string | null): Promise<number> {
  const meters = await tx.meter.findMany({
    where: {
      buildingId: period.buildingId,
      kind: period.kind,
      unitId: { not: null },
      OR: [{ installedAt: null }, { installedAt: { lte: period.periodEnd } }],
      removedAt: null,
    },
  });
  if (!meters.length) return 0;
  const history = await tx.meterReading.findMany({
    where: { meterId: { in: meters.map((m) => m.id) }, status: { not: "REJECTED" } },
    orderBy: [{ readAt: "asc" }, { createdAt: "asc" }],
    select: { meterId: true, periodId: true, value: true, readAt: true, rollover: true },
  });
  const byMeter = new Map<string, typeof history>();
  for (const r of history) byMeter.set(r.meterId, [...(byMeter.get(r.meterId) ?? []), r]);
  const readAt = new Date(period.periodEnd.getTime() + 12 * 3600_000);
  const missing = meters.filter((m) => !(byMeter.get(m.id) ?? []).some((r) => r.periodId === period.id));
  if (!missing.length) return 0;
  // The building's read meters this period: their daily consumption since their previous reading.
  const periodDaily: number[] = [];
  for (const m of meters) {
    const own = byMeter.get(m.id) ?? [];
    const i = own.findIndex((r) => r.periodId === period.id);
    if (i > 0) {
      const rate = averageDaily([own[i - 1]!, own[i]!], m.rolloverValue);
      if (rate !== null) periodDaily.push(rate);
    }
  }
  const buildingDaily = periodDaily.length ? median(periodDaily) : 0;
  const rows: Prisma.MeterReadingCreateManyInput[] = [];
  for (const m of missing) {
    const own = (byMeter.get(m.id) ?? []).filter((r) => r.readAt < readAt);
    const last = own.at(-1);
    const ownDaily = averageDaily(own, m.rolloverValue);
    const daily = ownDaily ?? buildingDaily;
    const start = last?.value ?? new Prisma.Decimal(0);
    const days = last ? Math.max(0, (readAt.getTime() - last.readAt.getTime()) / DAY) : 0;
    let value = start.plus(new Prisma.Decimal(daily * days).toDecimalPlaces(3));
    let rollover = false;
    if (m.rolloverValue && value.greaterThan(m.rolloverValue)) {
      value = value.minus(m.rolloverValue);
      rollover = true;
    }
    const basis = ownDaily !== null ? "the meter's average" : "the building's median";
    rows.push({
      organizationId: m.organizationId,
      meterId: m.id,
      periodId: period.id,
      kind: "REGULAR",
      value,
      readAt,
      source: "AUTOMATIC",
      status: "SUBMITTED",
      isEstimated: true,
      rollover,
      submittedById: createdById,
      note: `Estimated at closing: ${basis} daily consumption ${daily.toFixed(4)} × ${days.toFixed(1)} days`,
    });
  }
  await tx.meterReading.createMany({ data: rows, skipDuplicates: true });
  return rows.length;
}
