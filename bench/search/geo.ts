// The radius and map-box searches of the mix timed both ways on one database in one run: with the
// statements main ran (every listing of the circle's rectangle measured with earth_distance, the
// capped count reading them; facets by GROUPING SETS over every match) and as the search runs
// them now (no earth_distance inside the rectangle within the circle, which alone settles the
// capped count when it holds more than the cap; facets of the box's inner cells from their counts
// in reality.listing_facet_cells, its edges grouped). The map box is also timed with the facets
// grouped once from every listing of the box, then summed (the statement before the counts).
// Interleaved round by round, the order rotating; every search's answers compared.
//
//   npx tsx bench/search/geo.ts [--database ppt_bench_search] [--rounds 20]
//
// Runs against the database `run.ts --keep` left (migrated first), as the reality subgraph's role.
import { Prisma } from "@ppt/db/client";
import { parseListingFilter, searchQueries, type ListingSort } from "../../subgraphs/reality/src/modules/listings/index.ts";
import { filterConditions, LISTING_COLUMNS, orderBy, sortKeyColumns } from "../../subgraphs/reality/src/modules/listings/listing-sql.ts";
import { PUBLIC_SEARCH, SEARCH_COUNT_CAP } from "../../subgraphs/reality/src/modules/search/index.ts";
import { MIX } from "./mix.ts";
import { keptDatabase, loadAverage, Timings } from "./side-by-side.ts";

const sql = Prisma.sql;
const { db, rounds } = await keptDatabase(20);

/** main's radius condition: earth_distance for every listing of the circle's rectangle. */
function mainRadius(latitude: number, longitude: number, meters: number): Prisma.Sql {
  const degrees = (radians: number) => (radians * 180) / Math.PI;
  const angle = (meters / 6378168) * 1.01 + 1e-9;
  const spread = degrees(Math.asin(Math.min(1, Math.sin(angle) / Math.cos((latitude * Math.PI) / 180))));
  return sql`(l.latitude IS NOT NULL AND l.longitude IS NOT NULL
    AND l.latitude BETWEEN ${latitude - degrees(angle)}::float8 AND ${latitude + degrees(angle)}::float8
    AND l.longitude BETWEEN ${longitude - spread}::float8 AND ${longitude + spread}::float8
    AND public.earth_distance(public.ll_to_earth(${latitude}::float8, ${longitude}::float8), public.ll_to_earth(l.latitude, l.longitude)) <= ${meters}::float8)`;
}

type Statements = { page: Prisma.Sql; second: Prisma.Sql };

/** What main ran for one search of the mix: its page, then its capped count or its facets. */
function mainStatements(filter: ReturnType<typeof parseListingFilter>, sort: ListingSort, first: number, facets: boolean): Statements {
  const queries = searchQueries(filter, PUBLIC_SEARCH, sort, first, null);
  if (facets) {
    const where = filterConditions(filter, PUBLIC_SEARCH);
    return {
      page: queries.page,
      second: sql`
    SELECT m.property_type, m.city, m.band, GROUPING(m.property_type, m.city, m.band) AS facet, count(*) AS count
    FROM (
      SELECT l.property_type::text AS property_type, l.city, width_bucket(l.price, ${queries.bands}::numeric[]) AS band
      FROM reality.listings l WHERE ${where}
    ) m
    GROUP BY GROUPING SETS ((m.property_type), (m.city), (m.band), ())`,
    };
  }
  const { radius } = filter;
  const where = sql`${filterConditions({ ...filter, radius: undefined }, PUBLIC_SEARCH)} AND ${mainRadius(radius!.latitude, radius!.longitude, radius!.radiusKm * 1000)}`;
  return {
    page: sql`SELECT ${LISTING_COLUMNS}, ${sortKeyColumns(queries.keys)} FROM reality.listings l WHERE ${where} ORDER BY ${orderBy(queries.keys)} LIMIT ${first + 1}`,
    second: sql`SELECT count(*) AS count FROM (SELECT FROM reality.listings l WHERE ${where} LIMIT ${SEARCH_COUNT_CAP + 1}) m`,
  };
}

/** The facets grouped once from every listing of the box, then summed (before the per-cell counts). */
function groupedStatements(filter: ReturnType<typeof parseListingFilter>, sort: ListingSort, first: number, facets: boolean): Statements | null {
  if (!facets) return null;
  const queries = searchQueries(filter, PUBLIC_SEARCH, sort, first, null);
  return { page: queries.page, second: queries.groupedFacets };
}

function branchStatements(filter: ReturnType<typeof parseListingFilter>, sort: ListingSort, first: number, facets: boolean): Statements {
  const queries = searchQueries(filter, PUBLIC_SEARCH, sort, first, null);
  return { page: queries.page, second: facets ? queries.facets : queries.cappedCount(SEARCH_COUNT_CAP) };
}

/** Rows as comparable text: bigint counts as numbers, facet rows in a fixed order. */
const answer = (rows: Record<string, unknown>[]) =>
  rows.map((row) => JSON.stringify(row, (_, value: unknown) => (typeof value === "bigint" ? Number(value) : value))).sort();

const WAYS: [string, (...args: Parameters<typeof branchStatements>) => Statements | null][] = [
  ["main", mainStatements],
  ["grouped once", groupedStatements],
  ["this branch", branchStatements],
];
try {
  const searches = MIX.filter((m) => m.name.startsWith("radius") || m.name.startsWith("map box"));
  const times = new Timings();
  let differing = 0;
  console.log(`load average (1/5/15 min) at the start: ${loadAverage()}`);
  for (let round = 0; round <= rounds; round++) {
    for (const search of searches) {
      const variables = search.variables(round) as { filter: unknown; sort?: ListingSort; first: number };
      const facets = search.query.includes("facets");
      const filter = parseListingFilter(variables.filter);
      const answers = new Map<string, string>();
      for (const [way, statements] of [...WAYS.slice(round % WAYS.length), ...WAYS.slice(0, round % WAYS.length)]) {
        const chosen = statements(filter, variables.sort ?? "NEWEST", variables.first, facets);
        if (!chosen) continue;
        const { page, second } = chosen;
        const started = performance.now();
        const pageRows = await db.prisma.$queryRaw<Record<string, unknown>[]>(page);
        const secondRows = await db.prisma.$queryRaw<Record<string, unknown>[]>(second);
        const ms = performance.now() - started;
        answers.set(way, JSON.stringify([pageRows.map((row) => row.id), answer(secondRows)]));
        if (round > 0) times.add(search.name, way, ms);
      }
      const same = new Set(answers.values()).size === 1;
      if (!same) differing++;
      if (round < 2 || !same) console.log(`${search.name} #${round}: ${same ? "same page and count/facets every way" : "ANSWERS DIFFER"}`);
    }
  }
  console.log(`\n${differing} of ${(rounds + 1) * searches.length} searches' answers differ between ways`);
  console.log(`${rounds} rounds, load average (1/5/15 min) at the end: ${loadAverage()}`);
  times.print("page + count / facets", 28, [
    { way: "main", heading: "main p50/p95 ms", width: 20 },
    { way: "grouped once", heading: "grouped once p50/p95 ms", width: 26 },
    { way: "this branch", heading: "this branch p50/p95 ms", width: 26 },
  ]);
} finally {
  await db.close();
}
