// A first page of RELEVANCE by words alone read from its two rarest words' postings
// (reality.listing_words through reality.listing_words_candidates, listing-sql.ts postedWords):
// on more matches than RELEVANCE ranks, a prefix word covering several lexemes (one of them
// hyphenated, which it must not match), featured, expired, sold and draft listings, the page
// (ids in order) and its count are the same as through the words' index alone — the next rarest
// word read alongside (one lexeme) or looked up (several), with its lookups walked long enough
// and cut short; when this way settles the page, neither the featured/newest walk nor the words'
// index runs. The postings and their counts equal a fresh reading of the listings' words after
// inserts, updates and deletes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@ppt/db/client";
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, type DbHandle } from "@ppt/server-kit";
import { createRealtor } from "@ppt/testing/fixtures";
import { parseListingFilter, RELEVANCE_CANDIDATES, searchQueries, type SearchScope } from "../listings/index.ts";

const PUBLIC: SearchScope = { statuses: ["ACTIVE"], publishedOnly: true };
const DAY = 86_400_000;
/** Postings looked up per lexeme: more than any lexeme here has, and fewer than the common ones have. */
const LONG = 5_000;
const SHORT = 300;

let db: TestDatabase;
let owner: DbHandle;
let reality: DbHandle;
let ids: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  owner = connectDatabase(db.ownerUrl, { max: 2 });
  reality = connectDatabase(db.urlFor("reality"), { max: 2 });
  const realtorId = (await createRealtor(owner.prisma)).id;
  const now = Date.now();
  // "postov" covers Postovo, Postovce and Postovská, not Postovo-okolie; "3-izb" is in a third.
  const towns = ["Postovo", "Postovce", "Postovo-okolie", "Lexovo"];
  await owner.prisma.listing.createMany({
    data: Array.from({ length: RELEVANCE_CANDIDATES + 900 }, (_, i) => {
      const status = i % 29 === 0 ? ("SOLD" as const) : i % 31 === 0 ? ("DRAFT" as const) : ("ACTIVE" as const);
      return {
        realtorId,
        propertyType: "APARTMENT" as const,
        transactionType: "SALE" as const,
        title: `${i % 3 === 0 ? "3-izbový" : "2-izbový"} byt ${i}`,
        description: i % 5 === 0 ? "Postovská ulica, tichá lokalita." : "Pivnica, výťah.",
        street: "Hlavná",
        city: towns[i % 4]!,
        price: "100000",
        status,
        energyClass: "B" as const,
        isFeatured: i % 97 === 5,
        publishedAt: status === "DRAFT" ? null : new Date(now - (i % 400) * 60_000 - i * 1_000),
        // Every 23rd past its expiry, not yet archived: posted, never found.
        expiresAt: new Date(now + (i % 23 === 0 ? -1 : 30) * DAY),
      };
    }),
  });
  ids = (await owner.prisma.listing.findMany({ select: { id: true }, orderBy: { title: "asc" } })).map((l) => l.id);
  // The visibility map lets the probes read the featured/newest index alone, as on a vacuumed table.
  await owner.prisma.$executeRawUnsafe("VACUUM (ANALYZE) reality.listings");
}, 120_000);

afterAll(async () => {
  await reality?.close();
  await owner?.close();
  await db?.drop();
});

async function search(query: string, ways: { postingsWalk: number; wordsWalk: number }) {
  const queries = searchQueries(parseListingFilter({ query }), PUBLIC, "RELEVANCE", 100, null, ways);
  const page = await reality.prisma.$queryRaw<{ id: string; matches: number }[]>(queries.page);
  return { ids: page.map((row) => row.id), matches: page[0]?.matches ?? 0, page: queries.page };
}

interface PlanNode {
  "Subplan Name"?: string;
  "Parent Relationship"?: string;
  "Actual Loops": number;
  Plans?: PlanNode[];
}

/**
 * Which of the page's ways ran (EXPLAIN ANALYZE): the postings, the featured/newest walk, the
 * words' index — the arms of its `found` CTE, each gated by a one-time condition.
 */
async function waysRun(query: Prisma.Sql): Promise<boolean[]> {
  const [row] = await reality.prisma.$queryRawUnsafe<{ "QUERY PLAN": { Plan: PlanNode }[] }[]>(
    `EXPLAIN (ANALYZE, COSTS OFF, FORMAT JSON) ${query.text}`,
    ...query.values,
  );
  const find = (node: PlanNode): PlanNode | undefined =>
    node["Subplan Name"] === "CTE found" ? node : (node.Plans ?? []).map(find).find((found) => found !== undefined);
  const found = find(row!["QUERY PLAN"][0]!.Plan)!;
  // The CTE is the Append of the arms ("Member"s).
  return found
    .Plans!.filter((arm) => arm["Parent Relationship"] === "Member")
    .map((arm) => (arm.Plans ?? []).some((child) => child["Parent Relationship"] !== "InitPlan" && child["Actual Loops"] > 0));
}

