// The map's per-cell counts against grouping every listing: on a few hundred listings (clumps,
// listings at one point, hidden addresses, drafts, sold, expired but not yet archived, both
// transaction types, every property type), clusters read from the counts equal the grouped ones
// — counts, centres, one-listing clusters' listings, expansion zooms — for rectangles that cut
// through the listings and at every zoom the counts answer; the counts table equals a fresh
// grouping; and after listings change status, price, place, type or are deleted, both still agree.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, type DbHandle } from "@ppt/server-kit";
import { createRealtor } from "@ppt/testing/fixtures";
import { parseListingFilter } from "./filter.ts";
import { groupedClusters } from "./clusters.ts";
import { answeredByCells, cellClusters } from "./map-cells.ts";
import type { ListingClusterRow } from "./map-grid.ts";
import type { SearchScope } from "./listing-sql.ts";
import { prng } from "@ppt/db/seed";

const PUBLIC: SearchScope = { statuses: ["ACTIVE"], publishedOnly: true };
// Around 20.5° N 30.5° E: a region no other listing of this database is in.
const REGION = { south: 20.3, west: 30.3, north: 20.7, east: 30.8 };
const BOXES = [
  REGION,
  { south: 20.41, west: 30.37, north: 20.58, east: 30.61 }, // cuts through the clumps
  { south: 20.49, west: 30.49, north: 20.505, east: 30.512 }, // a few hundred metres
];
const FILTERS = [{}, { transactionType: "RENT" }, { propertyTypes: ["HOUSE", "LAND"] }, { transactionType: "SALE", propertyType: "APARTMENT" }];
const ZOOMS = [0, 9, 12, 13, 14];

let db: TestDatabase;
let owner: DbHandle;
let reality: DbHandle;
let ids: string[] = [];

async function seedListings(): Promise<void> {
  const realtorId = (await createRealtor(owner.prisma)).id;
  const next = prng(7); // seeded: a failure can be replayed
  const clumps = [
    [20.5, 30.5, 0.004],
    [20.55, 30.6, 0.02],
    [20.42, 30.38, 0.0005],
  ] as const;
  const day = 86_400_000;
  const rows = Array.from({ length: 420 }, (_, i) => {
    const [lat, lng, spread] = i % 7 === 6 ? [20.5, 30.55, 0.2] : clumps[i % 3]!;
    const atOnePoint = i % 41 === 0;
    const status: "ACTIVE" | "SOLD" | "DRAFT" = i % 13 === 0 ? "SOLD" : i % 17 === 0 ? "DRAFT" : "ACTIVE";
    return {
      realtorId,
      title: `Mapa ${i}`,
      street: "Hlavná",
      city: "Mapovo",
      price: String(50_000 + i * 100),
      energyClass: "B" as const,
      propertyType: (["APARTMENT", "HOUSE", "LAND", "COMMERCIAL"] as const)[Math.floor(next() * 4)]!,
      transactionType: next() < 0.75 ? ("SALE" as const) : ("RENT" as const),
      latitude: atOnePoint ? 20.5011 : lat + (next() - 0.5) * spread,
      longitude: atOnePoint ? 30.5011 : lng + (next() - 0.5) * spread * 1.5,
      addressVisibility: next() < 0.7 ? ("FULL" as const) : next() < 0.5 ? ("STREET" as const) : ("DISTRICT" as const),
      status,
      publishedAt: status === "DRAFT" ? null : new Date(Date.now() - 10 * day),
      // Every 11th: past its expiry but not yet archived (still ACTIVE): counted, yet off the map.
      expiresAt: i % 11 === 0 ? new Date(Date.now() - day) : new Date(Date.now() + 30 * day),
    };
  });
  // One statement for most (the trigger sees many rows at once), one at a time for the rest.
  await owner.prisma.listing.createMany({ data: rows.slice(0, 400) });
  for (const row of rows.slice(400)) await owner.prisma.listing.create({ data: row });
  ids = (await owner.prisma.listing.findMany({ where: { city: "Mapovo" }, select: { id: true }, orderBy: { title: "asc" } })).map((l) => l.id);
}

