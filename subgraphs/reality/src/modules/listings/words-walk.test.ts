// A search by words alone walks the featured/newest index for its candidates and its capped count
// (listing-sql.ts, wordsWalk) and turns to the words' index when the walk is too short: on more
// matches than RELEVANCE ranks, among newer listings that do not match and a few featured ones,
// the page (ids in order) and the capped count are the same walked, walked too short, and never
// walked; the walk that suffices reads nothing else, the one too short reads the words' matches.
// The rarest word's postings, read before the walk, are left out here (search/posted-words.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@ppt/db/client";
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, type DbHandle } from "@ppt/server-kit";
import { createRealtor } from "@ppt/testing/fixtures";
import { parseListingFilter } from "./filter.ts";
import { RELEVANCE_CANDIDATES, type SearchScope } from "./listing-sql.ts";
import { searchQueries } from "./pages.ts";

const PUBLIC: SearchScope = { statuses: ["ACTIVE"], publishedOnly: true };
const CAP = 1_000;
const MATCHES = RELEVANCE_CANDIDATES + 150;
const OTHERS = 600;
/** Walks over every listing, just long enough for the candidates and the count, and too short for either. */
const LONG_WALK = MATCHES + OTHERS + 500;
const JUST_WALK = 1_700;
const SHORT_WALK = 900;

let db: TestDatabase;
let owner: DbHandle;
let reality: DbHandle;

beforeAll(async () => {
  db = await createTestDatabase();
  owner = connectDatabase(db.ownerUrl, { max: 2 });
  reality = connectDatabase(db.urlFor("reality"), { max: 2 });
  const realtorId = (await createRealtor(owner.prisma)).id;
  const now = Date.now();
  const listing = (i: number, title: string, city: string, minutesAgo: number) => ({
    realtorId,
    propertyType: "APARTMENT" as const,
    transactionType: "SALE" as const,
    title: `${title} ${i}`,
    description: i % 3 ? "Tichá lokalita, pivnica." : "5-izbový byt, Walkovo, výťah.",
    street: "Hlavná",
    city,
    price: "100000",
    status: "ACTIVE" as const,
    energyClass: "B" as const,
    isFeatured: i % 400 === 7,
    publishedAt: new Date(now - minutesAgo * 60_000),
    // Every 50th past its expiry, not yet archived: in the index, not in a public search.
    expiresAt: new Date(now + (i % 50 === 0 ? -1 : 30) * 86_400_000),
  });
  // Matches and non-matches interleaved in time, the newest listings not matching.
  await owner.prisma.listing.createMany({
    data: [
      ...Array.from({ length: MATCHES }, (_, i) => listing(i, "5-izbový byt", "Walkovo", 100 + i * 2)),
      ...Array.from({ length: OTHERS }, (_, i) => listing(i, "2-izbový byt", i % 2 ? "Walkovo" : "Inovo", i < 200 ? i : 101 + i * 3)),
    ],
  });
  // The visibility map lets the walk read the index alone, as on a vacuumed table.
  await owner.prisma.$executeRawUnsafe("VACUUM (ANALYZE) reality.listings");
}, 120_000);

afterAll(async () => {
  await reality?.close();
  await owner?.close();
  await db?.drop();
});

async function search(query: string, wordsWalk: number) {
  const queries = searchQueries(parseListingFilter({ query }), PUBLIC, "RELEVANCE", 100, null, { wordsWalk, postingsWalk: 0 });
  const page = await reality.prisma.$queryRaw<{ id: string }[]>(queries.page);
  const [count] = await reality.prisma.$queryRaw<{ count: bigint }[]>(queries.cappedCount(CAP));
  return { ids: page.map((row) => row.id), count: Number(count!.count), queries };
}

/**
 * Whether the statement tested the words on listings it did not walk to (EXPLAIN ANALYZE: a scan
 * of the table that ran and whose own conditions hold the words; the walk tests them above its
 * index scan, the page reads its rows by id).
 */
async function matchesBeyondWalk(query: Prisma.Sql): Promise<boolean> {
  const plan = await reality.prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, COSTS OFF) ${query.text}`, ...query.values);
  const lines = plan.map((row) => row["QUERY PLAN"]);
  return lines.some((line, i) => {
    if (!/ on listings /.test(line) || line.includes("never executed")) return false;
    const own = lines.slice(i + 1).findIndex((next) => next.includes("->"));
    return lines.slice(i + 1, own < 0 ? undefined : i + 1 + own).some((next) => next.includes("search_words"));
  });
}

describe("a search by words alone walking the featured/newest index", () => {
  it.each(["5-izbovy walkovo", "5-izb", "2-izbovy walkovo", "walkovo vytah", "nikde"])("finds what the words' index finds: %s", async (query) => {
    const never = await search(query, 0);
    for (const walk of [LONG_WALK, JUST_WALK, SHORT_WALK]) {
      const walked = await search(query, walk);
      expect(walked.ids, `walk ${walk}`).toEqual(never.ids);
      expect(walked.count, `walk ${walk}`).toBe(never.count);
    }
  });

  it("reads only the index when the walk finds the candidates and the count, every match when it does not", async () => {
    const common = await search("5-izbovy walkovo", JUST_WALK);
    expect(common.count).toBe(CAP + 1);
    expect(common.ids).toHaveLength(101);
    expect(await matchesBeyondWalk(common.queries.page)).toBe(false);
    expect(await matchesBeyondWalk(common.queries.cappedCount(CAP))).toBe(false);
    const short = await search("5-izbovy walkovo", SHORT_WALK);
    expect(await matchesBeyondWalk(short.queries.page)).toBe(true);
    expect(await matchesBeyondWalk(short.queries.cappedCount(CAP))).toBe(true);
  });
});
