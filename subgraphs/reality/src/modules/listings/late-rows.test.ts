// A map-box or radius page that chooses its ids first and reads their rows after (pages.ts,
// readsRowsLate) against the same page with its rows read as it is chosen: on a few hundred
// listings with many ties in every sort key (a handful of publication times, prices and sizes,
// missing sizes), drafts, sold and expired ones, every sort order is paged to its end by
// cursors, both ways, and the pages — ids, order, columns, sort keys, the count alongside — must
// be the same. Nor does it run in parallel workers (they scan far past a page of ids).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Listing } from "@ppt/db/client";
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, type DbHandle } from "@ppt/server-kit";
import { createRealtor } from "@ppt/testing/fixtures";
import { expectSamePages, pagesToEnd, planOf } from "@ppt/testing/reality";
import { prng } from "@ppt/db/seed";
import { parseListingFilter } from "./filter.ts";
import type { ListingSort, SearchScope } from "./listing-sql.ts";
import { readsRowsLate, searchQueries } from "./pages.ts";

const PUBLIC: SearchScope = { statuses: ["ACTIVE"], publishedOnly: true };
// Around 10.5° S 40.5° E: a region no other listing of this database is in.
const AREAS = [
  { boundingBox: { south: -10.56, west: 40.43, north: -10.45, east: 40.58 } },
  { boundingBox: { south: -10.56, west: 40.43, north: -10.45, east: 40.58 }, transactionType: "SALE", minRooms: 2 },
  { radius: { latitude: -10.5, longitude: 40.5, radiusKm: 5 } },
  { radius: { latitude: -10.5, longitude: 40.5, radiusKm: 5 }, propertyTypes: ["APARTMENT", "HOUSE"] },
];
const SORTS: ListingSort[] = ["NEWEST", "RELEVANCE", "PRICE_ASC", "PRICE_DESC", "SIZE_ASC", "SIZE_DESC"];
const PAGE = 7;

let db: TestDatabase;
let owner: DbHandle;
let reality: DbHandle;

beforeAll(async () => {
  db = await createTestDatabase();
  owner = connectDatabase(db.ownerUrl, { max: 2 });
  reality = connectDatabase(db.urlFor("reality"), { max: 2 });
  const realtorId = (await createRealtor(owner.prisma)).id;
  const next = prng(11); // seeded: a failure can be replayed
  const hour = 3_600_000;
  const published = Date.now() - 48 * hour;
  await owner.prisma.listing.createMany({
    data: Array.from({ length: 320 }, (_, i) => {
      const status: "ACTIVE" | "SOLD" | "DRAFT" = i % 19 === 0 ? "SOLD" : i % 23 === 0 ? "DRAFT" : "ACTIVE";
      return {
        realtorId,
        title: `Neskoro ${i}`,
        street: "Hlavná",
        city: "Neskorovo",
        // Few distinct values: most pages end inside a run of ties, settled by the id.
        price: String(50_000 + Math.floor(next() * 6) * 10_000),
        sizeSqm: i % 5 === 0 ? null : String(40 + Math.floor(next() * 4) * 10),
        rooms: 1 + Math.floor(next() * 4),
        isFeatured: i % 9 === 0,
        energyClass: "B" as const,
        propertyType: (["APARTMENT", "HOUSE", "LAND"] as const)[i % 3]!,
        transactionType: next() < 0.7 ? ("SALE" as const) : ("RENT" as const),
        latitude: -10.5 + (next() - 0.5) * 0.12,
        longitude: 40.5 + (next() - 0.5) * 0.16,
        status,
        publishedAt: status === "DRAFT" ? null : new Date(published + Math.floor(next() * 4) * hour),
        // Every 11th: past its expiry but still ACTIVE, found by no public search.
        expiresAt: i % 11 === 0 ? new Date(Date.now() - hour) : new Date(Date.now() + 30 * 24 * hour),
      };
    }),
  });
  await owner.prisma.$executeRaw`VACUUM (ANALYZE) reality.listings`;
}, 120_000);

afterAll(async () => {
  await reality?.close();
  await owner?.close();
  await db?.drop();
});

type Row = Record<string, unknown> & { id: string; k0: string; k1: string; k2?: string };

/** Every page of the search to its end. */
const pages = (input: object, sort: ListingSort, lateRows: boolean, fields?: ReadonlySet<keyof Listing>) =>
  pagesToEnd<Row>(reality.prisma, PAGE, (cursor) =>
    searchQueries(parseListingFilter(input), PUBLIC, sort, PAGE, cursor, { lateRows, countAlongside: 1_000, ...(fields ? { fields } : {}) }),
  );

describe("a map-box or radius page with its rows read late", () => {
  it("is what the public search of an area reads, and nothing else", () => {
    expect(readsRowsLate(parseListingFilter(AREAS[0]), PUBLIC)).toBe(true);
    expect(readsRowsLate(parseListingFilter(AREAS[2]), PUBLIC)).toBe(true);
    expect(readsRowsLate(parseListingFilter({ city: "Neskorovo" }), PUBLIC)).toBe(false);
    expect(readsRowsLate(parseListingFilter(AREAS[0]), { statuses: ["ACTIVE", "RESERVED"], publishedOnly: true })).toBe(false);
    expect(readsRowsLate(parseListingFilter(AREAS[0]), { ...PUBLIC, realtorId: "00000000-0000-0000-0000-000000000000" })).toBe(false);
  });

  it.each(SORTS)("pages by %s through the same listings in the same order, with the same rows and cursors", async (sort) => {
    expect(await expectSamePages(AREAS, PAGE, (area, late) => pages(area, sort, late))).toBeGreaterThan(400);
  });

  it("is planned without parallel workers, even where they cost nothing", async () => {
    const plan = (lateRows: boolean) =>
      planOf(reality.prisma, searchQueries(parseListingFilter(AREAS[2]), PUBLIC, "PRICE_ASC", PAGE, null, { lateRows }).page, [
        "parallel_setup_cost = 0",
        "parallel_tuple_cost = 0",
        "min_parallel_table_scan_size = 0",
        "min_parallel_index_scan_size = 0",
      ]);
    // The same statement with its rows read first may run in parallel: the settings do reach the planner.
    expect(await plan(false)).toMatch(/Gather/);
    expect(await plan(true)).not.toMatch(/Gather|Parallel/);
  });

  it("reads only the page's columns when asked for some", async () => {
    const fields = new Set<keyof Listing>(["id", "title", "price"]);
    const late = await pages(AREAS[0]!, "PRICE_DESC", true, fields);
    expect(late).toEqual(await pages(AREAS[0]!, "PRICE_DESC", false, fields));
    expect(Object.keys(late[0]![0]!).sort()).toEqual(["id", "k0", "k1", "price", "title", "total"]);
  });
});
