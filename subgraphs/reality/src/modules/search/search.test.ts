// Listing search through the gateway against real PostgreSQL: full text with near misses,
// map box and radius at their edges, facets, the capped total count, and keyset pagination that neither repeats nor
// skips a listing while listings are added and prices change between pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgency, createRealtor } from "@ppt/testing/fixtures";
import { destination, insertListing } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let realtorId: string;
const ids: Record<string, string> = {};

const SEARCH = /* GraphQL */ `
  query ($filter: ListingFilter, $sort: ListingSort, $first: Int, $after: String) {
    searchListings(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          title
          price {
            amount
          }
          sizeSqm
          publishedAt
          isFeatured
        }
      }
    }
  }
`;

async function search(variables: Record<string, unknown>) {
  const result = await stack.query(SEARCH, variables);
  expect(result.errors).toBeUndefined();
  return result.data.searchListings as {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      cursor: string;
      node: { id: string; title: string; price: { amount: string }; sizeSqm: string | null; publishedAt: string; isFeatured: boolean };
    }[];
  };
}

async function idsFor(filter: Record<string, unknown>): Promise<string[]> {
  const page = await search({ filter, first: 100 });
  return page.edges.map((e) => e.node.id).sort();
}

const KOSICE = { latitude: 48.7164, longitude: 21.2611 };

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  realtorId = (await createRealtor(db)).id;
  const agencyId = (await createAgency(db)).id;
  const add = async (key: string, fields: Parameters<typeof insertListing>[1]) => {
    ids[key] = (await insertListing(db, { realtorId, agencyId, ...fields })).id;
  };
  // Full text: what "kosice 3-izbovy" must find, and its near misses.
  await add("flatOldTown", { title: "3-izbový byt, Košice – Staré Mesto", city: "Košice", district: "Košice I" });
  await add("flatByDescription", { title: "Predaj bytu po rekonštrukcii", description: "Priestranný 3-izbový byt s loggiou.", city: "Košice" });
  await add("flatUpperCase", { title: "3-IZBOVÝ BYT, KOŠICE – SEVER", city: "KOŠICE" });
  await add("flatAscii", { title: "3-izbovy byt kosice Terasa", city: "Košice" });
  await add("houseOkolie", { title: "3-izbový rodinný dom, Valaliky", city: "Valaliky", district: "Košice-okolie", propertyType: "HOUSE" });
  await add("kosickaStreet", { title: "3-izbový byt, Košická ulica", street: "Košická", city: "Bratislava", district: "Ružinov" });
  await add("twoRooms", { title: "2-izbový byt, Košice", description: "Byt na 3. poschodí, izbový nábytok v cene.", city: "Košice" });
  await add("thirteenRooms", { title: "13-izbový penzión, Košice", city: "Košice", propertyType: "COMMERCIAL" });
  await add("draft", { title: "3-izbový byt, Košice", status: "DRAFT", publishedAt: null });
  await add("expired", { title: "3-izbový byt, Košice – Juh", expiresAt: new Date(Date.now() - 60_000) });

  // Geography around Košice: 2 km circle, a box, each with points 5 m inside and 5 m outside;
  // on the diagonals the circle passes nearest the corners of the rectangle within it, where no
  // earth_distance is computed (listing-sql.ts, radiusInnerBox).
  for (const [bearing, inside] of [
    [0, true],
    [90, true],
    [200, true],
    [45, true],
    [225, true],
    [0, false],
    [90, false],
    [200, false],
    [45, false],
    [135, false],
    [225, false],
    [315, false],
  ] as const) {
    const point = destination(KOSICE.latitude, KOSICE.longitude, inside ? 1_995 : 2_005, bearing);
    await add(`radius-${bearing}-${inside ? "in" : "out"}`, { title: "Mapa kruh", city: "Kruhov", ...point });
  }
  const box = { south: 48.7, west: 21.24, north: 48.73, east: 21.28 };
  const boxPoints: [string, number, number][] = [
    ["box-south-in", box.south + 0.00005, 21.26],
    ["box-south-out", box.south - 0.00005, 21.26],
    ["box-north-in", box.north - 0.00005, 21.26],
    ["box-north-out", box.north + 0.00005, 21.26],
    ["box-west-in", 48.71, box.west + 0.00005],
    ["box-west-out", 48.71, box.west - 0.00005],
    ["box-east-in", 48.71, box.east - 0.00005],
    ["box-east-out", 48.71, box.east + 0.00005],
    ["box-corner-in", box.south + 0.00001, box.west + 0.00001],
    ["box-corner-out", box.south - 0.00001, box.west - 0.00001],
  ];
  for (const [key, latitude, longitude] of boxPoints) await add(key, { title: "Mapa obdĺžnik", city: "Mapov", latitude, longitude });
});

