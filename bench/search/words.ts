// The full-text search of the mix ("2-izbovy kosice", "3-izbovy bratislava", "4-izbovy presov",
// RELEVANCE, first page) timed both ways on one database in one run: through the words' GIN index
// alone with a count statement of its own (before the walk), and as the search runs it now —
// walking the featured/newest index first (listing-sql.ts, wordsWalk), the count taken from the
// page. Interleaved round by round, the order alternating; each pair's page and count compared.
//
//   npx tsx bench/search/words.ts [--database ppt_bench_search] [--rounds 20]
//
// Runs against the database `run.ts --keep` left (migrated first), as the reality subgraph's role.
import { parseListingFilter, searchQueries } from "../../subgraphs/reality/src/modules/listings/index.ts";
import { PUBLIC_SEARCH, SEARCH_COUNT_CAP } from "../../subgraphs/reality/src/modules/search/index.ts";
import { MIX } from "./mix.ts";
import { keptDatabase, loadAverage, Timings } from "./side-by-side.ts";

const { db, rounds } = await keptDatabase(20);
const WAYS: [string, number | undefined][] = [
  ["words' index", 0],
  ["walk", undefined],
];
try {
  const search = MIX.find((m) => m.name.startsWith("full text"))!;
  const times = new Timings();
  console.log(`load average (1/5/15 min) at the start: ${loadAverage()}`);
  for (let round = 0; round <= rounds; round++) {
    for (let variant = 0; variant < 3; variant++) {
      const { filter } = search.variables(round * 3 + variant) as { filter: { query: string } };
      const parsed = parseListingFilter(filter);
      const answers = new Map<string, string>();
      for (const [way, wordsWalk] of round % 2 ? [...WAYS].reverse() : WAYS) {
        const queries = searchQueries(parsed, PUBLIC_SEARCH, "RELEVANCE", 20, null, { wordsWalk });
        const started = performance.now();
        const page = await db.prisma.$queryRaw<{ id: string; matches: number }[]>(queries.page);
        // Now the page's own count settles the capped one (listingPage); before, a statement of its own.
        const count =
          wordsWalk === 0
            ? Number((await db.prisma.$queryRaw<{ count: bigint }[]>(queries.cappedCount(SEARCH_COUNT_CAP)))[0]!.count)
            : Math.min(page[0]?.matches ?? 0, SEARCH_COUNT_CAP + 1);
        const ms = performance.now() - started;
        answers.set(way, JSON.stringify([page.map((row) => row.id), count]));
        if (round > 0) times.add(filter.query, way, ms);
      }
      if (round === 0) console.log(`${filter.query}: ${new Set(answers.values()).size === 1 ? "same page and count both ways" : "ANSWERS DIFFER"}`);
    }
  }
  console.log(`\n${rounds} rounds, load average (1/5/15 min) at the end: ${loadAverage()}`);
  times.print("page + capped count", 24, [
    { way: "words' index", heading: "words' index p50/p95 ms", width: 26 },
    { way: "walk", heading: "walk p50/p95 ms", width: 22 },
  ]);
} finally {
  await db.close();
}
