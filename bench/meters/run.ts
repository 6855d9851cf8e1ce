// Meter readings benchmark: a reading company's CSV of 10,000 readings (one building of 10,000
// unit meters) imported through the gateway, month after month, each import validated against
// the meters' previous readings and scored for anomalies (each unit's history and the building's
// distribution) in the same mutation. The last month carries 1% tenfold spikes, which must come
// back flagged; importing it again must change nothing. Prints the time and throughput of each.
//
// Then the consumption query the scoring and the settlement use, over the last 1…N periods: the
// earlier unbounded form (every reading each meter ever had numbered, periods joined to readings
// on an OR) and the bounded one the module runs now, side by side in the same run, with the same
// rows checked. The old one runs under a statement timeout (--old-timeout seconds) so a large run
// still ends; --no-old skips it.
//
//   npx tsx bench/meters/run.ts [--meters 10000] [--months 4] [--old-timeout 300] [--no-old] [--keep]
import { parseArgs } from "node:util";
import { connectDatabase } from "@ppt/server-kit";
import pg from "pg";
import { permissionsOf } from "@ppt/property/organizations";
import { addMember, createBuilding, createOrganization, createUser } from "@ppt/testing/fixtures";
import { unitConsumptions } from "../../subgraphs/property/src/modules/meters/consumption.ts";
import { createBenchDatabase, graphql, startServices } from "../support/services.ts";

