// Estimated readings at a period's close, through the gateway: a unit meter nobody read gets its
// last reading plus its own average daily consumption to the period's end; a meter without
// history gets the building's median daily consumption; both are marked estimated (not missing)
// in the consumption, nothing is estimated twice, and a later real reading replaces the estimate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createBuilding, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let token: string;
let building: string;
const units: string[] = [];
const meters: string[] = [];

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const org = (await createOrganization(db, "SVB Odhady")).id;
  building = (await createBuilding(db, org, "Žilina", "Odhadová", "4")).id;
  const manager = (await createUser(db, "Správca", "Odhadov")).id;
  await addMember(db, org, manager);
  token = await stack.tokenFor(manager, org, ["manager"]);
  for (let i = 0; i < 5; i++) {
    units.push((await createUnit(db, org, building, String(i + 1))).id);
    meters.push(
      (
        await ok(`mutation ($input: CreateMeterInput!) { createMeter(input: $input) { id } }`, {
          input: {
            buildingId: building,
            unitId: units[i],
            kind: "WATER_COLD",
            serialNumber: `OD-${i}`,
            installedOn: i < 4 ? "2025-01-01" : "2025-02-01",
            initialReading: "0",
          },
        })
      ).createMeter.id,
    );
  }
}, 120_000);

afterAll(() => stack?.stop());

async function ok<T = any>(query: string, variables: Record<string, unknown>): Promise<T> {
  const result = await stack.query(query, variables, token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

const openPeriod = async (periodStart: string, periodEnd: string) =>
  (
    await ok(`mutation ($input: OpenMeterReadingPeriodInput!) { openMeterReadingPeriod(input: $input) { id } }`, {
      input: { buildingId: building, kind: "WATER_COLD", periodStart, periodEnd, opensOn: periodStart, closesOn: periodEnd },
    })
  ).openMeterReadingPeriod.id as string;
const importCsv = (periodId: string, csv: string) =>
  ok(`mutation ($p: ID!, $csv: String!) { importMeterReadings(periodId: $p, csv: $csv) { created errors { line code } } }`, { p: periodId, csv }).then(
    (d) => d.importMeterReadings,
  );
const close = (id: string) => ok(`mutation ($id: ID!) { closeMeterReadingPeriod(id: $id) { id closedAt } }`, { id });
const consumption = async (periodId: string) =>
  (await ok(`query ($p: ID!) { periodConsumption(periodId: $p) { total units { unit { id } consumption estimated missing } } }`, { p: periodId }))
    .periodConsumption as { total: string; units: { unit: { id: string }; consumption: string; estimated: boolean; missing: boolean }[] };
const unitLine = (c: Awaited<ReturnType<typeof consumption>>, i: number) => c.units.find((u) => u.unit.id === units[i])!;

describe("estimated readings at a period's close", () => {
  let february: string;
  it("estimates the meters nobody read, from their own history or the building's median, marked estimated", async () => {
    const january = await openPeriod("2025-01-01", "2025-01-31");
    expect((await importCsv(january, "serial_number,value\nOD-0,3\nOD-1,3\nOD-2,3\nOD-3,3")).errors).toEqual([]);
    february = await openPeriod("2025-02-01", "2025-02-28");
    expect((await importCsv(february, "serial_number,value\nOD-0,6\nOD-1,6\nOD-2,6")).errors).toEqual([]);
    const before = await consumption(february);
    expect(unitLine(before, 3)).toMatchObject({ missing: true, estimated: false });

    await close(february);
    const after = await consumption(february);
    // Unit 4: 3 m³ from Jan 1 00:00 to Jan 31 12:00 (30.5 days), so 3/30.5 a day for the 28 days to Feb 28 12:00.
    expect(Number(unitLine(after, 3).consumption)).toBeCloseTo((3 / 30.5) * 28, 2);
    expect(unitLine(after, 3)).toMatchObject({ missing: false, estimated: true });
    // Unit 5 (installed Feb 1, no history): the building's median 3/28 a day, for the 27.5 days since its first value.
    expect(Number(unitLine(after, 4).consumption)).toBeCloseTo((3 / 28) * 27.5, 2);
    expect(unitLine(after, 4)).toMatchObject({ missing: false, estimated: true });
    expect(unitLine(after, 0)).toMatchObject({ consumption: "3.000", estimated: false });
    const estimates = await stack.owner.prisma.meterReading.findMany({ where: { periodId: february, isEstimated: true } });
    expect(estimates.map((r) => r.meterId).sort()).toEqual([meters[3], meters[4]].sort());
    expect(estimates.every((r) => r.source === "AUTOMATIC" && r.note?.startsWith("Estimated at closing"))).toBe(true);
  });

  it("does not estimate twice when the period is closed again", async () => {
    await close(february);
    expect(await stack.owner.prisma.meterReading.count({ where: { periodId: february, isEstimated: true } })).toBe(2);
  });

  it("lets a real reading replace the estimate", async () => {
    const real = await ok(`mutation ($input: SubmitMeterReadingInput!) { submitMeterReading(input: $input) { value isEstimated source } }`, {
      input: { meterId: meters[3], periodId: february, value: "5.5", readAt: "2025-02-28T12:00:00Z" },
    });
    expect(real.submitMeterReading).toMatchObject({ value: "5.5", isEstimated: false, source: "MANAGER" });
    expect(unitLine(await consumption(february), 3)).toMatchObject({ consumption: "2.500", estimated: false, missing: false });
  });
});
