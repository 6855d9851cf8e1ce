// A public price page of one transaction and property type and a few room counts, walked one
// room count at a time and merged by price (pages.ts, roomsOfPricePage), against the same page
// read along the price index: on a few hundred listings with many ties in price (settled by the
// id), listings without rooms, drafts, sold and expired ones, both price orders are paged to their
// end by cursors, both ways, and the pages — ids, order, columns, sort keys, the count alongside —
// must be the same.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, type DbHandle } from "@ppt/server-kit";
import { createRealtor } from "@ppt/testing/fixtures";
import { expectSamePages, pagesToEnd, planOf } from "@ppt/testing/reality";
import { prng } from "@ppt/db/seed";
import { parseListingFilter } from "./filter.ts";
import type { ListingSort, SearchScope } from "./listing-sql.ts";
import { roomsOfPricePage, searchQueries } from "./pages.ts";

const PUBLIC: SearchScope = { statuses: ["ACTIVE"], publishedOnly: true };
const SALE_FLATS = { transactionType: "SALE", propertyType: "APARTMENT" };
const FILTERS = [
  { ...SALE_FLATS, minRooms: 3, maxRooms: 4 },
  { ...SALE_FLATS, minRooms: 1, maxRooms: 4, minPrice: "60000", maxPrice: "90000" },
  { ...SALE_FLATS, minRooms: 2, maxRooms: 2 },
  { transactionType: "RENT", propertyType: "HOUSE", minRooms: 0, maxRooms: 3 },
];
const SORTS: ListingSort[] = ["PRICE_ASC", "PRICE_DESC"];
const PAGE = 7;

let db: TestDatabase;
let owner: DbHandle;
let reality: DbHandle;

beforeAll(async () => {
  db = await createTestDatabase();
  owner = connectDatabase(db.ownerUrl, { max: 2 });
  reality = connectDatabase(db.urlFor("reality"), { max: 2 });
  const realtorId = (await createRealtor(owner.prisma)).id;
  const next = prng(13); // seeded: a failure can be replayed
  const day = 86_400_000;
  await owner.prisma.listing.createMany({
    data: Array.from({ length: 360 }, (_, i) => {
      const status: "ACTIVE" | "SOLD" | "DRAFT" = i % 19 === 0 ? "SOLD" : i % 23 === 0 ? "DRAFT" : "ACTIVE";
      return {
        realtorId,
        title: `Izby ${i}`,
        street: "Hlavná",
        city: "Izbovo",
        // Few distinct prices: most pages end inside a run of ties, settled by the id.
        price: String(50_000 + Math.floor(next() * 5) * 10_000),
        rooms: i % 13 === 0 ? null : Math.floor(next() * 6),
        energyClass: "B" as const,
        propertyType: (["APARTMENT", "HOUSE"] as const)[i % 2]!,
        transactionType: next() < 0.7 ? ("SALE" as const) : ("RENT" as const),
        status,
        publishedAt: status === "DRAFT" ? null : new Date(Date.now() - 2 * day),
        // Every 11th: past its expiry but still ACTIVE, found by no public search.
        expiresAt: i % 11 === 0 ? new Date(Date.now() - day) : new Date(Date.now() + 30 * day),
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

type Row = Record<string, unknown> & { id: string; k0: string; k1: string };

/** Every page of the search to its end. */
const pages = (input: object, sort: ListingSort, roomsApart: boolean) =>
  pagesToEnd<Row>(reality.prisma, PAGE, (cursor) =>
    searchQueries(parseListingFilter(input), PUBLIC, sort, PAGE, cursor, { roomsApart, countAlongside: 1_000 }),
  );

describe("a price page walked one room count at a time", () => {
  it("is what a public price search of one transaction and property type and up to four room counts reads", () => {
    const applies = (input: object, sort: ListingSort = "PRICE_ASC", scope = PUBLIC) => roomsOfPricePage(parseListingFilter(input), scope, sort);
    expect(applies(FILTERS[0]!)).toEqual([3, 4]);
    expect(applies(FILTERS[0]!, "PRICE_DESC")).toEqual([3, 4]);
    expect(applies({ ...SALE_FLATS, minRooms: 1, maxRooms: 4 })).toEqual([1, 2, 3, 4]);
    expect(applies({ ...SALE_FLATS, minRooms: 1, maxRooms: 5 })).toBeNull();
    expect(applies({ ...SALE_FLATS, minRooms: 3 })).toBeNull();
    expect(applies({ ...FILTERS[0]!, propertyType: undefined, propertyTypes: ["APARTMENT", "HOUSE"] })).toBeNull();
    expect(applies({ ...FILTERS[0]!, transactionType: undefined })).toBeNull();
    expect(applies({ ...FILTERS[0]!, city: "Izbovo" })).toBeNull();
    expect(applies({ ...FILTERS[0]!, minSizeSqm: "50" })).toBeNull();
    expect(applies(FILTERS[0]!, "NEWEST")).toBeNull();
    expect(applies(FILTERS[0]!, "PRICE_ASC", { ...PUBLIC, realtorId: "00000000-0000-0000-0000-000000000000" })).toBeNull();
  });

  it.each(SORTS)("pages by %s through the same listings in the same order, with the same rows and cursors", async (sort) => {
    expect(await expectSamePages(FILTERS, PAGE, (filter, apart) => pages(filter, sort, apart))).toBeGreaterThan(80);
  });

  it("walks the rooms index once per room count, merged by price", async () => {
    const page = searchQueries(parseListingFilter(FILTERS[0]!), PUBLIC, "PRICE_ASC", PAGE, null, {}).page;
    // A few hundred rows would be read whole; the plan's shape is what is checked.
    const plan = await planOf(reality.prisma, page, ["enable_seqscan = off"]);
    expect(plan).toMatch(/Merge Append/);
    expect(plan.match(/listings_public_rooms_price_idx/g)?.length).toBe(2);
  });
});
