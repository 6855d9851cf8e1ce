// One request holds one pooled connection at a time: a resolver that reads and then writes must
// not keep its read transaction open while the write waits for a second connection. Checked on a
// pool of ONE connection (the worst case of a busy pool), under the property role and RLS. And a
// write that PostgreSQL picks as a deadlock's victim runs again instead of failing the request.
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DbHandle } from "./clients.ts";
import { TenantDb, type Tx } from "./tenant-db.ts";

let db: TestDatabase;
let owner: DbHandle;
let property: DbHandle;
let organizationId: string;
let buildingId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  owner = connectDatabase(db.ownerUrl, { max: 1 });
  const organization = await owner.prisma.organization.create({
    data: { name: "Pool of one", slug: "pool-of-one", type: "HOUSING_COOPERATIVE", contactEmail: "pool@example.sk" },
  });
  organizationId = organization.id;
  const building = await owner.prisma.building.create({ data: { organizationId, street: "Hlavná", streetNumber: "1", city: "Košice", postalCode: "04001" } });
  buildingId = building.id;
  property = connectDatabase(db.urlFor("property"), { max: 1 });
});

afterAll(async () => {
  await property?.close();
  await owner?.close();
  await db?.drop();
});

/** Fails instead of hanging: the old behaviour waited for a second connection that never came. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not done within ${ms} ms`)), ms))]);
}

describe("TenantDb on a pool of one connection", () => {
  it("writes after a read (the read transaction is released first), and a later read sees the write", async () => {
    const request = new TenantDb(property.prisma, { organizationId, userId: null });
    try {
      const before = await request.read((tx) => tx.building.findUniqueOrThrow({ where: { id: buildingId } }));
      const updated = await within(
        4_000,
        request.write((tx) => tx.building.update({ where: { id: before.id }, data: { name: "Renamed in the write" } })),
      );
      expect(updated.name).toBe("Renamed in the write");
      const after = await within(
        4_000,
        request.read((tx) => tx.building.findUniqueOrThrow({ where: { id: buildingId } })),
      );
      expect(after.name).toBe("Renamed in the write");
    } finally {
      await request.close();
    }
  });

  it("lets reads already in flight finish before the write takes the connection", async () => {
    const request = new TenantDb(property.prisma, { organizationId, userId: null });
    try {
      const slowRead = request.read(async (tx) => {
        await tx.$queryRaw`SELECT pg_sleep(0.2)::text`;
        return tx.building.findUniqueOrThrow({ where: { id: buildingId } });
      });
      const write = request.write((tx) => tx.building.update({ where: { id: buildingId }, data: { city: "Prešov" } }));
      const [read, written] = await within(4_000, Promise.all([slowRead, write]));
      expect(read.id).toBe(buildingId);
      expect(written.city).toBe("Prešov");
      expect((await request.read((tx) => tx.building.findUniqueOrThrow({ where: { id: buildingId } }))).city).toBe("Prešov");
    } finally {
      await request.close();
    }
  });

  it("still scopes every transaction to the tenant (RLS)", async () => {
    const stranger = new TenantDb(property.prisma, { organizationId: "00000000-0000-0000-0000-000000000001", userId: null });
    try {
      expect(await stranger.read((tx) => tx.building.findUnique({ where: { id: buildingId } }))).toBeNull();
      const changed = await within(
        4_000,
        stranger.write((tx) => tx.building.updateMany({ where: { id: buildingId }, data: { city: "Nitra" } })),
      );
      expect(changed.count).toBe(0);
    } finally {
      await stranger.close();
    }
  });
});

describe("TenantDb writes that deadlock", () => {
  // Two conflicting bookings inserted at the same instant deadlock in the exclusion constraint's
  // check (each waits for the other's uncommitted row); here two writes take two rows in opposite
  // orders, which PostgreSQL breaks the same way: one transaction is rolled back with 40P01.
  it("runs the victim's transaction again (it was rolled back whole), so both writes land", async () => {
    const pair = connectDatabase(db.urlFor("property"), { max: 2 });
    const other = await owner.prisma.building.create({ data: { organizationId, street: "Hlavná", streetNumber: "2", city: "Košice", postalCode: "04001" } });
    let arrived = 0;
    let open!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (open = resolve));
    let runs = 0;
    const crossing = (first: string, then: string, city: string) => async (tx: Tx) => {
      runs++;
      await tx.building.update({ where: { id: first }, data: { city } });
      if (++arrived === 2) open();
      await bothHoldOne;
      return tx.building.update({ where: { id: then }, data: { city } });
    };
    const one = new TenantDb(pair.prisma, { organizationId, userId: null });
    const two = new TenantDb(pair.prisma, { organizationId, userId: null });
    try {
      const written = await within(
        10_000,
        Promise.allSettled([one.write(crossing(buildingId, other.id, "Poprad")), two.write(crossing(other.id, buildingId, "Trnava"))]),
      );
      expect(written.map((result) => result.status)).toEqual(["fulfilled", "fulfilled"]);
      expect(runs).toBe(3);
      // The victim ran last, so its city is on both rows.
      const cities = await owner.prisma.building.findMany({ where: { id: { in: [buildingId, other.id] } }, select: { city: true } });
      expect(new Set(cities.map((b) => b.city)).size).toBe(1);
    } finally {
      await one.close();
      await two.close();
      await pair.close();
    }
  });
});
