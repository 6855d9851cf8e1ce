// The agency loader reads in plain SQL (agenciesById): what it gives is exactly Prisma's model
// of the same rows, every field set and unset.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, type DbHandle } from "@ppt/server-kit";
import { createAgency } from "@ppt/testing/fixtures";
import { agenciesById } from "./loaders.ts";

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

describe("agencies by id in plain SQL", () => {
  it("gives each agency as Prisma's model", async () => {
    const db = owner.prisma;
    const bare = await createAgency(db, "Holá agentúra");
    const full = await createAgency(db, "Plná agentúra");
    await db.agency.update({
      where: { id: full.id },
      data: {
        ico: "12345678",
        email: "info@plna.sk",
        phone: "+421900000001",
        website: "https://plna.sk",
        logoKey: "agencies/plna.png",
        description: "Predaj a prenájom.",
        street: "Hlavná 1",
        postalCode: "04001",
        vatId: "SK1234567890",
        areasServed: ["Košice", "Prešov"],
        verifiedAt: new Date("2026-02-03T04:05:06.789Z"),
        verificationMethod: "DOMAIN_EMAIL",
        domainTokenHash: "a".repeat(64),
        domainTokenExpiresAt: new Date("2026-03-04T05:06:07.891Z"),
        domainEmail: "admin@plna.sk",
      },
    });
    const ids = [bare.id, full.id];
    const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(await agenciesById(db, ids))).toEqual(byId(await db.agency.findMany({ where: { id: { in: ids } } })));
  });
});