afterAll(() => stack?.stop());

describe("full text", () => {
  it('"kosice 3-izbovy" finds exactly the 3-room flats in Košice, not Košice-okolie, Košická street, 2- or 13-room ones, drafts or expired ones', async () => {
    const found = await idsFor({ query: "kosice 3-izbovy" });
    expect(found).toEqual([ids.flatOldTown, ids.flatByDescription, ids.flatUpperCase, ids.flatAscii].sort());
  });

  it("ignores diacritics and case in the query too, and matches words as prefixes", async () => {
    expect(await idsFor({ query: "KOŠICE 3-IZBOVÝ" })).toEqual(await idsFor({ query: "kosice 3-izbovy" }));
    expect(await idsFor({ query: "teras" })).toEqual([ids.flatAscii]);
    expect(await idsFor({ query: "kosicka" })).toEqual([ids.kosickaStreet]);
    expect(await idsFor({ query: "kosice-okolie" })).toEqual([ids.houseOkolie]);
  });

  it("treats operator characters as plain text", async () => {
    expect(await idsFor({ query: "kosice & !(3-izbovy) | :* <->" })).toEqual(await idsFor({ query: "kosice 3-izbovy" }));
    expect(await idsFor({ query: "'; DROP TABLE reality.listings; --" })).toEqual([]);
    // Characters that fold into punctuation ("½" → " 1/2") still match literally, without errors.
    expect(await idsFor({ query: "½ ⑴ ©" })).toEqual([]);
  });

  it("applies the same rule to words longer than the index keeps (100 characters)", async () => {
    // Query words are cut to 64 characters, but folding can lengthen them: "ﬃ" folds to "ffi".
    const word = "ffi".repeat(40);
    const db = stack.owner.prisma;
    const whole = (await insertListing(db, { realtorId, title: `Byt ${word}`, city: "Dlhovo" })).id;
    const compound = (await insertListing(db, { realtorId, title: `Byt ${word}-okolie`, city: "Dlhovo" })).id;
    expect(await idsFor({ query: "ﬃ".repeat(40) })).toEqual([whole]);
    expect(await idsFor({ query: "ffiffi" })).toEqual([whole]);
    expect(await idsFor({ query: `${"ﬃ".repeat(40)}-okolie` })).toEqual([compound]);
  });
});