const byCell = (list: ListingClusterRow[]) =>
  [...list].sort((a, b) => b.count - a.count || a.latitude - b.latitude || a.longitude - b.longitude || (a.listingId ?? "").localeCompare(b.listingId ?? ""));

/** Both ways, for every box, filter and zoom: equal up to floating-point rounding of the centres. */
async function expectCellsAgree(): Promise<number> {
  let compared = 0;
  for (const bounds of BOXES)
    for (const input of FILTERS)
      for (const zoom of ZOOMS) {
        const filter = parseListingFilter({ ...input, boundingBox: bounds });
        expect(answeredByCells(filter, PUBLIC, bounds, zoom)).toBe(true);
        const fromCells = byCell(await cellClusters(reality.prisma, filter, PUBLIC, bounds, zoom));
        const grouped = byCell(await groupedClusters(reality.prisma, filter, PUBLIC, bounds, zoom));
        const where = `${JSON.stringify(bounds)} ${JSON.stringify(input)} zoom ${zoom}`;
        expect(
          fromCells.map((c) => [c.count, c.listingId, c.expansionZoom]),
          where,
        ).toEqual(grouped.map((c) => [c.count, c.listingId, c.expansionZoom]));
        fromCells.forEach((c, i) => {
          expect(Math.abs(c.latitude - grouped[i]!.latitude), where).toBeLessThan(1e-6);
          expect(Math.abs(c.longitude - grouped[i]!.longitude), where).toBeLessThan(1e-6);
        });
        compared += grouped.length;
      }
  return compared;
}

