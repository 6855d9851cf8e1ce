// Search benchmark: seeds N listings (default 1,000,000) into a dedicated database with
// INSERT … SELECT generate_series, starts the gateway and both subgraphs as processes, and runs
// the same mix of realistic searches through the gateway and against the reality subgraph
// alone, reporting p50/p95 latency and throughput side by side.
//
//   npx tsx bench/search/run.ts [--listings 1000000] [--concurrency 8] [--seconds 20] [--saturation 16] [--per-type 0]
//                               [--search <part of a name>] [--keep] [--reuse] [--database ppt_bench_search]
//
// After the per-search latencies (p50/p95/p99 through the gateway and on the subgraph alone, at
// --concurrency), a saturation phase sends the same mix through the gateway at --saturation
// concurrent requests and prints the searches per second it sustained (0 skips it), and where
// each search's CPU went: the gateway, the reality subgraph, PostgreSQL and the load generator
// itself, all on the same cores. --per-type N then runs each search of the mix alone for N
// seconds at --saturation and prints the same per search type: which searches cost what, where.
// --search runs only the searches of the mix whose names contain it.
// The load average is printed with every phase: the machine is shared, compare only within one run.
//
// --keep leaves the seeded database `ppt_bench_search` behind; --reuse runs against it again
// (applying any newer migrations, no reseeding) when it holds exactly --listings listings, and
// leaves it behind too. --database names another one (ppt_bench_*), so two people sharing a
// server do not drop each other's.
//
// Loopback only; every phase is bounded in requests and in time.
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { applyMigrations } from "@ppt/db/migrate";
import { roleNames, withLogin } from "@ppt/db";
import { onDatabase, onTestServer, testDatabaseUrl } from "../../prisma/src/testing/server.ts";
import { cpuMs, loadAgent, post, postgresCpuMs } from "../support/load.ts";
import { createBenchDatabase, graphql, percentile, startServices, type BenchDatabase } from "../support/services.ts";
import { CITIES, MIX as WHOLE_MIX, type Search } from "./mix.ts";

const { values } = parseArgs({
  options: {
    listings: { type: "string", default: "1000000" },
    concurrency: { type: "string", default: "8" },
    seconds: { type: "string", default: "20" },
    "max-requests": { type: "string", default: "20000" },
    saturation: { type: "string", default: "16" },
    "per-type": { type: "string", default: "0" },
    search: { type: "string", default: "" },
    keep: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
    database: { type: "string", default: "ppt_bench_search" },
  },
});
const LISTINGS = Number(values.listings);
const CONCURRENCY = Number(values.concurrency);
const SECONDS = Number(values.seconds);
const MAX_REQUESTS = Number(values["max-requests"]);
const SATURATION = Number(values.saturation);
const PER_TYPE_SECONDS = Number(values["per-type"]);
const MIX = WHOLE_MIX.filter((search) => search.name.includes(values.search));

