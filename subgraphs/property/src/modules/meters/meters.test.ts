// The meters module through the gateway: verification due dates from the kind rules, readings
// by residents (own unit only, tenants included) and staff, a lower reading refused with nothing
// stored, a 10× spike flagged with its reason, a replacement mid-period keeping consumption
// continuous, an idempotent CSV import, a building's consumption equal to its units', another
// organization seeing nothing, a list of meters with last readings in constant statements, and
// the reminder job's events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, addOccupancy, addOwnership, createBuilding, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";
import { writeMeterReminders } from "./index.ts";

let stack: Stack;
let orgA: string;
let orgB: string;
let building: string;
const units: string[] = [];
const users = {} as Record<"manager" | "owner" | "tenant" | "neighbour" | "managerB", string>;
const tokens = {} as Record<keyof typeof users, string>;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysFromNow = (n: number) => iso(new Date(Date.now() + n * 86_400_000));
const codeOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  orgA = (await createOrganization(db, "Bytové družstvo Merače")).id;
  orgB = (await createOrganization(db, "Správa Iná")).id;
  building = (await createBuilding(db, orgA, "Košice", "Vodárenská", "3")).id;
  for (let i = 0; i < 8; i++) units.push((await createUnit(db, orgA, building, String(i + 1))).id);
  const roles: Record<keyof typeof users, [string, string[]]> = {
    manager: [orgA, ["manager"]],
    owner: [orgA, ["owner"]],
    tenant: [orgA, ["tenant"]],
    neighbour: [orgA, ["owner"]],
    managerB: [orgB, ["manager"]],
  };
  for (const [name, [org, role]] of Object.entries(roles) as [keyof typeof users, [string, string[]]][]) {
    users[name] = (await createUser(db, name, "Test")).id;
    await addMember(db, org, users[name]);
    tokens[name] = await stack.tokenFor(users[name], org, role);
  }
  await addOwnership(db, orgA, units[0]!, users.owner);
  await addOccupancy(db, orgA, units[1]!, users.tenant);
  await addOwnership(db, orgA, units[2]!, users.neighbour);
}, 120_000);

afterAll(() => stack?.stop());

