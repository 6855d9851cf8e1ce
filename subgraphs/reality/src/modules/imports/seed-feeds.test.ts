// The demo data obeys the rules the API enforces: every seeded agency's exported feed imports
// back through the real import path with no item refused and nothing archived, and the sample
// feed shipped with the repository is valid and imports into a seeded agency.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "@ppt/db/seed";
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, type DbHandle } from "@ppt/server-kit";
import { exportFeed } from "./feed-export.ts";
import { importFeed } from "./feed-import.ts";
import { validateAgainstXsd } from "./feed-xml.ts";

let db: TestDatabase;
let owner: DbHandle;
let reality: DbHandle;

beforeAll(async () => {
  db = await createTestDatabase();
  owner = connectDatabase(db.ownerUrl, { max: 2 });
  reality = connectDatabase(db.urlFor("reality"), { max: 2 });
  await seed(owner.prisma);
}, 180_000);
afterAll(async () => {
  await reality?.close();
  await owner?.close();
  await db?.drop();
});

describe("seeded agencies' feeds", () => {
  it("import back with zero rejections and archive nothing", async () => {
    const agencies = await owner.prisma.agency.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
    expect(agencies.length).toBeGreaterThanOrEqual(5);
    for (const agency of agencies) {
      const xml = await exportFeed(reality.prisma, agency.id);
      const run = await importFeed(reality.prisma, { agencyId: agency.id, xml, full: true });
      expect({ agency: agency.name, status: run.status, failed: run.failedCount, errors: run.errors, archived: run.archivedCount }).toEqual({
        agency: agency.name,
        status: "SUCCEEDED",
        failed: 0,
        errors: [],
        archived: 0,
      });
      expect(run.createdCount).toBe(0);
    }
  }, 180_000);

  it("the sample feed is valid against feed.xsd and imports into a seeded agency", async () => {
    const xml = await readFile(join(import.meta.dirname, "samples/sample-feed.xml"), "utf8");
    expect(await validateAgainstXsd(xml)).toEqual([]);
    const agency = await owner.prisma.agency.findFirstOrThrow({ where: { name: "Reality Východ s.r.o." } });
    const run = await importFeed(reality.prisma, { agencyId: agency.id, xml, full: false });
    expect({ status: run.status, errors: run.errors }).toEqual({ status: "SUCCEEDED", errors: [] });
    expect(run.createdCount).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
