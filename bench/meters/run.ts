// Meter readings benchmark: a reading company's CSV of 10,000 readings (one building of 10,000
// unit meters) imported through the gateway, month after month, each import validated against
// the meters' previous readings and scored for anomalies (each unit's history and the building's
// distribution) in the same mutation. The last month carries 1% tenfold spikes, which must come
// back flagged; importing it again must change nothing. Prints the time and throughput of each.
//
//   npx tsx bench/meters/run.ts [--meters 10000] [--months 4] [--keep]
import { parseArgs } from "node:util";
import { connectDatabase } from "@ppt/server-kit";
import { permissionsOf } from "@ppt/property/organizations";
import { addMember, createBuilding, createOrganization, createUser } from "@ppt/testing/fixtures";
import { createBenchDatabase, graphql, startServices } from "../support/services.ts";

const { values } = parseArgs({
  options: { meters: { type: "string", default: "10000" }, months: { type: "string", default: "4" }, keep: { type: "boolean", default: false } },
});
const METERS = Number(values.meters);
const MONTHS = Math.max(2, Math.min(Number(values.months), 12));

const OPEN = `mutation ($input: OpenMeterReadingPeriodInput!) { openMeterReadingPeriod(input: $input) { id } }`;
const IMPORT = `mutation ($p: ID!, $csv: String!) { importMeterReadings(periodId: $p, csv: $csv) { created updated unchanged flagged errors { line code } } }`;

interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  flagged: number;
  errors: { line: number; code: string }[];
}

const db = await createBenchDatabase("ppt_bench_meters");
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
  }
  const again = await importMonth(last!.periodId, last!.csv);
  line("same file again", again.ms, again.result);
  if (again.result.unchanged !== METERS) throw new Error("the second import changed something");
} finally {
  await owner.close();
  await services.stop();
  if (!values.keep) await db.drop();
}