/** The counts table against a fresh grouping of the listings (rows missing either way). */
async function countsMismatch(): Promise<number> {
  const rows = await owner.prisma.$queryRaw<{ n: number }[]>`
    WITH fresh AS (
      SELECT lv.level::smallint AS level, (d.tx >> (30 - lv.level))::int AS cell_x, (d.ty >> (30 - lv.level))::int AS cell_y,
             d.transaction_type, d.property_type, count(*)::int AS listings, sum(d.px)::bigint AS sum_x, sum(d.py)::bigint AS sum_y
      FROM (SELECT reality.map_x_units(longitude) AS tx, reality.map_y_units(latitude) AS ty,
                   reality.map_placed_units(reality.map_x_units(longitude), address_visibility = 'FULL') AS px,
                   reality.map_placed_units(reality.map_y_units(latitude), address_visibility = 'FULL') AS py, transaction_type, property_type
            FROM reality.listings WHERE status = 'ACTIVE' AND published_at IS NOT NULL AND latitude IS NOT NULL AND longitude IS NOT NULL) d
      CROSS JOIN generate_series(0, 16) lv(level)
      GROUP BY 1, 2, 3, 4, 5
    ), kept AS (SELECT level, cell_x, cell_y, transaction_type, property_type, listings, sum_x, sum_y FROM reality.listing_map_cells)
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

describe("map clusters from the per-cell counts", () => {
  it("equal the clusters of every listing grouped, and the counts equal a fresh grouping", async () => {
    expect(await countsMismatch()).toBe(0);
    expect(await expectCellsAgree()).toBeGreaterThan(100);
  });

  it("at zooms 13 and 14 are one statement, with the cells a cluster's expansion or listing needs", async () => {
    // Outside a town's centre, clusters whose listings all lie in one zoom-14 cell (and one-listing
    // clusters) read that cell's listings: with the counts, not after them in a transaction that
    // reads the counts again.
    const seen: ListingClusterRow[] = [];
    for (const bounds of BOXES)
      for (const zoom of [13, 14]) {
        const filter = parseListingFilter({ boundingBox: bounds });
        const before = reality.queryCount();
        const clusters = await cellClusters(reality.prisma, filter, PUBLIC, bounds, zoom);
        expect(reality.queryCount() - before, `${JSON.stringify(bounds)} zoom ${zoom}`).toBe(1);
        seen.push(...clusters);
      }
    // Both kinds of read were needed (and the first test holds their answers to the grouping's).
    expect(seen.filter((c) => c.count === 1 && c.listingId).length).toBeGreaterThan(10);
    expect(seen.filter((c) => c.count > 1 && c.expansionZoom! > 14).length).toBeGreaterThan(10);
  });

  it("follow listings that change status, price, place, type, visibility or are deleted", async () => {
    const [a, b, c, d, e, f, g] = ids;
    // As the reality subgraph's role: the trigger keeps counts that role may not write itself.
    await reality.prisma.$executeRaw`UPDATE reality.listings SET status = 'SOLD' WHERE id = ${a}::uuid`;
    await reality.prisma.$executeRaw`UPDATE reality.listings SET price = price + 1000 WHERE city = 'Mapovo'`;
    await reality.prisma
      .$executeRaw`UPDATE reality.listings SET latitude = 20.5031, longitude = 30.5029, status = 'ACTIVE', published_at = now() WHERE id IN (${b}::uuid, ${c}::uuid)`;
    await reality.prisma.$executeRaw`UPDATE reality.listings SET transaction_type = 'RENT', property_type = 'LAND' WHERE id = ${d}::uuid`;
    await reality.prisma.$executeRaw`UPDATE reality.listings SET address_visibility = 'DISTRICT' WHERE id = ${e}::uuid`;
    await reality.prisma.$executeRaw`DELETE FROM reality.listings WHERE id = ${f}::uuid`;
    await reality.prisma.$executeRaw`UPDATE reality.listings SET expires_at = now() - interval '1 hour' WHERE id = ${g}::uuid`;
    expect(await countsMismatch()).toBe(0);
    await expectCellsAgree();
  });

  it("agree where a rectangle's corner leaves of a dense cluster's cell part of one zoom-14 cell (its extremes read with the counts)", async () => {
    const realtorId = (await createRealtor(owner.prisma)).id;
    const next = prng(11); // seeded: a failure can be replayed
    // Around 21° N 31.1° E, away from the other listings: about ten a zoom-14 cell (0.0055° wide).
    await owner.prisma.listing.createMany({
      data: Array.from({ length: 600 }, (_, i) => ({
        realtorId,
        title: `Roh ${i}`,
        street: "Hlavná",
        city: "Rohovo",
        price: "90000",
        energyClass: "B" as const,
        propertyType: "APARTMENT" as const,
        transactionType: "SALE" as const,
        latitude: 20.98 + next() * 0.04,
        longitude: 31.08 + next() * 0.04,
        addressVisibility: next() < 0.7 ? ("FULL" as const) : ("STREET" as const),
        status: "ACTIVE" as const,
        publishedAt: new Date(Date.now() - 86_400_000),
        expiresAt: new Date(Date.now() + 30 * 86_400_000),
      })),
    });
    const filter = parseListingFilter({});
    // Corners at varied places within their cells: some leave part of one zoom-14 cell.
    for (let k = 0; k < 12; k++) {
      const bounds = { south: 20.983 + k * 0.0003, west: 31.083 + k * 0.00041, north: 21.017 - k * 0.00027, east: 31.117 - k * 0.00037 };
      for (const zoom of [12, 13]) {
        const fromCells = byCell(await cellClusters(reality.prisma, { ...filter, boundingBox: bounds }, PUBLIC, bounds, zoom));
        const grouped = byCell(await groupedClusters(reality.prisma, { ...filter, boundingBox: bounds }, PUBLIC, bounds, zoom));
        const where = `${JSON.stringify(bounds)} zoom ${zoom}`;
        expect(
          fromCells.map((c) => [c.count, c.listingId, c.expansionZoom]),
          where,
        ).toEqual(grouped.map((c) => [c.count, c.listingId, c.expansionZoom]));
      }
    }
  });

  it("cannot be written by the subgraph's role", async () => {
    await expect(reality.prisma.$executeRaw`DELETE FROM reality.listing_map_cells`).rejects.toThrow(/permission denied/);
  });
});