const { values } = parseArgs({
  options: {
    meters: { type: "string", default: "10000" },
    months: { type: "string", default: "4" },
    "old-timeout": { type: "string", default: "300" },
    "no-old": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const METERS = Number(values.meters);
const MONTHS = Math.max(2, Math.min(Number(values.months), 12));

const OPEN = `mutation ($input: OpenMeterReadingPeriodInput!) { openMeterReadingPeriod(input: $input) { id } }`;
const IMPORT = `mutation ($p: ID!, $csv: String!) { importMeterReadings(periodId: $p, csv: $csv) { created updated unchanged flagged errors { line code } } }`;

/** The consumption query as it was before it was bounded by the periods (kept to compare against). */
const OLD_CONSUMPTION = /* SQL */ `
    WITH p AS (
      SELECT id, building_id, kind, period_start, period_end FROM property.meter_reading_periods WHERE id = ANY ($1::uuid[])
    ), m AS (
      SELECT p.id AS period_id, m.id AS meter_id, m.unit_id, m.rollover_value
      FROM p JOIN property.meters m ON m.building_id = p.building_id AND m.kind = p.kind AND m.unit_id IS NOT NULL
      WHERE (m.installed_at IS NULL OR m.installed_at <= p.period_end) AND (m.removed_at IS NULL OR m.removed_at >= p.period_start)
    ), r AS (
      SELECT r.id, r.meter_id, r.period_id, r.read_at, r.kind, r.rollover, r.is_estimated,
             r.value - lag(r.value) OVER (PARTITION BY r.meter_id ORDER BY r.read_at, r.created_at, r.id) AS delta,
             lag(r.value) OVER (PARTITION BY r.meter_id ORDER BY r.read_at, r.created_at, r.id) IS NULL AS first
      FROM property.meter_readings r
      WHERE r.status <> 'REJECTED' AND r.meter_id IN (SELECT meter_id FROM m)
    ), c AS (
      SELECT m.period_id, m.unit_id, m.meter_id, r.id IS NOT NULL AS has_reading, r.is_estimated,
             CASE WHEN r.id IS NULL OR r.kind = 'INITIAL' OR r.first THEN 0
                  WHEN r.rollover THEN r.delta + coalesce(m.rollover_value, 0)
                  ELSE r.delta END AS consumption
      FROM m JOIN p ON p.id = m.period_id
      LEFT JOIN r ON r.meter_id = m.meter_id
        AND (r.period_id = p.id OR (r.period_id IS NULL AND r.kind <> 'REGULAR' AND (r.read_at AT TIME ZONE 'UTC')::date BETWEEN p.period_start AND p.period_end))
    )
    SELECT period_id, unit_id, coalesce(sum(consumption), 0)::numeric(14,3) AS consumption,
           coalesce(bool_or(is_estimated), false) AS estimated,
           bool_or(NOT meter_has_reading) AS missing
    FROM (
      SELECT c.*, bool_or(c.has_reading) OVER (PARTITION BY c.period_id, c.meter_id) AS meter_has_reading FROM c
    ) x
    GROUP BY period_id, unit_id
    ORDER BY period_id, unit_id`;

interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  flagged: number;
  errors: { line: number; code: string }[];
}

const db = await createBenchDatabase("ppt_bench_meters");
// Measure past the gateway's write timeout (15 s) and the write transaction's (20 s) instead of failing at them.
process.env.SUBGRAPH_WRITE_TIMEOUT_MS ??= "300000";
process.env.DB_TRANSACTION_TIMEOUT_MS ??= "300000";
const services = await startServices(db);
const owner = connectDatabase(db.ownerUrl, { max: 2 });
try {
  const orgId = (await createOrganization(owner.prisma, "Bench SVB Merače")).id;
  const buildingId = (await createBuilding(owner.prisma, orgId, "Košice", "Meračová", "1")).id;
  const manager = await createUser(owner.prisma, "Bench", "Správca");
  await addMember(owner.prisma, orgId, manager.id);
  const token = await services.token({ sub: manager.id, org: orgId, roles: ["manager"], permissions: permissionsOf(["manager"]) });
  const units = await owner.prisma.unit.createManyAndReturn({
    data: Array.from({ length: METERS }, (_, i) => ({
      organizationId: orgId,
      buildingId,
      designation: String(i + 1),
      floor: 1,
      type: "FLAT" as const,
      shareNumerator: 1,
      shareDenominator: METERS,
    })),
    select: { id: true },
  });
  await owner.prisma.meter.createMany({
    data: units.map((u, i) => ({
      organizationId: orgId,
      buildingId,
      unitId: u.id,
      kind: "WATER_COLD" as const,
      serialNumber: `BM-${i}`,
      unitOfMeasure: "m3",
      installedAt: new Date("2025-01-01"),
    })),
  });
  const usual = (i: number) => 2 + (i % 7) * 0.3; // m³ a month
  const totals = new Array<number>(METERS).fill(0);
  const csvOf = (month: number) => {
    const lines = ["serial_number,value"];
    for (let i = 0; i < METERS; i++) {
      const spike = month === MONTHS && i % 100 === 0;
      totals[i]! += usual(i) * (spike ? 10 : 1);
      lines.push(`BM-${i},${totals[i]!.toFixed(3)}`);
    }
    return lines.join("\n");
  };
  const importMonth = async (periodId: string, csv: string) => {
    const started = performance.now();
    const data = (await graphql(services.gatewayUrl, IMPORT, { p: periodId, csv }, token)) as { importMeterReadings: ImportResult };
    return { ms: performance.now() - started, result: data.importMeterReadings };
  };
  const line = (label: string, ms: number, r: ImportResult) =>
    console.log(
      `${label.padEnd(28)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${Math.round(METERS / (ms / 1000))
        .toString()
        .padStart(6)} rows/s  created ${r.created} updated ${r.updated} unchanged ${r.unchanged} flagged ${r.flagged} errors ${r.errors.length}`,
    );
  console.log(`${METERS} meters in one building, ${MONTHS} monthly imports through the gateway`);
  let last: { periodId: string; csv: string } | null = null;
  const periodIds: string[] = [];
  for (let month = 1; month <= MONTHS; month++) {
    const start = `2025-${String(month).padStart(2, "0")}-01`;
    const end = new Date(Date.UTC(2025, month, 0)).toISOString().slice(0, 10);
    const period = (await graphql(
      services.gatewayUrl,
      OPEN,
      { input: { buildingId, kind: "WATER_COLD", periodStart: start, periodEnd: end, opensOn: start, closesOn: end } },
      token,
    )) as { openMeterReadingPeriod: { id: string } };
    const csv = csvOf(month);
    const { ms, result } = await importMonth(period.openMeterReadingPeriod.id, csv);
    line(`month ${month}${month === MONTHS ? " (1% spikes)" : ""}`, ms, result);
    if (result.errors.length) throw new Error(`unexpected errors: ${JSON.stringify(result.errors.slice(0, 5))}`);
    if (month === MONTHS && result.flagged < METERS / 100) throw new Error(`only ${result.flagged} of ${METERS / 100} spikes flagged`);
    last = { periodId: period.openMeterReadingPeriod.id, csv };
    periodIds.unshift(period.openMeterReadingPeriod.id);
  }
  const again = await importMonth(last!.periodId, last!.csv);
  line("same file again", again.ms, again.result);
  if (again.result.unchanged !== METERS) throw new Error("the second import changed something");
  await compareConsumptionQueries(periodIds);
} finally {
  await owner.close();
  await services.stop();
  if (!values.keep) await db.drop();
}

/** Old vs new consumption query over the last 1…N periods, same rows required. */
async function compareConsumptionQueries(periodIds: readonly string[]) {
  console.log(`\nconsumption query, ${METERS} meters (old = unbounded, new = bounded by the periods; same run, same data)`);
  const client = new pg.Client({ connectionString: db.ownerUrl });
  await client.connect();
  try {
    await client.query("ANALYZE property.meter_readings");
    for (let count = 1; count <= periodIds.length; count++) {
      const ids = periodIds.slice(0, count);
      let started = performance.now();
      const fresh = await owner.prisma.$transaction((tx) => unitConsumptions(tx, ids), { timeout: 600_000 });
      const newMs = performance.now() - started;
      const key = (r: { periodId: string; unitId: string; consumption: { toFixed(d: number): string }; estimated: boolean; missing: boolean }) =>
        `${r.periodId}|${r.unitId}|${r.consumption.toFixed(3)}|${r.estimated}|${r.missing}`;
      let oldText = "skipped";
      let same = "";
      if (!values["no-old"]) {
        await client.query(`SET statement_timeout = ${Number(values["old-timeout"]) * 1000}`);
        started = performance.now();
        try {
          const { rows } = await client.query<{ period_id: string; unit_id: string; consumption: string; estimated: boolean; missing: boolean }>(
            OLD_CONSUMPTION,
            [ids],
          );
          oldText = `${((performance.now() - started) / 1000).toFixed(2)} s`;
          const oldKeys = rows.map((r) =>
            key({
              periodId: r.period_id,
              unitId: r.unit_id,
              consumption: { toFixed: () => Number(r.consumption).toFixed(3) },
              estimated: r.estimated,
              missing: r.missing,
            }),
          );
          const newKeys = fresh.map(key);
          const equal = oldKeys.length === newKeys.length && oldKeys.every((k, i) => k === newKeys[i]);
          if (!equal) throw new Error(`old and new consumption differ for ${count} period(s)`);
          same = `, same ${rows.length} rows`;
        } catch (error) {
          if ((error as { code?: string }).code !== "57014") throw error;
          oldText = `> ${values["old-timeout"]} s (cancelled)`;
        } finally {
          await client.query("RESET statement_timeout");
        }
      }
      console.log(`${String(count).padStart(2)} period(s): old ${oldText.padStart(22)}   new ${(newMs / 1000).toFixed(2).padStart(6)} s${same}`);
    }
  } finally {
    await client.end();
  }
}
