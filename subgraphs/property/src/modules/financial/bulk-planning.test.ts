// The organization-wide statements are planned without nested loops, and only they: the setting
// is back to what it was for the rest of the transaction.
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, type DbHandle } from "@ppt/server-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withOrganizationWidePlans } from "./bulk-planning.ts";

let db: TestDatabase;
let property: DbHandle;

beforeAll(async () => {
  db = await createTestDatabase();
  property = connectDatabase(db.urlFor("property"), { max: 1 });
});

afterAll(async () => {
  await property?.close();
  await db?.drop();
});

describe("organization-wide plans", () => {
  it("turn nested loops off inside and restore the setting after", async () => {
    const nestloop = async (tx: Parameters<Parameters<typeof property.prisma.$transaction>[0]>[0]) =>
      (await tx.$queryRaw<{ value: string }[]>`SELECT current_setting('enable_nestloop') AS value`)[0]!.value;
    const seen = await property.prisma.$transaction(async (tx) => {
      const inside = await withOrganizationWidePlans(tx, () => nestloop(tx));
      return { inside, after: await nestloop(tx) };
    });
    expect(seen).toEqual({ inside: "off", after: "on" });
  });
});