async function seed(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = Date.now();
    const agencies = await client.query<{ id: string }>(
      `INSERT INTO reality.agencies (name, slug, status, updated_at) SELECT 'Agentúra ' || g, 'bench-agency-' || g, 'ACTIVE', now()
       FROM generate_series(1, 20) g RETURNING id`,
    );
    const realtors = await client.query<{ id: string }>(
      `INSERT INTO reality.realtors (display_name, status, updated_at) SELECT 'Maklér ' || g, 'ACTIVE', now() FROM generate_series(1, 200) g RETURNING id`,
    );
    const cityValues = CITIES.map(
      ([name, lat, lng, districts], i) => `(${i}, '${name}', ${lat}, ${lng}, ARRAY[${districts.map((d) => `'${d}'`).join(",")}])`,
    ).join(",");
    await client.query("SELECT setseed(0.42)");
    // Weighted like a Slovak portal: mostly flats for sale, Bratislava and Košice the largest markets.
    await client.query(
      `WITH cities(idx, name, lat, lng, districts) AS (VALUES ${cityValues}),
       raw AS (
         SELECT g, random() AS r_type, random() AS r_tx, random() AS r_city, random() AS r_rooms, random() AS r_price,
                random() AS r_size, random() AS r_lat, random() AS r_lng, random() AS r_status, random() AS r_pub,
                random() AS r_dist, random() AS r_energy, random() AS r_realtor, random() AS r_desc
         FROM generate_series(1, $1::int) g
       ),
       shaped AS (
         SELECT raw.*, c.name AS city, c.lat, c.lng, c.districts,
                CASE WHEN r_type < 0.6 THEN 'APARTMENT' WHEN r_type < 0.85 THEN 'HOUSE' WHEN r_type < 0.95 THEN 'LAND' ELSE 'COMMERCIAL' END AS ptype,
                CASE WHEN r_tx < 0.8 THEN 'SALE' ELSE 'RENT' END AS tx,
                1 + floor(r_rooms * 5)::int AS rooms
         FROM raw JOIN cities c ON c.idx = CASE WHEN r_city < 0.3 THEN 0 WHEN r_city < 0.5 THEN 1 ELSE 2 + floor((r_city - 0.5) * 16)::int END
       )
       INSERT INTO reality.listings (realtor_id, agency_id, property_type, transaction_type, title, description, street, city, district,
         latitude, longitude, address_visibility, price, size_sqm, rooms, features, status, energy_class, published_at, expires_at, updated_at)
       SELECT ($2::uuid[])[1 + floor(r_realtor * 200)::int], ($3::uuid[])[1 + floor(r_realtor * 20)::int],
         ptype::reality."ListingPropertyType", tx::reality."ListingTransactionType",
         CASE ptype WHEN 'APARTMENT' THEN rooms || '-izbový byt, ' || city WHEN 'HOUSE' THEN 'Rodinný dom, ' || city
                    WHEN 'LAND' THEN 'Stavebný pozemok, ' || city ELSE 'Obchodný priestor, ' || city END,
         (ARRAY['Po kompletnej rekonštrukcii, tichá lokalita.', 'Tehlový byt s loggiou a pivnicou.', 'Novostavba v blízkosti centra, výťah.',
                'Slnečný, orientovaný na juh, parkovanie pred domom.', 'Vhodné aj na investíciu, nízke náklady.'])[1 + floor(r_desc * 5)::int],
         'Hlavná', city, districts[1 + floor(r_dist * array_length(districts, 1))::int],
         lat + (r_lat - 0.5) * 0.12, lng + (r_lng - 0.5) * 0.16,
         (ARRAY['FULL','STREET','DISTRICT'])[1 + floor(r_dist * 3)::int]::reality."AddressVisibility",
         round((CASE WHEN tx = 'RENT' THEN 300 + rooms * 150 + r_price * 400 ELSE 50000 + rooms * 30000 + r_price * 120000 END)::numeric, -1),
         round((25 + rooms * 18 + r_size * 30)::numeric, 1),
         CASE WHEN ptype = 'LAND' THEN NULL ELSE rooms END,
         ARRAY(SELECT f FROM unnest(ARRAY['balkon','lodzia','vytah','pivnica','garaz','parkovanie','terasa','zahrada','klimatizacia','novostavba']) f
               WHERE random() < 0.3 + 0 * g),
         (CASE WHEN r_status < 0.92 THEN 'ACTIVE' WHEN r_status < 0.95 THEN 'RESERVED' WHEN r_status < 0.98 THEN 'SOLD' ELSE 'ARCHIVED' END)::reality."ListingStatus",
         (ARRAY['A','B','C','D','E'])[1 + floor(r_energy * 5)::int]::reality."EnergyClass",
         now() - r_pub * interval '180 days', now() + (1 + r_pub * 89) * interval '1 day', now()
       FROM shaped`,
      [LISTINGS, realtors.rows.map((r) => r.id), agencies.rows.map((a) => a.id)],
    );
    // A long-lived table has been vacuumed: its visibility map lets counts and facets run as
    // index-only scans. A freshly seeded one has not, until autovacuum gets to it. Every table
    // the listings' triggers filled too (words, map and facet cells): without their statistics
    // the planner reads full text and clusters by plans seconds slow.
    await client.query("VACUUM (ANALYZE)");
    console.log(`seeded ${LISTINGS.toLocaleString("en")} listings in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}

interface Result {
  latencies: number[];
  errors: number;
  seconds: number;
  perSearch: Map<string, number[]>;
  /** CPU ms per answered search: the gateway, the reality subgraph, PostgreSQL, this load generator. */
  cpu: { gateway: number; reality: number; postgres: number; load: number };
}

/** The processes whose CPU a phase reads (the property subgraph answers no search). */
let pids: { gateway: number; reality: number } | null = null;

/** `concurrency` workers issue `searches` in turn until `seconds` pass or MAX_REQUESTS are sent. */
async function load(
  url: string,
  headers: Record<string, string>,
  concurrency = CONCURRENCY,
  searches: readonly Search[] = MIX,
  seconds = SECONDS,
): Promise<Result> {
  const latencies: number[] = [];
  const perSearch = new Map<string, number[]>(searches.map((m) => [m.name, []]));
  let sent = 0;
  let errors = 0;
  const cpuBefore = { gateway: cpuMs(pids!.gateway), reality: cpuMs(pids!.reality), postgres: postgresCpuMs(), load: process.cpuUsage() };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline && sent < MAX_REQUESTS) {
      const i = sent++;
      const search = searches[i % searches.length]!;
      const t0 = performance.now();
      const answer = await post(url, { query: search.query, variables: search.variables(Math.floor(i / searches.length)) }, headers).catch((error: Error) => ({
        status: 0,
        body: error.message,
      }));
      const ms = performance.now() - t0;
      if (answer.status === 200 && !answer.body.includes('"errors"')) {
        latencies.push(ms);
        perSearch.get(search.name)!.push(ms);
      } else {
        errors++;
        if (errors === 1) console.error(`first error at ${url}: ${answer.status} ${answer.body.slice(0, 500)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const loadCpu = process.cpuUsage(cpuBefore.load);
  const per = (ms: number) => ms / Math.max(1, latencies.length);
  return {
    latencies: latencies.sort((a, b) => a - b),
    errors,
    seconds: elapsed,
    perSearch,
    cpu: {
      gateway: per(cpuMs(pids!.gateway) - cpuBefore.gateway),
      reality: per(cpuMs(pids!.reality) - cpuBefore.reality),
      postgres: per(postgresCpuMs() - cpuBefore.postgres),
      load: per((loadCpu.user + loadCpu.system) / 1000),
    },
  };
}

const cpuColumns = (r: Result) =>
  [r.cpu.gateway, r.cpu.reality, r.cpu.postgres, r.cpu.load, r.cpu.gateway + r.cpu.reality + r.cpu.postgres + r.cpu.load]
    .map((ms) => ms.toFixed(2).padStart(9))
    .join("");
const CPU_HEADER = ["gateway", "reality", "postgres", "load", "all"].map((h) => h.padStart(9)).join("");

const DATABASE = values.database;

/** The database a previous `--keep` run left, migrated to the current schema, if it holds LISTINGS listings. */
async function keptDatabase(): Promise<BenchDatabase | null> {
  const exists = await onTestServer("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
  if (!exists.rowCount) return null;
  const ownerUrl = testDatabaseUrl(DATABASE);
  const { rows } = await onDatabase(ownerUrl, "SELECT count(*)::int AS n FROM reality.listings");
  if (rows[0]?.n !== LISTINGS) return null;
  const started = Date.now();
  await applyMigrations({ databaseUrl: ownerUrl });
  await onDatabase(ownerUrl, "VACUUM (ANALYZE)");
  console.log(`reusing ${DATABASE} (${LISTINGS.toLocaleString("en")} listings), migrated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    name: DATABASE,
    ownerUrl,
    realityUrl: withLogin(ownerUrl, roleNames.reality),
    propertyUrl: withLogin(ownerUrl, roleNames.property),
    drop: () => onTestServer(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`).then(() => undefined),
  };
}

const kept = values.reuse ? await keptDatabase() : null;
const db = kept ?? (await createBenchDatabase(DATABASE));
let services: Awaited<ReturnType<typeof startServices>> | null = null;
try {
  if (!kept) await seed(db.ownerUrl);
  // Every search comes from this one address: the anonymous per-address limit would refuse the
  // saturation phase after its first 200 points, and measure the limiter, not search.
  services = await startServices(db, { env: { RATE_LIMIT_ANONYMOUS_POINTS: "10000000" } });
  pids = services.pids;
  // Warm-up: plans cached, connections open, pages in the buffer cache.
  // A cold cache on a loaded machine can outlast the gateway's subgraph timeout: a failed warm-up
  // request is counted, not fatal (the timed phases count their errors too).
  let warmUpErrors = 0;
  for (let i = 0; i < MIX.length * 3; i++) {
    const search = MIX[i % MIX.length]!;
    await graphql(services.gatewayUrl, search.query, search.variables(Math.floor(i / MIX.length))).catch(() => warmUpErrors++);
  }
  if (warmUpErrors) console.log(`warm-up: ${warmUpErrors} of ${MIX.length * 3} requests failed`);
  const results: [string, Result][] = [];
  const loads: string[] = [];
  const loadAverage = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(" ");
  for (const [name, url, headers] of [
    ["gateway", services.gatewayUrl, {}],
    ["reality subgraph", services.realityUrl, services.subgraphHeaders],
  ] as const) {
    console.log(`running ${name} for up to ${SECONDS} s / ${MAX_REQUESTS} requests at concurrency ${CONCURRENCY} (load average ${loadAverage()}) …`);
    results.push([name, await load(url, headers)]);
    loads.push(`${name} ${loadAverage()}`);
  }
  let saturated: Result | null = null;
  if (SATURATION > 0) {
    console.log(`running the gateway at concurrency ${SATURATION} for up to ${SECONDS} s (load average ${loadAverage()}) …`);
    saturated = await load(services.gatewayUrl, {}, SATURATION);
    loads.push(`saturation ${loadAverage()}`);
  }
  const fmt = (n: number) => n.toFixed(1).padStart(8);
  const pcts = (l: number[]) => [50, 95, 99].map((p) => percentile(l, p).toFixed(1)).join(" / ");
  console.log(`\n${LISTINGS.toLocaleString("en")} listings, concurrency ${CONCURRENCY}; load average (1/5/15 min) after each phase: ${loads.join("; ")}`);
  console.log(
    `${"".padEnd(18)}${"requests".padStart(10)}${"errors".padStart(8)}${"req/s".padStart(9)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"p99 ms".padStart(9)}`,
  );
  const rows: [string, Result][] = [...results, ...(saturated ? [[`gateway x${SATURATION}`, saturated] as [string, Result]] : [])];
  for (const [name, r] of rows) {
    console.log(
      `${name.padEnd(18)}${String(r.latencies.length).padStart(10)}${String(r.errors).padStart(8)}${fmt(r.latencies.length / r.seconds).padStart(9)}${fmt(percentile(r.latencies, 50)).padStart(9)}${fmt(percentile(r.latencies, 95)).padStart(9)}${fmt(percentile(r.latencies, 99)).padStart(9)}`,
    );
  }
  console.log(`\nper search (p50 / p95 / p99 ms): ${results.map(([name]) => name).join("  |  ")}`);
  for (const search of MIX) {
    const cells = results.map(([, r]) => pcts(r.perSearch.get(search.name)!.sort((a, b) => a - b)));
    console.log(`  ${search.name.padEnd(36)} ${cells.map((c) => c.padEnd(22)).join("  |  ")}`);
  }
  if (saturated) {
    console.log(`\nsaturation: ${(saturated.latencies.length / saturated.seconds).toFixed(0)} searches/s through the gateway at concurrency ${SATURATION}`);
    console.log(`CPU ms per search (2 cores: 2,000 ms a second in all):${CPU_HEADER}`);
    console.log(`${"  the mix".padEnd(55)}${cpuColumns(saturated)}`);
  }
  if (PER_TYPE_SECONDS > 0) {
    console.log(`\neach search alone through the gateway, concurrency ${Math.max(1, SATURATION)}, ${PER_TYPE_SECONDS} s each (load average ${loadAverage()}):`);
    console.log(`${"".padEnd(38)}${"req/s".padStart(8)}${"p50 ms".padStart(8)}${"errors".padStart(7)}   CPU ms/search${CPU_HEADER}`);
    for (const search of MIX) {
      const r = await load(services.gatewayUrl, {}, Math.max(1, SATURATION), [search], PER_TYPE_SECONDS);
      console.log(
        `  ${search.name.padEnd(36)}${(r.latencies.length / r.seconds).toFixed(0).padStart(8)}${percentile(r.latencies, 50).toFixed(1).padStart(8)}${String(r.errors).padStart(7)}${"".padEnd(16)}${cpuColumns(r)}`,
      );
    }
  }
} finally {
  await services?.stop();
  loadAgent.destroy();
  // A reused database stays: it took minutes to seed (and maybe to migrate).
  if (!values.keep && !values.reuse) await db.drop();
}
