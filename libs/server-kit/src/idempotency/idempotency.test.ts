// The idempotency store under the property role and RLS: a retry returns the first result and
// runs nothing; the same key with other parameters is CONFLICT; two concurrent requests with one
// key have one effect; a failed run leaves the key free; another organization's key is invisible.
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DbHandle } from "../db/clients.ts";
import { TenantDb } from "../db/tenant-db.ts";
import { AppError } from "../errors.ts";
import { withIdempotency } from "./idempotency.ts";

let db: TestDatabase;
let owner: DbHandle;
let property: DbHandle;
let orgA: string;
let orgB: string;
let buildingA: string;

beforeAll(async () => {
  db = await createTestDatabase();
  owner = connectDatabase(db.ownerUrl, { max: 2 });
  const make = (slug: string) =>
    owner.prisma.organization.create({ data: { name: slug, slug, type: "HOUSING_COOPERATIVE", contactEmail: `${slug}@example.sk` } });
  orgA = (await make("idem-a")).id;
  orgB = (await make("idem-b")).id;
  buildingA = (await owner.prisma.building.create({ data: { organizationId: orgA, street: "Hlavná", streetNumber: "1", city: "Košice", postalCode: "04001" } }))
    .id;
  property = connectDatabase(db.urlFor("property"), { max: 6 });
});

afterAll(async () => {
  await property?.close();
  await owner?.close();
  await db?.drop();
});

const tenant = (organizationId: string) => new TenantDb(property.prisma, { organizationId, userId: null });

/** Renames the building (the effect) and counts runs; returns a JSON result. */
function renameOnce(organizationId: string, key: string, name: string, runs: { count: number }, delayMs = 0) {
  return tenant(organizationId).write((tx) =>
    withIdempotency(tx, { key, operation: "test.rename", params: { name } }, async () => {
      runs.count++;
      await tx.$executeRaw`UPDATE property.buildings SET name = coalesce(name, '') || ${name} WHERE id = ${buildingA}::uuid`;
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return { renamedTo: name, at: runs.count };
    }),
  );
}

const buildingName = async () => (await owner.prisma.building.findUniqueOrThrow({ where: { id: buildingA } })).name;

describe("withIdempotency", () => {
  it("returns the first result on a retry and runs once", async () => {
    await owner.prisma.building.update({ where: { id: buildingA }, data: { name: "" } });
    const runs = { count: 0 };
    const first = await renameOnce(orgA, "k-retry", "X", runs);
    const again = await renameOnce(orgA, "k-retry", "X", runs);
    expect(first).toEqual({ renamedTo: "X", at: 1 });
    expect(again).toEqual(first);
    expect(runs.count).toBe(1);
    expect(await buildingName()).toBe("X");
  });

  it("refuses the same key with other parameters or another operation as CONFLICT", async () => {
    const runs = { count: 0 };
    await renameOnce(orgA, "k-conflict", "A", runs);
    const other = renameOnce(orgA, "k-conflict", "B", runs);
    await expect(other).rejects.toBeInstanceOf(AppError);
    await expect(renameOnce(orgA, "k-conflict", "B", runs)).rejects.toMatchObject({ code: "CONFLICT" });
    const otherOperation = tenant(orgA).write((tx) =>
      withIdempotency(tx, { key: "k-conflict", operation: "test.other", params: { name: "A" } }, async () => 1),
    );
    await expect(otherOperation).rejects.toMatchObject({ code: "CONFLICT" });
    expect(runs.count).toBe(1);
  });

  it("has one effect for concurrent requests with the same key", async () => {
    await owner.prisma.building.update({ where: { id: buildingA }, data: { name: "" } });
    const runs = { count: 0 };
    const results = await Promise.all(Array.from({ length: 5 }, () => renameOnce(orgA, "k-race", "R", runs, 50)));
    expect(runs.count).toBe(1);
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(await buildingName()).toBe("R");
  });

  it("leaves the key free when the work fails (its transaction rolls back)", async () => {
    const failing = tenant(orgA).write((tx) =>
      withIdempotency(tx, { key: "k-fail", operation: "test.rename", params: { name: "F" } }, async () => {
        throw AppError.badInput("no");
      }),
    );
    await expect(failing).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    const runs = { count: 0 };
    expect(await renameOnce(orgA, "k-fail", "F", runs)).toEqual({ renamedTo: "F", at: 1 });
  });

  it("keeps keys per organization: B's same key is its own, and B cannot read A's", async () => {
    const runs = { count: 0 };
    await renameOnce(orgA, "k-shared", "S", runs);
    const inB = await tenant(orgB).write((tx) => withIdempotency(tx, { key: "k-shared", operation: "test.other", params: {} }, async () => "b's own"));
    expect(inB).toBe("b's own");
    const seenByB = await tenant(orgB).read((tx) => tx.idempotencyKey.findMany({ where: { organizationId: orgA } }));
    expect(seenByB).toEqual([]);
  });

  it("refuses an empty key", async () => {
    const empty = tenant(orgA).write((tx) => withIdempotency(tx, { key: " ", operation: "test.rename", params: {} }, async () => 1));
    await expect(empty).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });
});
