// EXPLAIN (ANALYZE, BUFFERS) of every query behind each search of the mix — its page and its
// capped count, or (map search) its facets, which also count — built by the service's own searchQueries and run as the
// reality subgraph's role against the database `run.ts --keep` left behind.
//
//   npx tsx bench/search/explain.ts [--search <part of a name>] [--variant 0] [--plans] [--sql] [--database ppt_bench_search]
//
// Without --plans it prints each query's execution time and its plan's top node; --sql prints
// the statements with their values inlined, ready for psql.
import { parseArgs } from "node:util";
import pg from "pg";
import type { Prisma } from "@ppt/db/client";
import { roleNames, withLogin } from "@ppt/db";
import { clusterQuery, parseListingFilter, searchQueries, type ListingSort } from "../../subgraphs/reality/src/modules/listings/index.ts";
import { PUBLIC_SEARCH, SEARCH_COUNT_CAP } from "../../subgraphs/reality/src/modules/search/index.ts";
import { testDatabaseUrl } from "../../prisma/src/testing/server.ts";
import { MIX } from "./mix.ts";

const { values } = parseArgs({
  options: {
    search: { type: "string", default: "" },
    variant: { type: "string", default: "0" },
    plans: { type: "boolean", default: false },
    sql: { type: "boolean", default: false },
    database: { type: "string", default: "ppt_bench_search" },
  },
});

/** A bound value as an SQL literal (arrays as array literals), for --sql. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return literal(`{${value.map((v) => (v === null ? "NULL" : `"${String(v).replace(/["\\]/g, "\\$&")}"`)).join(",")}}`);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what is left are strings and Dates/Decimals, whose String() is their SQL literal
  return `'${String(value).replace(/'/g, "''")}'`;
}

const inline = (query: Prisma.Sql) => query.text.replace(/\$(\d+)/g, (_, n: string) => literal(query.values[Number(n) - 1]));

async function explain(name: string, query: Prisma.Sql): Promise<void> {
  if (values.sql) console.log(`-- ${name}\n${inline(query).trim()};`);
  const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.text}`, query.values);
  const plan = rows.map((r) => r["QUERY PLAN"]);
  const time = plan.find((line) => line.startsWith("Execution Time"));
  if (values.plans) console.log(`-- ${name}: ${time}\n${plan.join("\n")}`);
  else console.log(`  ${name.padEnd(8)} ${time?.replace("Execution Time: ", "").padStart(14)}   ${plan[0]!.replace(/\s+\(cost.*$/, "").trim()}`);
}

const client = new pg.Client({ connectionString: withLogin(testDatabaseUrl(values.database), roleNames.reality) });
await client.connect();
try {
  const variant = Number(values.variant);
  for (const search of MIX.filter((m) => m.name.includes(values.search))) {
    const variables = search.variables(variant) as { filter?: unknown; sort?: ListingSort; first?: number; bounds?: unknown; zoom?: number };
    if (variables.bounds) {
      // A map clusters search: the rectangle joins the filter, as the search module does.
      const parsed = parseListingFilter({ ...(variables.filter ?? {}), boundingBox: variables.bounds });
      const query = clusterQuery(parsed, PUBLIC_SEARCH, parsed.boundingBox!, variables.zoom!);
      console.log(`\n=== ${search.name}  ${JSON.stringify(variables.bounds)} zoom ${variables.zoom}`);
      await explain("clusters", query);
      continue;
    }
    const queries = searchQueries(parseListingFilter(variables.filter), PUBLIC_SEARCH, variables.sort ?? "NEWEST", variables.first ?? 20, null);
    console.log(`\n=== ${search.name}  ${JSON.stringify(variables.filter)} sort ${variables.sort ?? "NEWEST"}`);
    // What the service runs: with facets, their scan also gives the count.
    const parts: [string, Prisma.Sql][] = [["page", queries.page]];
    if (search.query.includes("facets")) parts.push(["facets", queries.facets]);
    else parts.push(["count", queries.cappedCount(SEARCH_COUNT_CAP)]);
    for (const [name, query] of parts) await explain(name, query);
  }
} finally {
  await client.end();
}
