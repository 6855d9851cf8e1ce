// The full-text search of the mix ("2-izbovy kosice", "3-izbovy bratislava", "4-izbovy presov",
// RELEVANCE, first page) and a few rarer word sets, timed three ways on one database in one run:
// through the words' GIN index alone with a count statement of its own (before the walk);
// walking the featured/newest index first, the count taken from the page (before the postings);
// and as the search runs it now — its two rarest words' postings first (listing-sql.ts, postedWords),
// then the walk, then the GIN index. Interleaved round by round, the order rotating; every
// round's pages and counts compared across the three ways.
//
//   npx tsx bench/search/words.ts [--database ppt_bench_search] [--rounds 20]
//
// Runs against the database `run.ts --keep` left (migrated first), as the reality subgraph's role.
import { parseListingFilter, searchQueries } from "../../subgraphs/reality/src/modules/listings/index.ts";
import { PUBLIC_SEARCH, SEARCH_COUNT_CAP } from "../../subgraphs/reality/src/modules/search/index.ts";
import { MIX } from "./mix.ts";
import { keptDatabase, loadAverage, Timings } from "./side-by-side.ts";

const { db, rounds } = await keptDatabase(20);
const WAYS: [string, { wordsWalk?: number; postingsWalk?: number }][] = [
  ["words' index", { wordsWalk: 0, postingsWalk: 0 }],
  ["walk", { postingsWalk: 0 }],
  ["postings", {}],
];
const search = MIX.find((m) => m.name.startsWith("full text"))!;
// The mix's three pairs, then rarer ones: a pair of one listing in ~270, a triple, a word alone, no match.
const QUERIES = [
  ...[0, 1, 2].map((variant) => (search.variables(variant) as { filter: { query: string } }).filter.query),
  "5-izbovy trencin",
  "1-izbovy poprad loggiou",
  "presov",
  "rodinny dom bratislava",
  "2-izbovy rodinny",
];
try {
  const times = new Timings();
  let differ = 0;
  console.log(`load average (1/5/15 min) at the start: ${loadAverage()}`);
  for (let round = 0; round <= rounds; round++) {
    for (const query of QUERIES) {
      const parsed = parseListingFilter({ query });
      const answers = new Map<string, string>();
      const order = [...WAYS.slice(round % WAYS.length), ...WAYS.slice(0, round % WAYS.length)];
      for (const [way, options] of order) {
        const queries = searchQueries(parsed, PUBLIC_SEARCH, "RELEVANCE", 20, null, options);
        const started = performance.now();
        const page = await db.prisma.$queryRaw<{ id: string; matches: number }[]>(queries.page);
        // The page's own count settles the capped one (listingPage); before the walk, a statement of its own.
        const count =
          options.wordsWalk === 0
            ? Number((await db.prisma.$queryRaw<{ count: bigint }[]>(queries.cappedCount(SEARCH_COUNT_CAP)))[0]!.count)
            : Math.min(page[0]?.matches ?? 0, SEARCH_COUNT_CAP + 1);
        const ms = performance.now() - started;
        answers.set(way, JSON.stringify([page.map((row) => row.id), count]));
        if (round > 0) times.add(query, way, ms);
      }
      if (new Set(answers.values()).size !== 1) {
        differ++;
        console.log(`round ${round}, ${query}: ANSWERS DIFFER`);
      }
      if (round === 0) console.log(`${query}: ${JSON.parse(answers.get("postings")!)[1]} matches (capped)`);
    }
  }
  console.log(
    `\n${rounds + 1} rounds, ${differ} of ${(rounds + 1) * QUERIES.length} searches' answers differ; load average (1/5/15 min) at the end: ${loadAverage()}`,
  );
  times.print("page + capped count", 26, [
    { way: "words' index", heading: "words' index p50/p95 ms", width: 26 },
    { way: "walk", heading: "walk p50/p95 ms", width: 20 },
    { way: "postings", heading: "postings p50/p95 ms", width: 22 },
  ]);
} finally {
  await db.close();
}
