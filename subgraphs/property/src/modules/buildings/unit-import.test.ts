// importUnits through the graph: a file's units, entrances and owners all written in one
// transaction or none, the dry run the management app's preview uses, a retry with the same
// idempotency key applied once, other organizations refused, and statements that do not grow
// with the file.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, addOwnership, createBuilding, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let org: string;
let managerToken: string;
let ownerToken: string;
let strangerToken: string;
const owners: { id: string; email: string }[] = [];

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  org = (await createOrganization(db)).id;
  const manager = (await createUser(db, "Mária", "Správcová")).id;
  await addMember(db, org, manager);
  for (const name of ["Anna", "Boris", "Cyril"]) {
    const user = await createUser(db, name, "Vlastník");
    await addMember(db, org, user.id);
    owners.push({ id: user.id, email: user.email });
  }
  managerToken = await stack.tokenFor(manager, org, ["manager"]);
  ownerToken = await stack.tokenFor(owners[0]!.id, org, ["owner"]);
  const otherOrg = (await createOrganization(db, "Iné SVB")).id;
  const stranger = (await createUser(db, "Cudzí", "Správca")).id;
  await addMember(db, otherOrg, stranger);
  strangerToken = await stack.tokenFor(stranger, otherOrg, ["manager"]);
});

afterAll(() => stack?.stop());

const IMPORT = `mutation ($b: ID!, $rows: [UnitImportRow!]!, $key: String, $dry: Boolean) {
  importUnits(buildingId: $b, rows: $rows, idempotencyKey: $key, dryRun: $dry) {
    dryRun applied createdCount updatedCount failedCount
    rows { row status unit { id designation } errors { code field } }
  }
}`;

type Row = { designation: string; ownershipShare: string } & Record<string, string | undefined>;
const importUnits = (buildingId: string, rows: Row[], options: { key?: string; dry?: boolean; token?: string } = {}) =>
  stack.query(IMPORT, { b: buildingId, rows, key: options.key ?? null, dry: options.dry ?? null }, options.token ?? managerToken);

/** Everything an import writes, for "nothing changed" checks. */
async function footprint(buildingId: string) {
  const db = stack.owner.prisma;
  const units = await db.unit.findMany({ where: { buildingId }, include: { ownerships: true }, orderBy: { designation: "asc" } });
  return {
    units: units.map((u) => [u.designation, u.floor, u.sizeSqm?.toString() ?? null, `${u.shareNumerator}/${u.shareDenominator}`, u.ownerships.length]),
    entrances: await db.entrance.count({ where: { buildingId } }),
    totalUnits: (await db.building.findUniqueOrThrow({ where: { id: buildingId } })).totalUnits,
    keys: await db.idempotencyKey.count({ where: { organizationId: org } }),
  };
}

const newBuilding = async () => (await createBuilding(stack.owner.prisma, org, "Košice", "Javorová", String(Math.floor(Math.random() * 1e6)))).id;

