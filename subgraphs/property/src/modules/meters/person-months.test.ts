// Person-months (issue 16): an owner declares persons per unit and month, the manager confirms,
// a later change needs a new confirmation; nobody else declares for the unit (NOT_FOUND, like a
// missing unit), bad counts store nothing, and a year's sum per unit is the financial
// settlement's PERSON_MONTHS key (0 for a unit with no declaration).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, addOccupancy, addOwnership, createBuilding, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";
import { personMonthsOfYear } from "./person-months.ts";

let stack: Stack;
let unitA: string;
let unitB: string;
const tokens = {} as Record<"manager" | "owner" | "tenant" | "neighbour" | "managerB", string>;

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const org = (await createOrganization(db, "SVB Osobomesiace")).id;
  const orgB = (await createOrganization(db, "Správa Iná")).id;
  const building = (await createBuilding(db, org, "Prešov", "Hlavná", "12")).id;
  unitA = (await createUnit(db, org, building, "1")).id;
  unitB = (await createUnit(db, org, building, "2")).id;
  const roles: Record<keyof typeof tokens, [string, string[]]> = {
    manager: [org, ["manager"]],
    owner: [org, ["owner"]],
    tenant: [org, ["tenant"]],
    neighbour: [org, ["owner"]],
    managerB: [orgB, ["manager"]],
  };
  for (const [name, [o, role]] of Object.entries(roles) as [keyof typeof tokens, [string, string[]]][]) {
    const user = (await createUser(db, name, "Test")).id;
    await addMember(db, o, user);
    tokens[name] = await stack.tokenFor(user, o, role);
    if (name === "owner") await addOwnership(db, org, unitA, user);
    if (name === "tenant") await addOccupancy(db, org, unitA, user);
    if (name === "neighbour") await addOwnership(db, org, unitB, user);
  }
}, 120_000);

afterAll(() => stack?.stop());

const DECLARE = `mutation ($u: ID!, $y: Int!, $m: Int!, $n: Int!) { declarePersonMonths(unitId: $u, year: $y, month: $m, personCount: $n) { id month personCount confirmed } }`;
const declare = (token: string, unitId: string, month: number, personCount: number) =>
  stack.query(DECLARE, { u: unitId, y: 2025, m: month, n: personCount }, token);
const codeOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
const stored = () => stack.owner.prisma.personMonth.count({ where: { unitId: { in: [unitA, unitB] } } });

describe("person-months", () => {
  it("are declared by the unit's owner and confirmed by the manager; a change needs a new confirmation", async () => {
    const declared = await declare(tokens.owner, unitA, 3, 2);
    expect(declared.errors).toBeUndefined();
    expect(declared.data.declarePersonMonths).toMatchObject({ month: 3, personCount: 2, confirmed: false });
    const id = declared.data.declarePersonMonths.id;
    const confirmed = await stack.query(`mutation ($id: ID!) { confirmPersonMonths(id: $id) { confirmed confirmedAt } }`, { id }, tokens.manager);
    expect(confirmed.data.confirmPersonMonths.confirmed).toBe(true);
    const changed = await declare(tokens.owner, unitA, 3, 3);
    expect(changed.data.declarePersonMonths).toMatchObject({ id, personCount: 3, confirmed: false });
    // The manager's own declaration is confirmed at once.
    expect((await declare(tokens.manager, unitA, 4, 1)).data.declarePersonMonths).toMatchObject({ personCount: 1, confirmed: true });
    const year = await stack.query(`query ($u: ID!) { personMonths(unitId: $u, year: 2025) { month personCount } }`, { u: unitA }, tokens.tenant);
    expect(year.data.personMonths).toEqual([
      { month: 3, personCount: 3 },
      { month: 4, personCount: 1 },
    ]);
  });

  it("refuses everyone else like a missing unit, and a bad count, storing nothing", async () => {
    const before = await stored();
    const missing = await declare(tokens.owner, "00000000-0000-4000-8000-000000000000", 5, 1);
    expect(codeOf(missing)).toBe("NOT_FOUND");
    for (const token of [tokens.neighbour, tokens.tenant, tokens.managerB]) {
      const refused = await declare(token, unitA, 5, 1);
      expect(codeOf(refused)).toBe("NOT_FOUND");
      expect(refused.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
    }
    expect(codeOf(await stack.query(`query ($u: ID!) { personMonths(unitId: $u, year: 2025) { id } }`, { u: unitA }, tokens.managerB))).toBe("NOT_FOUND");
    expect(codeOf(await declare(tokens.owner, unitA, 13, 1))).toBe("BAD_USER_INPUT");
    expect(codeOf(await declare(tokens.owner, unitA, 5, -1))).toBe("BAD_USER_INPUT");
    expect(await stored()).toBe(before);
  });

  it("sum over a year per unit as the settlement's allocation key, 0 where nothing was declared", async () => {
    const totals = await stack.owner.prisma.$transaction((tx) => personMonthsOfYear(tx, [unitA, unitB], 2025));
    expect(Object.fromEntries(totals)).toEqual({ [unitA]: 4, [unitB]: 0 });
  });
});
