// The map-box and radius pages of the mix timed both ways on one database in one run: rows read
// as the page is chosen (the page's statement before late row reads), and the page's ids chosen
// first, then only their rows read (pages.ts, readsRowsLate). Each search's first page and the
// page after it (by the first page's cursor), interleaved round by round, the order alternating;
// the two ways' rows compared (ids, order, every column, sort keys, the count alongside). The
// same areas in other sort orders, and wider areas, where the planner may walk a sort order's
// index instead. The map box's facets are timed too (the same statement both ways; the indexes
// they read are those of the database, so compare them across migrations).
//
//   npx tsx bench/search/late-rows.ts [--database ppt_bench_search] [--rounds 20]
//
// Runs against the database `run.ts --keep` left (migrated first), as the reality subgraph's role.
import type { Prisma } from "@ppt/db/client";
import { parseListingFilter, searchQueries, type ListingSort } from "../../subgraphs/reality/src/modules/listings/index.ts";
import { PUBLIC_SEARCH } from "../../subgraphs/reality/src/modules/search/index.ts";
import { MIX } from "./mix.ts";
import { keptDatabase, loadAverage, Timings } from "./side-by-side.ts";

const { db, rounds } = await keptDatabase(20);

type PageRow = Record<string, unknown> & { k0: string; k1: string };

const WAYS: [string, boolean][] = [
  ["rows read first", false],
  ["rows read late", true],
];

const radius = MIX.find((m) => m.name.startsWith("radius"))!;
const box = MIX.find((m) => m.name.startsWith("map box"))!;
const sorted = (search: typeof radius, sort: ListingSort) => (n: number) => ({ ...(search.variables(n) as object), sort });

/** The mix's areas in other sort orders, and wider areas, where walking a sort order's index may beat reading the area. */
const OTHERS: { name: string; query: string; variables: (n: number) => unknown }[] = [
  { name: "radius 2-4 km, cheapest", query: "", variables: sorted(radius, "PRICE_ASC") },
  { name: "radius 2-4 km, newest", query: "", variables: sorted(radius, "NEWEST") },
  { name: "map box, largest", query: "", variables: sorted(box, "SIZE_DESC") },
  { name: "map box, smallest", query: "", variables: sorted(box, "SIZE_ASC") },
  { name: "map box, dearest", query: "", variables: sorted(box, "PRICE_DESC") },
  {
    name: "country box, newest",
    query: "",
    variables: (n) => ({ filter: { boundingBox: { south: 47.7 + (n % 5) * 0.01, west: 16.8, north: 49.6, east: 22.6 } }, first: 50 }),
  },
  {
    name: "region box, rent, cheapest",
    query: "",
    variables: (n) => ({
      filter: { transactionType: "RENT", minRooms: 2, boundingBox: { south: 47.9 + (n % 5) * 0.01, west: 16.9, north: 48.6, east: 17.9 } },
      sort: "PRICE_ASC",
      first: 20,
    }),
  },
  {
    name: "radius 25 km, newest",
    query: "",
    variables: (n) => ({ filter: { radius: { latitude: 48.72 + (n % 5) * 0.01, longitude: 21.26, radiusKm: 25 } }, sort: "NEWEST", first: 20 }),
  },
];

try {
  const searches = [radius, box, ...OTHERS];
  const times = new Timings();
  let differing = 0;
  console.log(`load average (1/5/15 min) at the start: ${loadAverage()}`);
  for (let round = 0; round <= rounds; round++) {
    for (const search of searches) {
      const variables = search.variables(round) as { filter: unknown; sort?: ListingSort; first: number };
      const sort = variables.sort ?? "NEWEST";
      const filter = parseListingFilter(variables.filter);
      const name = search === box ? "map box, newest (mix)" : search === radius ? "radius 2-4 km, largest (mix)" : search.name;
      const answers = new Map<string, string>();
      for (const [way, lateRows] of round % 2 ? [...WAYS].reverse() : WAYS) {
        const pages: PageRow[][] = [];
        let cursor: string[] | null = null;
        for (const page of ["page 1", "page 2"]) {
          const statement: Prisma.Sql = searchQueries(filter, PUBLIC_SEARCH, sort, variables.first, cursor, { lateRows }).page;
          const started = performance.now();
          const rows: PageRow[] = await db.prisma.$queryRaw<PageRow[]>(statement);
          if (round > 0) times.add(`${name}, ${page}`, way, performance.now() - started);
          pages.push(rows);
          // The cursor of the page's last shown row (the page reads one more than it shows).
          const last: PageRow | undefined = rows[variables.first - 1];
          if (!last) break;
          cursor = [last.k0, last.k1];
        }
        answers.set(
          way,
          JSON.stringify(pages, (_, value: unknown) => (typeof value === "bigint" ? Number(value) : value)),
        );
      }
      if (search.query.includes("facets")) {
        const started = performance.now();
        await db.prisma.$queryRaw(searchQueries(filter, PUBLIC_SEARCH, sort, variables.first, null).facets);
        if (round > 0) times.add("map box, newest (mix), facets", "facets", performance.now() - started);
      }
      const same = new Set(answers.values()).size === 1;
      if (!same) differing++;
      if (round < 2 || !same) console.log(`${search.name} #${round}: ${same ? "same two pages both ways" : "PAGES DIFFER"}`);
    }
  }
  console.log(`\n${differing} of ${(rounds + 1) * searches.length} searches' pages differ between ways`);
  console.log(`${rounds} rounds, load average (1/5/15 min) at the end: ${loadAverage()}`);
  times.print("page", 38, [
    { way: "rows read first", heading: "rows first p50/p95 ms", width: 24 },
    { way: "rows read late", heading: "rows late p50/p95 ms", width: 24 },
    { way: "facets", heading: "facets p50/p95 ms", width: 22 },
  ]);
} finally {
  await db.close();
}