async function ok<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const result = await stack.query(query, variables, token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

const createMeter = (input: Record<string, unknown>) =>
  ok(
    `mutation ($input: CreateMeterInput!) { createMeter(input: $input) { id serialNumber unitOfMeasure verifiedOn verificationDueOn } }`,
    { input },
    tokens.manager,
  ).then((d) => d.createMeter);
const openPeriod = (periodStart: string, periodEnd: string, opensOn = daysFromNow(-1), closesOn = daysFromNow(2)) =>
  ok(
    `mutation ($input: OpenMeterReadingPeriodInput!) { openMeterReadingPeriod(input: $input) { id isOpen } }`,
    { input: { buildingId: building, kind: "WATER_COLD", periodStart, periodEnd, opensOn, closesOn } },
    tokens.manager,
  ).then((d) => d.openMeterReadingPeriod);
const submit = (token: string, input: Record<string, unknown>) =>
  stack.query(
    `mutation ($input: SubmitMeterReadingInput!) { submitMeterReading(input: $input) { id value status anomalyReason consumption source } }`,
    { input },
    token,
  );
const importCsv = (periodId: string, csv: string) =>
  ok(
    `mutation ($p: ID!, $csv: String!) { importMeterReadings(periodId: $p, csv: $csv) { created updated unchanged flagged errors { line code message } } }`,
    { p: periodId, csv },
    tokens.manager,
  ).then((d) => d.importMeterReadings);
const consumption = (periodId: string) =>
  ok(
    `query ($p: ID!) { periodConsumption(periodId: $p) { total csv units { unit { id } consumption estimated missing } } }`,
    { p: periodId },
    tokens.manager,
  ).then((d) => d.periodConsumption);

const meters: { id: string; serialNumber: string }[] = [];
const periods: string[] = [];

describe("meters", () => {
  it("computes the verification due date from the kind's interval (Slovak rule: water meters every 5 years)", async () => {
    for (const [i, unit] of units.entries()) {
      meters.push(
        await createMeter({ buildingId: building, unitId: unit, kind: "WATER_COLD", serialNumber: `SV-${i}`, installedOn: "2024-02-29", initialReading: "0" }),
      );
    }
    expect(meters[0]).toMatchObject({ unitOfMeasure: "m3", verifiedOn: "2024-02-29", verificationDueOn: "2029-02-28" });
    const rules = await ok(`{ meterKindRules { kind verificationIntervalMonths legalBasis } }`, {}, tokens.manager);
    expect(rules.meterKindRules.find((r: { kind: string }) => r.kind === "WATER_HOT")).toMatchObject({ verificationIntervalMonths: 60 });
    expect(rules.meterKindRules.find((r: { kind: string }) => r.kind === "GAS")).toMatchObject({ verificationIntervalMonths: null });
  });

  it("builds a history by CSV import, idempotently by meter and period", async () => {
    // Six past months, each unit ~3 m³ a month.
    for (let month = 1; month <= 6; month++) {
      const start = `2025-${String(month).padStart(2, "0")}-01`;
      const end = iso(new Date(Date.UTC(2025, month, 0)));
      const period = await openPeriod(start, end, start, end);
      periods.push(period.id);
      const csv = ["serial_number,value", ...meters.map((m, i) => `${m.serialNumber},${(month * (3 + (i % 3) * 0.2)).toFixed(3)}`)].join("\n");
      const first = await importCsv(period.id, csv);
      expect(first).toMatchObject({ created: 8, updated: 0, unchanged: 0, flagged: 0, errors: [] });
      if (month === 6) {
        const again = await importCsv(period.id, csv + "\nNOPE-1,5\nSV-0,abc");
        expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 8 });
        expect(again.errors).toEqual([
          { line: 10, code: "UNKNOWN_METER", message: expect.any(String) },
          { line: 11, code: "DUPLICATE_ROW", message: expect.any(String) },
        ]);
      }
    }
    expect(await stack.owner.prisma.meterReading.count({ where: { periodId: { in: periods } } })).toBe(48);
  });

  let current: string;
  it("lets the owner submit for their unit and refuses a lower reading with nothing stored", async () => {
    current = (await openPeriod("2025-07-01", "2025-07-31")).id;
    const lower = await submit(tokens.owner, { meterId: meters[0]!.id, value: "10.5" });
    expect(codeOf(lower)).toBe("BAD_USER_INPUT");
    expect(lower.errors?.[0]?.extensions?.reason).toBe("READING_BELOW_PREVIOUS");
    expect(await stack.owner.prisma.meterReading.count({ where: { periodId: current } })).toBe(0);

    const normal = await submit(tokens.owner, { meterId: meters[0]!.id, value: "21.1" });
    expect(normal.errors).toBeUndefined();
    expect(normal.data.submitMeterReading).toMatchObject({ value: "21.1", status: "SUBMITTED", anomalyReason: null, consumption: "3.100", source: "RESIDENT" });
  });

  it("flags a 10× spike with its reason for the manager, who verifies it (audit logged)", async () => {
    const spike = await submit(tokens.tenant, { meterId: meters[1]!.id, value: "52.2" }); // June 19.2 + 33 = 10.3× the usual 3.2
    expect(spike.errors).toBeUndefined();
    expect(spike.data.submitMeterReading.status).toBe("FLAGGED");
    expect(spike.data.submitMeterReading.anomalyReason).toMatch(/^UNIT_HISTORY: High consumption: 33 is 10\.3× the unit's median 3\.2, robust z \d+/);
    const review = await ok(`{ meterReadingsToReview { id anomalyReason } }`, {}, tokens.manager);
    expect(review.meterReadingsToReview.map((r: { id: string }) => r.id)).toEqual([spike.data.submitMeterReading.id]);
    const verified = await ok(
      `mutation ($id: ID!) { reviewMeterReading(id: $id, decision: VERIFY, correctedValue: "22.6", note: "Preklep") { status value consumption verifiedBy { id } } }`,
      { id: spike.data.submitMeterReading.id },
      tokens.manager,
    );
    expect(verified.reviewMeterReading).toMatchObject({ status: "VERIFIED", value: "22.6", consumption: "3.400", verifiedBy: { id: users.manager } });
    const audit = await stack.owner.prisma.auditLog.findFirst({ where: { action: "meter.reading_reviewed", entityId: spike.data.submitMeterReading.id } });
    expect(audit?.diff).toMatchObject({ value: { from: "52.2", to: "22.6" } });
  });

  it("refuses a resident another unit's meter exactly like a missing one", async () => {
    const other = await submit(tokens.owner, { meterId: meters[2]!.id, value: "30" });
    const missing = await submit(tokens.owner, { meterId: "00000000-0000-4000-8000-000000000000", value: "30" });
    expect(codeOf(other)).toBe("NOT_FOUND");
    expect(other.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
    const read = await stack.query(`query ($id: ID!) { meter(id: $id) { id } }`, { id: meters[2]!.id }, tokens.owner);
    expect(codeOf(read)).toBe("NOT_FOUND");
    const mine = await ok(`{ meters { id } }`, {}, tokens.tenant);
    expect(mine.meters.map((m: { id: string }) => m.id)).toEqual([meters[1]!.id]);
  });

  it("shows another organization nothing", async () => {
    expect((await ok(`{ meters { id } }`, {}, tokens.managerB)).meters).toEqual([]);
    expect(codeOf(await stack.query(`query ($id: ID!) { meter(id: $id) { id } }`, { id: meters[0]!.id }, tokens.managerB))).toBe("NOT_FOUND");
    expect(codeOf(await submit(tokens.managerB, { meterId: meters[0]!.id, value: "99" }))).toBe("NOT_FOUND");
    expect(codeOf(await stack.query(`query ($p: ID!) { periodConsumption(periodId: $p) { total } }`, { p: current }, tokens.managerB))).toBe("NOT_FOUND");
  });

  it("keeps consumption continuous across a replacement in the middle of the period", async () => {
    // Unit 3 (meters[2]): June 20.4; replaced on 2025-07-15 at 21.0, new meter starts at 0.5, reads 2.0 at month end.
    const replaced = await ok(
      `mutation ($id: ID!) { replaceMeter(id: $id, input: { finalReading: "21.0", replacedOn: "2025-07-15", serialNumber: "SV-2B", initialReading: "0.5" }) { id verificationDueOn } }`,
      { id: meters[2]!.id },
      tokens.manager,
    );
    expect(replaced.replaceMeter.verificationDueOn).toBe("2030-07-15");
    const reading = await submit(tokens.neighbour, { meterId: replaced.replaceMeter.id, value: "2.0" });
    expect(reading.errors).toBeUndefined();
    const result = await consumption(current);
    const unit3 = result.units.find((u: { unit: { id: string } }) => u.unit.id === units[2]);
    // (21.0 − 20.4) + (2.0 − 0.5) = 2.1
    expect(unit3).toMatchObject({ consumption: "2.100", missing: false });
  });

  it("sums the units' consumptions to the building's and marks missing readings", async () => {
    const result = await consumption(current);
    const sum = result.units.reduce((s: number, u: { consumption: string }) => s + Math.round(Number(u.consumption) * 1000), 0);
    expect(Math.round(Number(result.total) * 1000)).toBe(sum);
    expect(result.units).toHaveLength(8);
    expect(result.units.filter((u: { missing: boolean }) => u.missing)).toHaveLength(5);
    expect(result.csv.split("\n")[0]).toBe("unit,unit_id,consumption,estimated,missing");
  });

  it("lists meters with their last readings in as many statements for 8 meters as for 2", async () => {
    const query = `query ($b: ID) { meters(filter: { buildingId: $b }) { id serialNumber unit { id } lastReading { value consumption } } }`;
    const count = async (token: string) => {
      const before = stack.queryCount();
      const data = await ok(query, { b: building }, token);
      return { statements: stack.queryCount() - before, meters: data.meters.length };
    };
    const manager = await count(tokens.manager);
    const two = await (async () => {
      // Staff of a smaller building: only two meters.
      const db = stack.owner.prisma;
      const small = (await createBuilding(db, orgA, "Košice", "Malá", "1")).id;
      for (let i = 0; i < 2; i++) {
        const unit = (await createUnit(db, orgA, small, String(i))).id;
        await createMeter({ buildingId: small, unitId: unit, kind: "WATER_HOT", serialNumber: `TV-${i}`, installedOn: "2025-01-01", initialReading: "1" });
      }
      const before = stack.queryCount();
      const data = await ok(query, { b: small }, tokens.manager);
      return { statements: stack.queryCount() - before, meters: data.meters.length };
    })();
    expect(manager.meters).toBe(8);
    expect(two.meters).toBe(2);
    expect(manager.statements).toBe(two.statements);
  });

  it("writes reading-due events for units still without a reading, once a day", async () => {
    const written = await writeMeterReminders({ prisma: stack.property.deps.prisma });
    expect(written).toBeGreaterThanOrEqual(1);
    const event = await stack.owner.prisma.outboxEvent.findFirst({ where: { eventType: "meter.reading_due", aggregateId: current } });
    expect((event?.payload as { unitIds: string[] }).unitIds.sort()).toEqual([units[3], units[4], units[5], units[6], units[7]].sort());
    expect(await writeMeterReminders({ prisma: stack.property.deps.prisma })).toBe(0);
  });

  it("imports a company's CSV set-based: a spike flagged with its reason, a lower reading refused, one event and audit entry per stored reading", async () => {
    // Units 4–8 (SV-3…SV-7) were last read in June; their usual month is 3.0, 3.2, 3.4, 3.0, 3.2 m³.
    const august = (await openPeriod("2025-08-01", "2025-08-31", "2025-08-01", "2025-08-31")).id;
    const csv = ["serial_number,value", "SV-3,21.000", "SV-4,51.200", "SV-5,20.000", "SV-6,21.000", "SV-7,22.400"].join("\n");
    const first = await importCsv(august, csv);
    expect(first).toMatchObject({ created: 4, updated: 0, unchanged: 0, flagged: 1 });
    expect(first.errors).toEqual([{ line: 4, code: "READING_BELOW_PREVIOUS", message: "The reading is below the previous reading 20.4" }]);
    const stored = await stack.owner.prisma.meterReading.findMany({ where: { periodId: august }, include: { meter: { select: { serialNumber: true } } } });
    expect(stored.map((r) => r.meter.serialNumber).sort()).toEqual(["SV-3", "SV-4", "SV-6", "SV-7"]);
    const spike = stored.find((r) => r.meter.serialNumber === "SV-4")!;
    expect(spike).toMatchObject({ status: "FLAGGED", source: "IMPORT" });
    expect(spike.anomalyReason).toMatch(/^UNIT_HISTORY: High consumption: 32 is 10\.0× the unit's median 3\.2/);
    expect(stored.filter((r) => r.status === "SUBMITTED")).toHaveLength(3);

    const ids = stored.map((r) => r.id);
    const events = await stack.owner.prisma.outboxEvent.findMany({ where: { aggregateId: { in: ids } } });
    expect(events).toHaveLength(4);
    expect(events.find((e) => e.aggregateId === spike.id)).toMatchObject({
      eventType: "meter.reading_flagged",
      organizationId: orgA,
      payload: { periodId: august, buildingId: building, meterId: spike.meterId, status: "FLAGGED", actorId: users.manager },
    });
    expect(events.filter((e) => e.eventType === "meter.reading_submitted")).toHaveLength(3);
    const audit = await stack.owner.prisma.auditLog.findMany({ where: { action: "meter.reading_imported", entityId: { in: ids } } });
    expect(audit).toHaveLength(4);
    expect(audit.find((a) => a.entityId === spike.id)).toMatchObject({
      organizationId: orgA,
      actorUserId: users.manager,
      diff: { periodId: august, buildingId: building, meterId: spike.meterId, status: "FLAGGED" },
    });

    // The same file again stores, flags and announces nothing new.
    const again = await importCsv(august, csv);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4, flagged: 0 });
    expect(again.errors.map((e: { code: string }) => e.code)).toEqual(["READING_BELOW_PREVIOUS"]);
    expect(await stack.owner.prisma.outboxEvent.count({ where: { aggregateId: { in: ids } } })).toBe(4);
    expect(await stack.owner.prisma.meterReading.count({ where: { periodId: august } })).toBe(4);
  });
});
