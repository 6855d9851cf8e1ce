// Buildings, units and their people through the graph: staff manage, residents see their own,
// exact ownership shares, the diacritics-insensitive address search on its trigram index, and
// building statistics.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, addOccupancy, addOwnership, createBuilding, createFault, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let org: string;
let manager: string;
let owner: string;
let managerToken: string;
let ownerToken: string;
let ownBuilding: string;
let otherBuilding: string;
let ownUnit: string;

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  org = (await createOrganization(db)).id;
  manager = (await createUser(db, "Mária", "Správcová")).id;
  owner = (await createUser(db, "Ondrej", "Vlastník")).id;
  await addMember(db, org, manager);
  await addMember(db, org, owner);
  managerToken = await stack.tokenFor(manager, org, ["manager"]);
  ownerToken = await stack.tokenFor(owner, org, ["owner"]);
  ownBuilding = (await createBuilding(db, org, "Košice", "Hlavná", "5")).id;
  otherBuilding = (await createBuilding(db, org, "Bratislava", "Šancová", "17")).id;
  ownUnit = (await createUnit(db, org, ownBuilding, "1")).id;
  await createUnit(db, org, ownBuilding, "2");
  await createUnit(db, org, otherBuilding, "1");
  await addOwnership(db, org, ownUnit, owner);
});

afterAll(() => stack?.stop());

const ids = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((e) => e.node.id);

