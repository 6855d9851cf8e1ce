// A map box's facets from the per-cell counts against grouping every listing of the box: on a few
// hundred listings (clumps, several cities, prices across both band schemes, drafts, sold,
// expired but not yet archived, both transaction types, every property type), the facets read
// from the counts (inner cells + edge strips) equal the grouped ones for boxes that cut through
// the listings; a filter the counts cannot answer takes the grouped path; the counts table equals
// a fresh grouping after listings are inserted, updated, change status or are deleted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, type DbHandle } from "@ppt/server-kit";
import { createRealtor } from "@ppt/testing/fixtures";
import { parseListingFilter } from "./filter.ts";
import { cellFacetsQuery, facetsAnsweredByCells } from "./facet-cells.ts";
import type { SearchScope } from "./listing-sql.ts";
import { searchQueries } from "./pages.ts";
import { prng } from "@ppt/db/seed";

const PUBLIC: SearchScope = { statuses: ["ACTIVE"], publishedOnly: true };
// Around 20.5° N 30.5° E: a region no other listing of this database is in.
const BOXES = [
  { south: 20.3, west: 30.3, north: 20.7, east: 30.8 },
  { south: 20.41, west: 30.37, north: 20.58, east: 30.61 }, // cuts through the clumps
  { south: 20.488, west: 30.487, north: 20.512, east: 30.514 }, // a few level-13 cells
];
const FILTERS = [{}, { transactionType: "RENT" }, { propertyTypes: ["HOUSE", "LAND"] }, { transactionType: "SALE", propertyType: "APARTMENT" }];
const CITIES = ["Fasetovo", "Horné Fasetovo", "Dolné Fasetovo"];

let db: TestDatabase;
let owner: DbHandle;
let reality: DbHandle;
let ids: string[] = [];

async function seedListings(): Promise<void> {
  const realtorId = (await createRealtor(owner.prisma)).id;
  const next = prng(5); // seeded: a failure can be replayed
  const clumps = [
    [20.5, 30.5, 0.01],
    [20.55, 30.6, 0.03],
    [20.42, 30.38, 0.002],
  ] as const;
  const day = 86_400_000;
  const rows = Array.from({ length: 480 }, (_, i) => {
    const [lat, lng, spread] = i % 7 === 6 ? [20.5, 30.55, 0.2] : clumps[i % 3]!;
    const status: "ACTIVE" | "SOLD" | "DRAFT" = i % 13 === 0 ? "SOLD" : i % 17 === 0 ? "DRAFT" : "ACTIVE";
    const transactionType = next() < 0.7 ? ("SALE" as const) : ("RENT" as const);
    return {
      realtorId,
      title: `Faseta ${i}`,
      street: "Hlavná",
      city: CITIES[Math.floor(next() * 3)]!,
      // Across both band schemes' bounds, some on a bound exactly.
      price: transactionType === "SALE" ? String(i % 9 === 0 ? 150_000 : Math.floor(next() * 700_000)) : String(i % 9 === 0 ? 700 : Math.floor(next() * 3_000)),
      energyClass: "B" as const,
      propertyType: (["APARTMENT", "HOUSE", "LAND", "COMMERCIAL"] as const)[Math.floor(next() * 4)]!,
      transactionType,
      latitude: lat + (next() - 0.5) * spread,
      longitude: lng + (next() - 0.5) * spread * 1.5,
      status,
      publishedAt: status === "DRAFT" ? null : new Date(Date.now() - 10 * day),
      // Every 11th: past its expiry but not yet archived (still ACTIVE): counted, yet matching no search.
      expiresAt: i % 11 === 0 ? new Date(Date.now() - day) : new Date(Date.now() + 30 * day),
    };
  });
  // One statement for most (the trigger sees many rows at once), one at a time for the rest.
  await owner.prisma.listing.createMany({ data: rows.slice(0, 450) });
  for (const row of rows.slice(450)) await owner.prisma.listing.create({ data: row });
  ids = (await owner.prisma.listing.findMany({ where: { title: { startsWith: "Faseta " } }, select: { id: true }, orderBy: { title: "asc" } })).map(
    (l) => l.id,
  );
}

type FacetRow = { property_type: string | null; city: string | null; band: number | null; facet: number; count: bigint };
const comparable = (rows: FacetRow[]) => rows.map((row) => JSON.stringify({ ...row, count: Number(row.count) })).sort();

/** Both ways, for every box and filter; the rows compared, inner cells used every time. */
async function expectFacetsAgree(): Promise<number> {
  let listings = 0;
  for (const boundingBox of BOXES)
    for (const input of FILTERS) {
      const filter = parseListingFilter({ ...input, boundingBox });
      expect(facetsAnsweredByCells(filter, PUBLIC)).toBe(true);
      const queries = searchQueries(filter, PUBLIC, "NEWEST", 10, null);
      const fromCells = cellFacetsQuery(filter, PUBLIC, queries.bands);
      expect(fromCells).not.toBeNull();
      expect(queries.facets).toEqual(fromCells);
      const cells = await reality.prisma.$queryRaw<FacetRow[]>(fromCells!);
      const grouped = await reality.prisma.$queryRaw<FacetRow[]>(queries.groupedFacets);
      expect(comparable(cells), `${JSON.stringify(boundingBox)} ${JSON.stringify(input)}`).toEqual(comparable(grouped));
      listings += Number(grouped.find((row) => row.facet === 0b111)?.count ?? 0);
    }
  return listings;
}

