import { loaderById, loaderByParent } from "@ppt/server-kit";
import type { MeterReading } from "@ppt/db/client";
import type { PropertyContext } from "../../context.ts";

export function createMeterLoaders(ctx: PropertyContext) {
  return {
    meter: loaderById((ids) => ctx.db.read((tx) => tx.meter.findMany({ where: { id: { in: ids } } }))),
    meterReadingPeriod: loaderById((ids) => ctx.db.read((tx) => tx.meterReadingPeriod.findMany({ where: { id: { in: ids } } }))),
    metersByUnit: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.meter.findMany({ where: { unitId: { in: ids }, removedAt: null }, orderBy: [{ kind: "asc" }, { serialNumber: "asc" }] })),
      (row) => row.unitId!,
    ),
    /** The newest reading that was not rejected, per meter: one statement for any number of meters. */
    lastReadingByMeter: loaderByParent(
      (ids) =>
        ctx.db.read((tx) =>
          tx.$queryRaw<MeterReading[]>`
            SELECT DISTINCT ON (meter_id) id FROM property.meter_readings
            WHERE meter_id = ANY (${ids}::uuid[]) AND status <> 'REJECTED'
            ORDER BY meter_id, read_at DESC, created_at DESC`.then((rows) =>
            rows.length ? tx.meterReading.findMany({ where: { id: { in: rows.map((r) => r.id) } } }) : [],
          ),
        ),
      (row) => row.meterId,
    ),
    readingsByMeter: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.meterReading.findMany({ where: { meterId: { in: ids } }, orderBy: [{ readAt: "desc" }, { createdAt: "desc" }] })),
      (row) => row.meterId,
    ),
    /** Each reading's consumption since the meter's previous reading that was not rejected. */
    readingConsumption: loaderById((ids) =>
      ctx.db.read(
        (tx) =>
          tx.$queryRaw<{ id: string; consumption: string | null }[]>`
          WITH target AS (SELECT DISTINCT meter_id FROM property.meter_readings WHERE id = ANY (${ids}::uuid[]))
          SELECT x.id, x.consumption::text AS consumption FROM (
            SELECT r.id, r.status,
              CASE WHEN r.status = 'REJECTED' THEN NULL
                   WHEN r.kind = 'INITIAL' THEN 0
                   WHEN lag(r.value) OVER w IS NULL THEN NULL
                   WHEN r.rollover THEN r.value + coalesce(m.rollover_value, 0) - lag(r.value) OVER w
                   ELSE r.value - lag(r.value) OVER w END AS consumption
            FROM property.meter_readings r JOIN property.meters m ON m.id = r.meter_id
            WHERE r.meter_id IN (SELECT meter_id FROM target) AND (r.status <> 'REJECTED' OR r.id = ANY (${ids}::uuid[]))
            WINDOW w AS (PARTITION BY r.meter_id, r.status = 'REJECTED' ORDER BY r.read_at, r.created_at, r.id)
          ) x WHERE x.id = ANY (${ids}::uuid[])`,
      ),
    ),
  };
}