describe("managing buildings and units", () => {
  it("lets staff create a building, an entrance and a unit, and refuses residents", async () => {
    const input = {
      street: "Námestie osloboditeľov",
      streetNumber: "1",
      city: "Košice",
      postalCode: "040 01",
      yearBuilt: 1965,
      totalFloors: 4,
      amenities: ["výťah", "kočikáreň"],
    };
    const refused = await stack.query(`mutation ($input: CreateBuildingInput!) { createBuilding(input: $input) { id } }`, { input }, ownerToken);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const created = await stack.query(
      `mutation ($input: CreateBuildingInput!) { createBuilding(input: $input) { id country amenities status } }`,
      { input },
      managerToken,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createBuilding).toMatchObject({ country: "SK", amenities: ["výťah", "kočikáreň"], status: "ACTIVE" });
    const buildingId = created.data.createBuilding.id;
    const entrance = await stack.query(
      `mutation ($b: ID!) { createEntrance(input: { buildingId: $b, designation: "A", addressNumber: "1A" }) { id building { id } } }`,
      { b: buildingId },
      managerToken,
    );
    expect(entrance.data.createEntrance.building.id).toBe(buildingId);
    const unit = await stack.query(
      `mutation ($input: CreateUnitInput!) { createUnit(input: $input) { id designation sizeSqm ownershipShare { numerator denominator } entrance { id } building { id } } }`,
      {
        input: {
          buildingId,
          entranceId: entrance.data.createEntrance.id,
          designation: "12",
          floor: 3,
          sizeSqm: "71.25",
          ownershipShare: { numerator: 7125, denominator: 100000 },
        },
      },
      managerToken,
    );
    expect(unit.errors).toBeUndefined();
    expect(unit.data.createUnit).toMatchObject({
      designation: "12",
      sizeSqm: "71.25",
      ownershipShare: { numerator: 7125, denominator: 100000 },
      building: { id: buildingId },
    });
    const badShare = await stack.query(
      `mutation ($input: CreateUnitInput!) { createUnit(input: $input) { id } }`,
      { input: { buildingId, designation: "13", ownershipShare: { numerator: 3, denominator: 2 } } },
      managerToken,
    );
    expect(badShare.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const updated = await stack.query(
      `mutation ($id: ID!) { updateUnit(id: $id, input: { designation: "12A", rooms: null, ownershipShare: { numerator: 1, denominator: 10 } }) { designation rooms ownershipShare { numerator denominator } } }`,
      { id: unit.data.createUnit.id },
      managerToken,
    );
    expect(updated.data.updateUnit).toEqual({ designation: "12A", rooms: null, ownershipShare: { numerator: 1, denominator: 10 } });
    const renamed = await stack.query(
      `mutation ($id: ID!) { updateBuilding(id: $id, input: { name: "Dom pri parku", street: null }) { name street } }`,
      { id: buildingId },
      managerToken,
    );
    expect(renamed.data.updateBuilding).toEqual({ name: "Dom pri parku", street: "Námestie osloboditeľov" });
    const events = await stack.owner.prisma.outboxEvent.findMany({ where: { aggregateId: buildingId }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.eventType)).toEqual(["building.created", "building.updated"]);
  });

  it("archives a building with its units and leaves it out of the list", async () => {
    const db = stack.owner.prisma;
    const building = (await createBuilding(db, org, "Poprad", "Levočská", "9")).id;
    const unit = (await createUnit(db, org, building, "1")).id;
    const archived = await stack.query(`mutation ($id: ID!) { archiveBuilding(id: $id) { status archivedAt } }`, { id: building }, managerToken);
    expect(archived.data.archiveBuilding.status).toBe("ARCHIVED");
    expect((await db.unit.findUniqueOrThrow({ where: { id: unit } })).archivedAt).not.toBeNull();
    const list = await stack.query(`{ buildings(first: 100) { edges { node { id } } } }`, {}, managerToken);
    expect(ids(list.data.buildings)).not.toContain(building);
    const all = await stack.query(`{ buildings(first: 100, filter: { includeArchived: true }) { edges { node { id } } } }`, {}, managerToken);
    expect(ids(all.data.buildings)).toContain(building);
  });
});

describe("ownership shares", () => {
  const add = (unitId: string, userId: string, share: [number, number], validFrom = "2024-01-01", validTo: string | null = null) =>
    stack.query(
      `mutation ($input: AddUnitOwnershipInput!) { addUnitOwnership(input: $input) { id share { numerator denominator } owner { id } validFrom validTo } }`,
      { input: { unitId, userId, share: { numerator: share[0], denominator: share[1] }, validFrom, validTo } },
      managerToken,
    );

  it("accepts thirds adding up to exactly one and refuses anything more", async () => {
    const db = stack.owner.prisma;
    const unit = (await createUnit(db, org, otherBuilding, "S1")).id;
    const people = [];
    for (let i = 0; i < 4; i++) {
      const id = (await createUser(db, `Spoluvlastník${i}`, "Test")).id;
      await addMember(db, org, id);
      people.push(id);
    }
    for (let i = 0; i < 3; i++) expect((await add(unit, people[i]!, [1, 3])).errors).toBeUndefined();
    const fourth = await add(unit, people[3]!, [1, 1_000_000]);
    expect(fourth.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await db.unitOwnership.count({ where: { unitId: unit } })).toBe(3);
  });

  it("lets a new owner take over the share once the previous ownership has ended", async () => {
    const db = stack.owner.prisma;
    const unit = (await createUnit(db, org, otherBuilding, "S2")).id;
    const [seller, buyer] = [(await createUser(db, "Predávajúci", "Test")).id, (await createUser(db, "Kupujúci", "Test")).id];
    await addMember(db, org, seller);
    await addMember(db, org, buyer);
    const sold = await add(unit, seller, [1, 1], "2020-01-01");
    expect((await add(unit, buyer, [1, 2], "2025-03-01")).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const ended = await stack.query(
      `mutation ($id: ID!) { endUnitOwnership(id: $id, validTo: "2025-02-28") { validTo } }`,
      { id: sold.data.addUnitOwnership.id },
      managerToken,
    );
    expect(ended.data.endUnitOwnership.validTo).toBe("2025-02-28");
    const bought = await add(unit, buyer, [1, 1], "2025-03-01");
    expect(bought.errors).toBeUndefined();
    expect(bought.data.addUnitOwnership).toMatchObject({
      owner: { id: buyer },
      validFrom: "2025-03-01",
      validTo: null,
      share: { numerator: 1, denominator: 1 },
    });
  });

  it("refuses an owner who is not a member of the organization", async () => {
    const stranger = (await createUser(stack.owner.prisma, "Cudzí", "Človek")).id;
    expect((await add(ownUnit, stranger, [1, 2])).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("what residents see", () => {
  it("shows an owner only the building and unit they own", async () => {
    const list = await stack.query(`{ buildings(first: 100) { totalCount edges { node { id units { id ownerships { owner { id } } } } } } }`, {}, ownerToken);
    expect(list.errors).toBeUndefined();
    expect(list.data.buildings.totalCount).toBe(1);
    expect(list.data.buildings.edges[0].node).toEqual({ id: ownBuilding, units: [{ id: ownUnit, ownerships: [{ owner: { id: owner } }] }] });
    expect((await stack.query(`query ($id: ID!) { building(id: $id) { id } }`, { id: otherBuilding }, ownerToken)).errors?.[0]?.extensions?.code).toBe(
      "NOT_FOUND",
    );
    const neighbour = await stack.owner.prisma.unit.findFirstOrThrow({ where: { buildingId: ownBuilding, designation: "2" } });
    expect((await stack.query(`query ($id: ID!) { unit(id: $id) { id } }`, { id: neighbour.id }, ownerToken)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    // No statistics for residents.
    expect(
      (await stack.query(`query ($id: ID!) { building(id: $id) { statistics { unitCount } } }`, { id: ownBuilding }, ownerToken)).data.building.statistics,
    ).toBeNull();
  });
});

describe("address search", () => {
  it("finds buildings regardless of case and diacritics", async () => {
    const search = async (text: string) =>
      ids(
        (await stack.query(`query ($s: String) { buildings(first: 100, filter: { search: $s }) { edges { node { id } } } }`, { s: text }, managerToken)).data
          .buildings,
      );
    expect(await search("kosice")).toContain(ownBuilding);
    expect(await search("HLAVNA 5")).toEqual([ownBuilding]);
    expect(await search("sancova 17 bratislava")).toEqual([otherBuilding]);
    expect(await search("Šancová")).toEqual([otherBuilding]);
    expect(await search("100%_")).toEqual([]);
  });

  it("uses the trigram index over exactly the expression the service queries", async () => {
    const plan = await stack.owner.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT id FROM property.buildings WHERE platform.immutable_unaccent(lower(street || ' ' || street_number || ' ' || city)) LIKE '%' || platform.immutable_unaccent(lower($1)) || '%'`,
        "hlavna",
      );
    });
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("buildings_address_trgm_idx");
  });
});

describe("building statistics", () => {
  it("counts units, occupancy, open faults by status and category, and the mean resolution time", async () => {
    const db = stack.owner.prisma;
    const building = (await createBuilding(db, org, "Nitra", "Štefánikova", "3")).id;
    const units = [];
    for (let i = 0; i < 4; i++) units.push((await createUnit(db, org, building, String(i + 1))).id);
    const tenant = (await createUser(db, "Nájomník", "Test")).id;
    await addOccupancy(db, org, units[0]!, tenant);
    await createFault(db, { organizationId: org, buildingId: building, reporterId: manager });
    await createFault(db, { organizationId: org, buildingId: building, reporterId: manager });
    const resolved = await createFault(db, { organizationId: org, buildingId: building, reporterId: manager });
    await db.fault.update({ where: { id: resolved.id }, data: { status: "RESOLVED", resolvedAt: new Date(resolved.createdAt.getTime() + 6 * 3600_000) } });
    const result = await stack.query(
      `query ($id: ID!) { building(id: $id) { statistics { unitCount occupiedUnitCount occupancyRate { numerator denominator } openFaults { status category count } averageResolutionHours } } }`,
      { id: building },
      managerToken,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.building.statistics).toEqual({
      unitCount: 4,
      occupiedUnitCount: 1,
      occupancyRate: { numerator: 1, denominator: 4 },
      openFaults: [{ status: "NEW", category: "PLUMBING", count: 2 }],
      averageResolutionHours: 6,
    });
  });
});
