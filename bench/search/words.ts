// The full-text search of the mix ("2-izbovy kosice", "3-izbovy bratislava", "4-izbovy presov",
// RELEVANCE, first page) timed both ways on one database in one run: through the words' GIN index
// alone with a count statement of its own (before the walk), and as the search runs it now —
// walking the featured/newest index first (listing-sql.ts, wordsWalk), the count taken from the
// page. Interleaved round by round, the order alternating; each pair's page and count compared.
//
//   npx tsx bench/search/words.ts [--database ppt_bench_search] [--rounds 20]
//
// Runs against the database `run.ts --keep` left (migrated first), as the reality subgraph's role.
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { applyMigrations } from "@ppt/db/migrate";
import { roleNames, withLogin } from "@ppt/db";
import { connectDatabase } from "@ppt/server-kit";
import { parseListingFilter, searchQueries } from "../../subgraphs/reality/src/modules/listings/index.ts";
import { PUBLIC_SEARCH, SEARCH_COUNT_CAP } from "../../subgraphs/reality/src/modules/search/index.ts";
import { testDatabaseUrl } from "../../prisma/src/testing/server.ts";
import { percentile } from "../support/services.ts";
import { MIX } from "./mix.ts";

const { values } = parseArgs({ options: { database: { type: "string", default: "ppt_bench_search" }, rounds: { type: "string", default: "20" } } });
const ownerUrl = testDatabaseUrl(values.database);
await applyMigrations({ databaseUrl: ownerUrl });
const db = connectDatabase(withLogin(ownerUrl, roleNames.reality), { max: 2 });
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
const WAYS: [string, number | undefined][] = [
  ["words' index", 0],
  ["walk", undefined],
];
try {
  const search = MIX.find((m) => m.name.startsWith("full text"))!;
  const times = new Map<string, number[]>();
  console.log(`load average (1/5/15 min) at the start: ${load()}`);
  for (let round = 0; round <= Number(values.rounds); round++) {
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
        if (round > 0) times.set(`${filter.query}|${way}`, [...(times.get(`${filter.query}|${way}`) ?? []), ms]);
      }
      if (round === 0) console.log(`${filter.query}: ${new Set(answers.values()).size === 1 ? "same page and count both ways" : "ANSWERS DIFFER"}`);
    }
  }
  console.log(`\n${values.rounds} rounds, load average (1/5/15 min) at the end: ${load()}`);
  console.log(`${"page + capped count".padEnd(24)}${"words' index p50/p95 ms".padStart(26)}${"walk p50/p95 ms".padStart(22)}`);
  for (const query of new Set([...times.keys()].map((key) => key.split("|")[0]!))) {
    const cell = (way: string) => {
      const list = times.get(`${query}|${way}`)!.sort((a, b) => a - b);
      return `${percentile(list, 50).toFixed(1)} / ${percentile(list, 95).toFixed(1)}`;
    };
    console.log(`${query.padEnd(24)}${cell("words' index").padStart(26)}${cell("walk").padStart(22)}`);
  }
} finally {
  await db.close();
}
