// The realtor loader reads in plain SQL (realtorsById): what it gives is exactly Prisma's model
// of the same rows, every field set and unset.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, type DbHandle } from "@ppt/server-kit";
import { createRealtor } from "@ppt/testing/fixtures";
import { realtorsById } from "./loaders.ts";

let database: TestDatabase;
let owner: DbHandle;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = connectDatabase(database.ownerUrl, { max: 2 });
});

afterAll(async () => {
  await owner?.close();
  await database?.drop();
});

describe("realtors by id in plain SQL", () => {
  it("gives each realtor as Prisma's model", async () => {
    const db = owner.prisma;
    const bare = await createRealtor(db, "Ján Holý");
    const full = await db.realtor.create({
      data: {
        displayName: "Eva Plná",
        email: "eva@example.sk",
        phone: "+421900000000",
        bio: "Bývanie v Košiciach.",
        photoKey: "realtors/eva.jpg",
        languages: ["sk", "en"],
        status: "ACTIVE",
        mailOptOutAt: new Date("2026-01-02T03:04:05.678Z"),
      },
    });
    const ids = [bare.id, full.id];
    const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(await realtorsById(db, ids))).toEqual(byId(await db.realtor.findMany({ where: { id: { in: ids } } })));
  });
});