describe("importUnits", () => {
  it("applies every row: new units and entrances, co-owners, an existing unit updated", async () => {
    const db = stack.owner.prisma;
    const building = await newBuilding();
    const existing = await createUnit(db, org, building, "9");
    const started = new Date();
    const result = await importUnits(
      building,
      [
        { designation: "1", entrance: "A", floor: "1", sizeSqm: "62,5", ownershipShare: "300/1000", ownerEmail: owners[0]!.email, ownerShare: "1/2" },
        {
          designation: "1",
          entrance: "A",
          floor: "1",
          sizeSqm: "62,5",
          ownershipShare: "300/1000",
          ownerEmail: owners[1]!.email.toUpperCase(),
          ownerShare: "1/2",
        },
        { designation: "2", entrance: "B", floor: "-1", ownershipShare: "100/1000", ownerEmail: owners[2]!.email, validFrom: "2024-05-01" },
        { designation: "9", floor: "3", sizeSqm: "70", ownershipShare: "600/1000" },
      ],
      { key: randomUUID() },
    );
    expect(result.errors).toBeUndefined();
    const outcome = result.data.importUnits;
    expect(outcome).toMatchObject({ dryRun: false, applied: true, createdCount: 3, updatedCount: 1, failedCount: 0 });
    expect(outcome.rows.map((r: { status: string; unit: { designation: string } }) => [r.status, r.unit.designation])).toEqual([
      ["CREATED", "1"],
      ["CREATED", "1"],
      ["CREATED", "2"],
      ["UPDATED", "9"],
    ]);
    expect(outcome.rows[3].unit.id).toBe(existing.id);
    const units = await db.unit.findMany({ where: { buildingId: building }, include: { ownerships: true, entrance: true }, orderBy: { designation: "asc" } });
    expect(units.map((u) => [u.designation, u.entrance?.designation ?? null, u.floor, u.sizeSqm?.toString(), u.shareNumerator])).toEqual([
      ["1", "A", 1, "62.5", 300],
      ["2", "B", -1, undefined, 100],
      ["9", null, 3, "70", 600],
    ]);
    expect(units[0]!.ownerships.map((o) => [o.userId, `${o.shareNumerator}/${o.shareDenominator}`]).sort()).toEqual(
      [
        [owners[0]!.id, "1/2"],
        [owners[1]!.id, "1/2"],
      ].sort(),
    );
    expect(units[1]!.ownerships[0]!.validFrom.toISOString().slice(0, 10)).toBe("2024-05-01");
    // The fixture's unit was never counted; the import's two new ones are.
    expect((await db.building.findUniqueOrThrow({ where: { id: building } })).totalUnits).toBe(2);
    const events = await db.outboxEvent.findMany({ where: { organizationId: org, createdAt: { gte: started } } });
    expect(events.map((e) => e.eventType).sort()).toEqual(
      [
        "entrance.created",
        "entrance.created",
        "unit.created",
        "unit.created",
        "unit.updated",
        "unit.ownership_added",
        "unit.ownership_added",
        "unit.ownership_added",
      ].sort(),
    );

    // The same file again (no key) finds everything as it says: nothing to write.
    const again = await importUnits(building, [
      { designation: "2", entrance: "B", floor: "-1", ownershipShare: "100/1000", ownerEmail: owners[2]!.email, validFrom: "2024-05-01" },
    ]);
    expect(again.data.importUnits.rows[0].status).toBe("UNCHANGED");
  });

  it("writes nothing when one row fails, and names that row's error", async () => {
    const db = stack.owner.prisma;
    const building = await newBuilding();
    const unit = await createUnit(db, org, building, "5");
    await addOwnership(db, org, unit.id, owners[0]!.id, [1, 2]);
    const before = await footprint(building);
    const result = await importUnits(
      building,
      [
        { designation: "1", entrance: "A", floor: "1", ownershipShare: "300/1000", ownerEmail: owners[0]!.email },
        { designation: "2", floor: "x", ownershipShare: "300/1000" },
        { designation: "3", ownershipShare: "3/2", ownerEmail: "nikto@example.sk" },
        { designation: "5", floor: "1", sizeSqm: "68.40", ownershipShare: "684/10000", ownerEmail: owners[1]!.email, ownerShare: "2/3" },
        { designation: "1", entrance: "A", floor: "2", ownershipShare: "300/1000", ownerEmail: owners[1]!.email },
      ],
      { key: randomUUID() },
    );
    expect(result.errors).toBeUndefined();
    const outcome = result.data.importUnits;
    expect(outcome).toMatchObject({ applied: false, failedCount: 4 });
    const codes = outcome.rows.map((r: { errors: { code: string }[] }) => r.errors.map((e) => e.code));
    expect(codes).toEqual([[], ["FLOOR_INVALID"], ["SHARE_INVALID", "OWNER_NOT_MEMBER"], ["OWNER_SHARES_EXCEED"], ["DUPLICATE_DESIGNATION"]]);
    expect(outcome.rows[0]).toMatchObject({ status: "CREATED", unit: null });
    expect(await footprint(building)).toEqual(before);
  });

  it("answers a dry run with the same per-row results and writes nothing", async () => {
    const building = await newBuilding();
    const before = await footprint(building);
    const rows = [
      { designation: "1", entrance: "A", ownershipShare: "1/2", ownerEmail: owners[0]!.email },
      { designation: "2", ownershipShare: "1/2", floor: "300" },
    ];
    const failing = await importUnits(building, rows, { dry: true, key: randomUUID() });
    expect(failing.data.importUnits).toMatchObject({ dryRun: true, applied: false, createdCount: 1, failedCount: 1 });
    expect(failing.data.importUnits.rows[1].errors).toEqual([{ code: "FLOOR_INVALID", field: "floor" }]);
    const passing = await importUnits(building, [rows[0]!], { dry: true, key: randomUUID() });
    expect(passing.data.importUnits).toMatchObject({
      dryRun: true,
      applied: false,
      createdCount: 1,
      failedCount: 0,
      rows: [{ status: "CREATED", unit: null }],
    });
    expect(await footprint(building)).toEqual(before);
  });

  it("applies a retried import with the same key once, and refuses the key for another file", async () => {
    const building = await newBuilding();
    const key = randomUUID();
    const rows = [
      { designation: "1", ownershipShare: "1/2", ownerEmail: owners[0]!.email },
      { designation: "2", ownershipShare: "1/2" },
    ];
    const first = await importUnits(building, rows, { key });
    const again = await importUnits(building, rows, { key });
    expect(first.data.importUnits).toMatchObject({ applied: true, createdCount: 2 });
    expect(again.data).toEqual(first.data);
    const after = await footprint(building);
    expect(after.units).toHaveLength(2);
    expect(after.units.map((u) => u[4])).toEqual([1, 0]);
    const other = await importUnits(building, [{ designation: "3", ownershipShare: "1/2" }], { key });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "IDEMPOTENCY_KEY_REUSED" });
    expect(await footprint(building)).toEqual(after);
  });

  it("refuses another organization's manager and residents, and files over the row limit", async () => {
    const building = await newBuilding();
    const before = await footprint(building);
    const rows = [{ designation: "1", ownershipShare: "1/2" }];
    const stranger = await importUnits(building, rows, { token: strangerToken });
    expect(stranger.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const strangerDry = await importUnits(building, rows, { token: strangerToken, dry: true });
    expect(strangerDry.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const resident = await importUnits(building, rows, { token: ownerToken, dry: true });
    expect(resident.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const tooMany = await importUnits(
      building,
      Array.from({ length: 2001 }, (_, i) => ({ designation: String(i + 1), ownershipShare: "1/2001" })),
    );
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "IMPORT_TOO_LARGE" });
    expect(await footprint(building)).toEqual(before);
  });

  it("uses as many statements for 60 rows as for 3", async () => {
    const statementsFor = async (count: number) => {
      const building = await newBuilding();
      const rows = Array.from({ length: count }, (_, i) => ({
        designation: String(i + 1),
        entrance: i % 2 ? "A" : "B",
        ownershipShare: "1/100",
        ownerEmail: owners[i % 3]!.email,
      }));
      const before = stack.queryCount();
      const result = await importUnits(building, rows, { key: randomUUID() });
      expect(result.data.importUnits.createdCount).toBe(count);
      return stack.queryCount() - before;
    };
    const few = await statementsFor(3);
    expect(await statementsFor(60)).toBe(few);
  });
});