/** The postings and counts against a fresh reading of the public listings' words (rows missing either way). */
async function postingsMismatch(): Promise<number> {
  const rows = await owner.prisma.$queryRaw<{ n: number }[]>`
    WITH fresh AS (
      SELECT w.lexeme COLLATE "C" AS lexeme, l.is_featured, l.published_at, l.id AS listing_id
      FROM reality.listings l CROSS JOIN LATERAL unnest(tsvector_to_array(l.search_words)) w(lexeme)
      WHERE l.status = 'ACTIVE' AND l.published_at IS NOT NULL
    ), kept AS (SELECT lexeme, is_featured, published_at, listing_id FROM reality.listing_words),
    fresh_counts AS (SELECT lexeme, count(*)::int AS listings FROM fresh GROUP BY 1),
    kept_counts AS (SELECT lexeme, listings FROM reality.listing_word_counts)
    SELECT ((SELECT count(*) FROM (SELECT * FROM fresh EXCEPT ALL SELECT * FROM kept) a)
      + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT ALL SELECT * FROM fresh) b)
      + (SELECT count(*) FROM (SELECT * FROM fresh_counts EXCEPT SELECT * FROM kept_counts) c)
      + (SELECT count(*) FROM (SELECT * FROM kept_counts EXCEPT SELECT * FROM fresh_counts) d))::int AS n`;
  return rows[0]!.n;
}

const QUERIES = [
  "2-izbovy byt",
  "3-izbovy postov",
  "postov",
  "postovo",
  "postovo-okolie",
  "3-izb lexovo pivnica",
  "postovska 3-izbovy",
  "nikde",
  "byt nikde",
  "3-izbovy 1",
  "1",
];

describe("RELEVANCE's first page from the rarest word's postings", () => {
  it.each(QUERIES)("finds what the words' index finds: %s", async (query) => {
    const never = await search(query, { postingsWalk: 0, wordsWalk: 0 });
    for (const postingsWalk of [LONG, SHORT]) {
      const posted = await search(query, { postingsWalk, wordsWalk: 0 });
      expect(posted.ids, `postings ${postingsWalk}`).toEqual(never.ids);
      expect(posted.matches, `postings ${postingsWalk}`).toBe(never.matches);
    }
    expect(never.matches).toBeLessThanOrEqual(RELEVANCE_CANDIDATES + 1);
  });

  it("needs neither the featured/newest walk nor the words' index when the postings suffice", async () => {
    const common = await search("2-izbovy byt", { postingsWalk: LONG, wordsWalk: 60_000 });
    expect(common.matches).toBe(RELEVANCE_CANDIDATES + 1);
    expect(await waysRun(common.page)).toEqual([true, false, false]);
    const rare = await search("3-izbovy postov", { postingsWalk: LONG, wordsWalk: 60_000 });
    expect(rare.matches).toBeLessThan(RELEVANCE_CANDIDATES);
    expect(await waysRun(rare.page)).toEqual([true, false, false]);
    // Looked up among the postings of a word of several lexemes, and cut short: the other ways take over.
    const cut = await search("3-izbovy postov", { postingsWalk: SHORT, wordsWalk: 60_000 });
    expect((await waysRun(cut.page))[0]).toBe(false);
    // "1" covers a lexeme per title number: too many to look each posting up among, or to read one by one.
    for (const query of ["3-izbovy 1", "1"])
      expect((await waysRun((await search(query, { postingsWalk: LONG, wordsWalk: 60_000 })).page))[0], query).toBe(false);
  });

  it("keeps the postings and their counts with the listings' words through inserts, updates and deletes", async () => {
    expect(await postingsMismatch()).toBe(0);
    const [a, b, c, d, e, f] = ids;
    const realtorId = (await createRealtor(owner.prisma)).id;
    await owner.prisma.listing.create({
      data: {
        realtorId,
        title: "3-izbový byt nový",
        street: "Hlavná",
        city: "Postovce",
        price: "120000",
        energyClass: "B",
        propertyType: "APARTMENT",
        transactionType: "SALE",
        status: "ACTIVE",
        publishedAt: new Date(),
      },
    });
    // As the reality subgraph's role: the trigger keeps postings that role may not write itself.
    await reality.prisma.$executeRaw`UPDATE reality.listings SET status = 'SOLD' WHERE id = ${a}::uuid`;
    await reality.prisma.$executeRaw`UPDATE reality.listings SET title = 'Postovská garsónka' WHERE id = ${b}::uuid`;
    await reality.prisma.$executeRaw`UPDATE reality.listings SET is_featured = NOT is_featured WHERE id IN (${c}::uuid, ${d}::uuid)`;
    await reality.prisma.$executeRaw`UPDATE reality.listings SET published_at = now(), price = price + 1 WHERE title LIKE '3-izbov%'`;
    await reality.prisma.$executeRaw`UPDATE reality.listings SET status = 'DRAFT', published_at = NULL WHERE id = ${e}::uuid`;
    await reality.prisma.$executeRaw`DELETE FROM reality.listings WHERE id = ${f}::uuid`;
    expect(await postingsMismatch()).toBe(0);
    for (const query of ["3-izbovy postov", "postovska", "garson"]) {
      const never = await search(query, { postingsWalk: 0, wordsWalk: 0 });
      const posted = await search(query, { postingsWalk: LONG, wordsWalk: 0 });
      expect(posted.ids, query).toEqual(never.ids);
      expect(posted.matches, query).toBe(never.matches);
    }
  });

  it("cannot be written by the subgraph's role", async () => {
    await expect(reality.prisma.$executeRaw`DELETE FROM reality.listing_words`).rejects.toThrow(/permission denied/);
    await expect(reality.prisma.$executeRaw`DELETE FROM reality.listing_word_counts`).rejects.toThrow(/permission denied/);
  });
});
