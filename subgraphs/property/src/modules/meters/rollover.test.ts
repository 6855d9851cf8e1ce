// A register that wraps (issue 16): a reading below the previous one is BAD_USER_INPUT with
// nothing stored unless the submission says the register rolled over, and then the consumption
// counts across the wrap; a meter without a rollover value cannot claim one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createBuilding, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let building: string;
let unit: string;
let manager: string;

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const org = (await createOrganization(db, "SVB Pretočenie")).id;
  building = (await createBuilding(db, org, "Žilina", "Vodná", "5")).id;
  unit = (await createUnit(db, org, building, "1")).id;
  const user = (await createUser(db, "Správca", "Test")).id;
  await addMember(db, org, user);
  manager = await stack.tokenFor(user, org, ["manager"]);
}, 120_000);

afterAll(() => stack?.stop());

const codeOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
const reasonOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.reason;
const gql = (query: string, variables: Record<string, unknown>) => stack.query(query, variables, manager);
const createMeter = async (input: Record<string, unknown>) =>
  (await gql(`mutation ($input: CreateMeterInput!) { createMeter(input: $input) { id } }`, { input })).data.createMeter.id as string;
const openPeriod = async (periodStart: string, periodEnd: string) =>
  (
    await gql(`mutation ($input: OpenMeterReadingPeriodInput!) { openMeterReadingPeriod(input: $input) { id } }`, {
      input: { buildingId: building, kind: "WATER_COLD", periodStart, periodEnd, opensOn: periodStart, closesOn: periodEnd },
    })
  ).data.openMeterReadingPeriod.id as string;
const submit = (input: Record<string, unknown>) =>
  gql(`mutation ($input: SubmitMeterReadingInput!) { submitMeterReading(input: $input) { value rollover consumption status } }`, { input });

describe("a register that rolls over", () => {
  it("refuses a lower reading with nothing stored, and counts across the wrap when the rollover is declared", async () => {
    // A five-digit register: 99990 at installation, wraps at 100000 back to 0.
    const meter = await createMeter({
      buildingId: building,
      unitId: unit,
      kind: "WATER_COLD",
      serialNumber: "RO-1",
      installedOn: "2025-01-01",
      initialReading: "99990",
      rolloverValue: "100000",
    });
    const january = await openPeriod("2025-01-01", "2025-01-31");
    const february = await openPeriod("2025-02-01", "2025-02-28");
    const first = await submit({ meterId: meter, periodId: january, readAt: "2025-01-31T12:00:00Z", value: "99995" });
    expect(first.data.submitMeterReading).toMatchObject({ value: "99995", consumption: "5.000" });

    const lower = await submit({ meterId: meter, periodId: february, readAt: "2025-02-28T12:00:00Z", value: "3" });
    expect(codeOf(lower)).toBe("BAD_USER_INPUT");
    expect(reasonOf(lower)).toBe("READING_BELOW_PREVIOUS");
    expect(await stack.owner.prisma.meterReading.count({ where: { periodId: february } })).toBe(0);

    const wrapped = await submit({ meterId: meter, periodId: february, readAt: "2025-02-28T12:00:00Z", value: "3", rollover: true });
    expect(wrapped.errors).toBeUndefined();
    // 99995 → 100000 ≡ 0 → 3: eight units.
    expect(wrapped.data.submitMeterReading).toMatchObject({ value: "3", rollover: true, consumption: "8.000" });
    const period = await gql(`query ($p: ID!) { periodConsumption(periodId: $p) { total } }`, { p: february });
    expect(period.data.periodConsumption.total).toBe("8.000");
  });

  it("does not let a meter without a rollover value claim one", async () => {
    const meter = await createMeter({
      buildingId: building,
      unitId: unit,
      kind: "WATER_COLD",
      serialNumber: "RO-2",
      installedOn: "2025-01-01",
      initialReading: "500",
    });
    const march = await openPeriod("2025-03-01", "2025-03-31");
    const claimed = await submit({ meterId: meter, periodId: march, readAt: "2025-03-31T12:00:00Z", value: "3", rollover: true });
    expect(codeOf(claimed)).toBe("BAD_USER_INPUT");
    expect(reasonOf(claimed)).toBe("NO_ROLLOVER_VALUE");
    expect(await stack.owner.prisma.meterReading.count({ where: { periodId: march } })).toBe(0);
  });
});