describe("map", () => {
  it("classifies points 5 m inside and outside a 2 km radius", async () => {
    const found = await idsFor({ radius: { ...KOSICE, radiusKm: 2 }, city: "Kruhov" });
    expect(found).toEqual([ids["radius-0-in"], ids["radius-90-in"], ids["radius-200-in"], ids["radius-45-in"], ids["radius-225-in"]].sort());
  });

  it("classifies points just inside and just outside each edge and a corner of a bounding box", async () => {
    const found = await idsFor({ boundingBox: { south: 48.7, west: 21.24, north: 48.73, east: 21.28 }, city: "Mapov" });
    const inside = Object.keys(ids).filter((key) => key.startsWith("box-") && key.endsWith("-in"));
    expect(found).toEqual(inside.map((key) => ids[key]).sort());
  });

  it("finds points across the antimeridian and beyond a pole, where the circle's rectangle has no longitude bounds", async () => {
    const db = stack.owner.prisma;
    const dateline = { latitude: 48, longitude: 179.999 };
    const east = destination(dateline.latitude, dateline.longitude, 1_000, 90);
    expect(east.longitude).toBeGreaterThan(180);
    const across = (await insertListing(db, { realtorId, title: "Mapa poludník", city: "Datumov", latitude: east.latitude, longitude: east.longitude - 360 }))
      .id;
    const pole = { latitude: 89.99, longitude: 0 };
    const beyond = (await insertListing(db, { realtorId, title: "Mapa pól", city: "Polov", ...destination(pole.latitude, pole.longitude, 2_000, 0) })).id;
    expect(await idsFor({ radius: { ...dateline, radiusKm: 1.5 }, city: "Datumov" })).toEqual([across]);
    expect(await idsFor({ radius: { ...pole, radiusKm: 2.5 }, city: "Polov" })).toEqual([beyond]);
  });

  it("refuses an inverted box and an oversized radius", async () => {
    const inverted = await stack.query(SEARCH, { filter: { boundingBox: { south: 49, west: 21, north: 48, east: 22 } } });
    expect(inverted.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const huge = await stack.query(SEARCH, { filter: { radius: { ...KOSICE, radiusKm: 5_000 } } });
    expect(huge.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("filters and facets", () => {
  beforeAll(async () => {
    const db = stack.owner.prisma;
    const base = { realtorId, city: "Facetov" };
    await insertListing(db, { ...base, price: "45000", rooms: 1, sizeSqm: "30", features: ["balkon"] });
    await insertListing(db, { ...base, price: "120000", rooms: 3, sizeSqm: "70", features: ["balkon", "vytah"] });
    await insertListing(db, { ...base, price: "125000", rooms: 3, sizeSqm: "75", features: ["vytah"], propertyType: "HOUSE" });
    await insertListing(db, { ...base, price: "650000", rooms: 6, sizeSqm: "220", features: ["balkon", "vytah", "garaz"], propertyType: "HOUSE" });
    await insertListing(db, { ...base, price: "800", transactionType: "RENT", rooms: 2, sizeSqm: "55" });
  });

  it("combines price, rooms, size, type and feature filters", async () => {
    const page = await search({
      filter: { city: "facetov", transactionType: "SALE", minPrice: "100000", maxPrice: "700000", minRooms: 3, features: ["vytah"], minSizeSqm: "72" },
      first: 10,
    });
    expect(page.edges.map((e) => e.node.price.amount).sort()).toEqual(["125000", "650000"]);
    expect(page.totalCount).toBe(2);
  });

  it("counts property types, cities and price bands of the current filter", async () => {
    const result = await stack.query(`{ searchListings(filter: { city: "Facetov", transactionType: SALE }, first: 1) {
      totalCount facets { propertyTypes { value count } cities { value count } priceBands { min max count } } } }`);
    expect(result.errors).toBeUndefined();
    const { facets, totalCount } = result.data.searchListings;
    expect(totalCount).toBe(4);
    expect(facets.propertyTypes).toEqual([
      { value: "APARTMENT", count: 2 },
      { value: "HOUSE", count: 2 },
    ]);
    expect(facets.cities).toEqual([{ value: "Facetov", count: 4 }]);
    expect(facets.priceBands).toEqual([
      { min: "0", max: "50000", count: 1 },
      { min: "100000", max: "150000", count: 2 },
      { min: "500000", max: null, count: 1 },
    ]);
  });
});

describe("total count", () => {
  const CITY = "Mnohov";
  const MNOHOV = { latitude: 47.5, longitude: 19 };
  /** Degrees of latitude in a kilometre on earthdistance's sphere (radius 6,378,168 m). */
  const KM_NORTH = 180 / (Math.PI * 6378.168);

  beforeAll(async () => {
    // One more listing than the public search counts (SEARCH_COUNT_CAP = 1 000), around MNOHOV:
    // 700 within 450 m, 200 at 1.8 km and 101 at 2.2 km due north.
    await stack.owner.prisma.$executeRaw`
      INSERT INTO reality.listings (realtor_id, property_type, transaction_type, title, street, city, price, status, published_at, updated_at, latitude, longitude)
      SELECT ${realtorId}::uuid, 'APARTMENT', 'SALE', 'Mnohov byt ' || g, 'Hlavná', ${CITY}, 100000 + g, 'ACTIVE', now(), now(),
        ${MNOHOV.latitude}::float8 + CASE WHEN g <= 700 THEN (g % 9 - 4) * 0.001 WHEN g <= 900 THEN ${KM_NORTH * 1.8} ELSE ${KM_NORTH * 2.2} END,
        ${MNOHOV.longitude}::float8 + CASE WHEN g <= 700 THEN (g % 7 - 3) * 0.001 ELSE 0 END
      FROM generate_series(1, 1001) g`;
  });

  const COUNT = /* GraphQL */ `
    query ($filter: ListingFilter, $facets: Boolean!) {
      searchListings(filter: $filter, first: 1) {
        totalCount
        totalCountIsExact
        facets @include(if: $facets) {
          propertyTypes {
            value
            count
          }
        }
      }
    }
  `;

  it("is exact up to 1 000 matches and says so", async () => {
    const result = await stack.query(COUNT, { filter: { city: CITY, maxPrice: "101000" }, facets: false });
    expect(result.errors).toBeUndefined();
    expect(result.data.searchListings).toMatchObject({ totalCount: 1000, totalCountIsExact: true });
  });

  it("stops at 1 000 beyond that, flagged as not exact", async () => {
    const result = await stack.query(COUNT, { filter: { city: CITY }, facets: false });
    expect(result.errors).toBeUndefined();
    expect(result.data.searchListings).toMatchObject({ totalCount: 1000, totalCountIsExact: false });
  });

  // Matches within the rectangle inside the circle are counted first (listing-sql.ts,
  // radiusInnerBox): enough on their own at 4 km, not at 2 or 3 km.
  it.each([
    [2, 900, true],
    [2.1, 900, true],
    [2.3, 1000, false],
    [3, 1000, false],
    [4, 1000, false],
  ])("counts a radius of %d km the same whether the rectangle inside it settles the count or not", async (radiusKm, totalCount, totalCountIsExact) => {
    const result = await stack.query(COUNT, { filter: { city: CITY, radius: { ...MNOHOV, radiusKm } }, facets: false });
    expect(result.errors).toBeUndefined();
    expect(result.data.searchListings).toMatchObject({ totalCount, totalCountIsExact });
    const exact = await stack.query(COUNT, { filter: { city: CITY, radius: { ...MNOHOV, radiusKm } }, facets: true });
    expect(exact.data.searchListings.totalCount).toBe(totalCount === 1000 ? 1001 : totalCount);
  });

  // RELEVANCE with words counts on its first page (one match more than it ranks): through the
  // walk of the newest listings, through the words' index, and with another filter.
  it.each([
    [{ query: "mnohov" }, 1000, false],
    [{ query: "mnohov", maxPrice: "101000" }, 1000, true],
    [{ query: "mnohov byt 1" }, 113, true],
    [{ query: "mnohov byt 1", maxPrice: "100050" }, 11, true],
  ])("is the same counted with the ranked page: %j", async (filter, totalCount, totalCountIsExact) => {
    const result = await stack.query(COUNT.replace("first: 1", "first: 1, sort: RELEVANCE"), { filter, facets: false });
    expect(result.errors).toBeUndefined();
    expect(result.data.searchListings).toMatchObject({ totalCount, totalCountIsExact });
  });

  it("is exact whatever the size when facets are asked for too (their scan counts every match)", async () => {
    const result = await stack.query(COUNT, { filter: { city: CITY }, facets: true });
    expect(result.errors).toBeUndefined();
    expect(result.data.searchListings).toEqual({ totalCount: 1001, totalCountIsExact: true, facets: { propertyTypes: [{ value: "APARTMENT", count: 1001 }] } });
  });
});

describe("keyset pagination", () => {
  const CITY = "Paginov";
  const original: string[] = [];

  beforeAll(async () => {
    const db = stack.owner.prisma;
    const publishedAt = new Date(Date.now() - 3_600_000);
    // Ties on purpose: equal prices, equal sizes, equal publication times, missing sizes.
    for (let i = 0; i < 24; i++) {
      const listing = await insertListing(db, {
        realtorId,
        city: CITY,
        title: `Paginov byt ${i}`,
        price: String(100_000 + (i % 6) * 10_000),
        sizeSqm: i % 5 === 0 ? null : String(40 + (i % 4) * 10),
        publishedAt: new Date(publishedAt.getTime() + (i % 8) * 1_000),
        isFeatured: i % 7 === 0,
      });
      original.push(listing.id);
    }
  });

  const SORTS = ["NEWEST", "PRICE_ASC", "PRICE_DESC", "SIZE_ASC", "SIZE_DESC", "RELEVANCE"] as const;

  for (const sort of SORTS) {
    it(`${sort}: pages in order, each listing once, while listings are added and prices change`, async () => {
      const filter = sort === "RELEVANCE" ? { city: CITY, query: "paginov" } : { city: CITY };
      // Undisturbed: the order is the sort's order.
      const all = await search({ filter, sort, first: 100 });
      expect(all.edges.map((e) => e.node.id).sort()).toEqual([...original].sort());
      assertSorted(
        sort,
        all.edges.map((e) => e.node),
      );

      const seen: string[] = [];
      const first = await search({ filter, sort, first: 5 });
      seen.push(...first.edges.map((e) => e.node.id));
      let after = first.pageInfo.endCursor;
      const cursorRow = first.edges.at(-1)!.node;
      const unseen = all.edges.map((e) => e.node.id).filter((id) => !seen.includes(id));

      // Between pages: the cursor row's price moves to the seen side, an unseen row's price moves
      // within the unseen side, and new listings appear on both sides of the cursor.
      const db = stack.owner.prisma;
      await db.listing.update({ where: { id: cursorRow.id }, data: { price: sort === "PRICE_DESC" ? "999999" : "1" } });
      const lastUnseen = unseen.at(-1)!;
      await db.listing.update({ where: { id: lastUnseen }, data: { price: sort === "PRICE_DESC" ? "2" : "999998" } });
      const added = [
        await insertListing(db, { realtorId, city: CITY, title: "Paginov nový lacný", price: "1", sizeSqm: "10", publishedAt: new Date() }),
        await insertListing(db, { realtorId, city: CITY, title: "Paginov nový drahý", price: "999999", sizeSqm: "500", publishedAt: new Date(0) }),
      ];

      while (after) {
        const page = await search({ filter, sort, first: 5, after });
        seen.push(...page.edges.map((e) => e.node.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      }
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of original) expect(seen.filter((s) => s === id)).toHaveLength(1);

      // Restore for the next sort order.
      await db.listing.deleteMany({ where: { id: { in: added.map((a) => a.id) } } });
      await db.listing.update({ where: { id: cursorRow.id }, data: { price: cursorRow.price.amount } });
      const restored = all.edges.find((e) => e.node.id === lastUnseen)!.node.price.amount;
      await db.listing.update({ where: { id: lastUnseen }, data: { price: restored } });
    });
  }

  it("refuses a cursor of another sort order", async () => {
    const page = await search({ filter: { city: CITY }, sort: "PRICE_ASC", first: 2 });
    const result = await stack.query(SEARCH, { filter: { city: CITY }, sort: "NEWEST", first: 2, after: page.pageInfo.endCursor });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("caps first at 100", async () => {
    const result = await stack.query(SEARCH, { first: 101 });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

type Node = { id: string; price: { amount: string }; sizeSqm: string | null; publishedAt: string; isFeatured: boolean };

function assertSorted(sort: string, nodes: Node[]) {
  const size = (n: Node, missing: number) => (n.sizeSqm === null ? missing : Number(n.sizeSqm));
  const compare: Record<string, (a: Node, b: Node) => number> = {
    NEWEST: (a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || b.id.localeCompare(a.id),
    PRICE_ASC: (a, b) => Number(a.price.amount) - Number(b.price.amount) || a.id.localeCompare(b.id),
    PRICE_DESC: (a, b) => Number(b.price.amount) - Number(a.price.amount) || b.id.localeCompare(a.id),
    SIZE_ASC: (a, b) => size(a, Infinity) - size(b, Infinity) || a.id.localeCompare(b.id),
    SIZE_DESC: (a, b) => size(b, -Infinity) - size(a, -Infinity) || b.id.localeCompare(a.id),
    RELEVANCE: (a, b) => Number(b.isFeatured) - Number(a.isFeatured) || b.id.localeCompare(a.id),
  };
  expect(nodes.map((n) => n.id)).toEqual([...nodes].sort(compare[sort]).map((n) => n.id));
}