/** The counts table against a fresh grouping of the listings (rows missing either way). */
async function countsMismatch(): Promise<number> {
  const rows = await owner.prisma.$queryRaw<{ n: number }[]>`
    WITH fresh AS (
      SELECT lv.level::smallint AS level, (reality.map_x_units(longitude) >> (30 - lv.level))::int AS cell_x,
             (reality.map_y_units(latitude) >> (30 - lv.level))::int AS cell_y, transaction_type, property_type, city,
             width_bucket(price, '{0,50000,100000,150000,200000,300000,500000}'::numeric[])::smallint AS sale_band,
             width_bucket(price, '{0,300,500,700,1000,1500,2500}'::numeric[])::smallint AS rent_band, count(*)::int AS listings
      FROM reality.listings CROSS JOIN generate_series(13, 16) lv(level)
      WHERE status = 'ACTIVE' AND published_at IS NOT NULL AND latitude IS NOT NULL AND longitude IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ), kept AS (SELECT level, cell_x, cell_y, transaction_type, property_type, city, sale_band, rent_band, listings FROM reality.listing_facet_cells)
    SELECT ((SELECT count(*) FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept) a) + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh) b))::int AS n`;
  return rows[0]!.n;
}

beforeAll(async () => {
  db = await createTestDatabase();
  owner = connectDatabase(db.ownerUrl, { max: 2 });
  reality = connectDatabase(db.urlFor("reality"), { max: 2 });
  await seedListings();
}, 120_000);

afterAll(async () => {
  await reality?.close();
  await owner?.close();
  await db?.drop();
});

describe("map box facets from the per-cell counts", () => {
  it("equal the facets of every listing of the box grouped (inner cells and edge strips), and the counts equal a fresh grouping", async () => {
    expect(await countsMismatch()).toBe(0);
    expect(await expectFacetsAgree()).toBeGreaterThan(500);
  });

  it("leave a filter the counts cannot answer, or a box holding no whole cell, to the grouped statement", async () => {
    const box = BOXES[1]!;
    for (const input of [{ city: "Fasetovo" }, { minPrice: "100000" }, { query: "faseta" }, { minRooms: 2 }]) {
      const filter = parseListingFilter({ ...input, boundingBox: box });
      expect(facetsAnsweredByCells(filter, PUBLIC), JSON.stringify(input)).toBe(false);
      const queries = searchQueries(filter, PUBLIC, "NEWEST", 10, null);
      expect(queries.facets).toBe(queries.groupedFacets);
    }
    expect(facetsAnsweredByCells(parseListingFilter({ boundingBox: box }), { statuses: ["ACTIVE", "SOLD"], publishedOnly: true })).toBe(false);
    expect(facetsAnsweredByCells(parseListingFilter({}), PUBLIC)).toBe(false);
    const tiny = parseListingFilter({ boundingBox: { south: 20.5, west: 30.5, north: 20.5005, east: 30.5005 } });
    const tinyQueries = searchQueries(tiny, PUBLIC, "NEWEST", 10, null);
    expect(cellFacetsQuery(tiny, PUBLIC, tinyQueries.bands)).toBeNull();
    expect(tinyQueries.facets).toBe(tinyQueries.groupedFacets);
  });

  it("follow listings inserted, updated (price, city, place, type), changing status or deleted", async () => {
    const [a, b, c, d, e, f, g] = ids;
    const realtorId = (await createRealtor(owner.prisma)).id;
    await owner.prisma.listing.create({
      data: {
        realtorId,
        title: "Faseta nová",
        street: "Hlavná",
        city: "Nové Fasetovo",
        price: "120000",
        energyClass: "B",
        propertyType: "HOUSE",
        transactionType: "SALE",
        latitude: 20.501,
        longitude: 30.502,
        status: "ACTIVE",
        publishedAt: new Date(),
        expiresAt: new Date(Date.now() + 30 * 86_400_000),
      },
    });
    // As the reality subgraph's role: the trigger keeps counts that role may not write itself.
    await reality.prisma.$executeRaw`UPDATE reality.listings SET status = 'SOLD' WHERE id = ${a}::uuid`;
    await reality.prisma.$executeRaw`UPDATE reality.listings SET price = price + 60000 WHERE title LIKE 'Faseta %'`;
    await reality.prisma.$executeRaw`UPDATE reality.listings SET city = 'Fasetovo' WHERE id = ${b}::uuid`;
    await reality.prisma
      .$executeRaw`UPDATE reality.listings SET latitude = 20.5031, longitude = 30.5029, status = 'ACTIVE', published_at = now() WHERE id IN (${c}::uuid, ${d}::uuid)`;
    await reality.prisma.$executeRaw`UPDATE reality.listings SET transaction_type = 'RENT', property_type = 'LAND' WHERE id = ${e}::uuid`;
    await reality.prisma.$executeRaw`DELETE FROM reality.listings WHERE id = ${f}::uuid`;
    await reality.prisma.$executeRaw`UPDATE reality.listings SET expires_at = now() - interval '1 hour' WHERE id = ${g}::uuid`;
    expect(await countsMismatch()).toBe(0);
    await expectFacetsAgree();
  });

  it("cannot be written by the subgraph's role", async () => {
    await expect(reality.prisma.$executeRaw`DELETE FROM reality.listing_facet_cells`).rejects.toThrow(/permission denied/);
  });
});
