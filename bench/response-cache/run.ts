// Response cache benchmark: the portal's anonymous listing page and search page through two
// gateways over the same subgraphs, one with the public response cache off and one with it on
// (RESPONSE_CACHE, Redis), in the same run and in interleaved rounds, with varied variables: a
// listing id drawn from the database per request, a search over one of many city / type /
// transaction / page-size combinations. The cached gateway is first asked every id and search once
// (untimed; --cold skips that); entries expire after their max-age, so later rounds miss again.
//
//   npx tsx bench/response-cache/run.ts [--listings 5000] [--ids 200] [--concurrency 8] [--seconds 5] [--rounds 3] [--cold]
//
// Needs PostgreSQL (the test server) and Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379).
// Loopback only; every phase is bounded in time.
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import pg from "pg";
import { createBenchDatabase, graphql, percentile, startServices } from "../support/services.ts";
import { CITIES } from "../search/mix.ts";

const { values } = parseArgs({
  options: {
    listings: { type: "string", default: "5000" },
    ids: { type: "string", default: "200" },
    concurrency: { type: "string", default: "8" },
    seconds: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    cold: { type: "boolean", default: false },
  },
});
const LISTINGS = Number(values.listings);
const IDS = Number(values.ids);
const CONCURRENCY = Number(values.concurrency);
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
/** Without --cold, every id and search is asked once of the cached gateway before the timed rounds (as a portal's steady traffic keeps it). */
const COLD = values.cold;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

// The portal's own documents (clients/portal/src/listings): ListingDetail and SearchListings.
const LISTING = `query ListingDetail($id: ID!) {
  listing(id: $id) {
    id savedByMe title description propertyType transactionType
    price { amount currency }
    priceHistory { oldPrice newPrice currency changedAt }
    sizeSqm rooms floor totalFloors energyClass features
    photos { id caption }
    publishedAt street city district postalCode
    realtor { id displayName phone email }
    agency { id name slug phone }
    unit { id building { id street streetNumber city yearBuilt totalFloors amenities } }
  }
}`;
const SEARCH = `query SearchListings($filter: ListingFilter, $first: Int!, $after: String) {
  searchListings(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id ...ListingCard } }
    pageInfo { hasNextPage endCursor }
    facets { cities { value count } }
  }
}
fragment ListingCard on Listing {
  id savedByMe title propertyType transactionType city district
  price { amount currency } sizeSqm rooms
  photos { id caption }
}`;

async function seed(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const agencies = await client.query<{ id: string }>(
      `INSERT INTO reality.agencies (name, slug, status, updated_at) SELECT 'Agentúra ' || g, 'bench-agency-' || g, 'ACTIVE', now()
       FROM generate_series(1, 20) g RETURNING id`,
    );
    const realtors = await client.query<{ id: string }>(
      `INSERT INTO reality.realtors (display_name, status, updated_at) SELECT 'Maklér ' || g, 'ACTIVE', now() FROM generate_series(1, 100) g RETURNING id`,
    );
    await client.query("SELECT setseed(0.42)");
    await client.query(
      `INSERT INTO reality.listings (realtor_id, agency_id, property_type, transaction_type, title, description, street, city,
         price, size_sqm, rooms, features, status, energy_class, published_at, updated_at)
       SELECT ($2::uuid[])[1 + g % 100], ($3::uuid[])[1 + g % 20],
         (ARRAY['APARTMENT','HOUSE','LAND','COMMERCIAL'])[1 + g % 4]::reality."ListingPropertyType",
         (ARRAY['SALE','RENT'])[1 + (g / 4) % 2]::reality."ListingTransactionType",
         (1 + g % 5) || '-izbový byt ' || g, 'Tehlový byt s loggiou a pivnicou.', 'Hlavná', ($4::text[])[1 + g % array_length($4::text[], 1)],
         50000 + (g % 97) * 1000, 30 + g % 90, 1 + g % 5, ARRAY['balkon','vytah'], 'ACTIVE', 'B', now() - (g % 180) * interval '1 day', now()
       FROM generate_series(1, $1::int) g`,
      [LISTINGS, realtors.rows.map((r) => r.id), agencies.rows.map((a) => a.id), CITIES.map(([name]) => name)],
    );
    await client.query("VACUUM (ANALYZE) reality.listings");
    const ids = await client.query<{ id: string }>(`SELECT id::text FROM reality.listings ORDER BY random() LIMIT $1`, [IDS]);
    return ids.rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

type Query = { name: string; query: string; variables: (i: number) => Record<string, unknown>; all: () => Record<string, unknown>[] };

function searchVariables(s: { city: string; transactionType: string; propertyType: string | null; first: number }) {
  return { filter: { city: s.city, transactionType: s.transactionType, ...(s.propertyType ? { propertyType: s.propertyType } : {}) }, first: s.first };
}

interface Result {
  latencies: number[];
  hits: number;
  errors: number;
  seconds: number;
}

async function load(url: string, query: Query): Promise<Result> {
  const latencies: number[] = [];
  let sent = 0;
  let hits = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const i = sent++;
      const t0 = performance.now();
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: query.query, variables: query.variables(i) }),
        });
        const body = (await res.json()) as { errors?: unknown[] };
        if (!res.ok || body.errors) throw new Error(`${res.status} ${JSON.stringify(body.errors).slice(0, 300)}`);
        if (res.headers.has("age")) hits++;
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        if (errors === 1) console.error(`first error at ${url}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { latencies, hits, errors, seconds: (performance.now() - started) / 1000 };
}

const load1 = () => loadavg()[0]!.toFixed(1);

async function main(): Promise<void> {
  const db = await createBenchDatabase("ppt_bench_response_cache");
  const prefix = `bench-${randomUUID()}:`;
  const redis = new Redis(REDIS_URL);
  let services: Awaited<ReturnType<typeof startServices>> | undefined;
  try {
    const ids = await seed(db.ownerUrl);
    // One environment for both gateways but the cache switch; no rate limits (one address sends everything).
    services = await startServices(db, {
      env: { REDIS_URL, REDIS_KEY_PREFIX: prefix, RATE_LIMIT_ENABLED: "false", RESPONSE_CACHE: "off" },
      extraGateways: [{ RESPONSE_CACHE: "on" }],
    });
    const gateways: [string, string][] = [
      ["cache off", services.gatewayUrl],
      ["cache on", services.extraGatewayUrls[0]!],
    ];
    const searches = CITIES.flatMap(([city]) =>
      ["SALE", "RENT"].flatMap((transactionType) =>
        ["APARTMENT", "HOUSE", null].flatMap((propertyType) => [10, 20].map((first) => ({ city, transactionType, propertyType, first }))),
      ),
    );
    const queries: Query[] = [
      {
        name: "listing page (varied id)",
        query: LISTING,
        variables: () => ({ id: ids[Math.floor(Math.random() * ids.length)] }),
        all: () => ids.map((id) => ({ id })),
      },
      {
        name: "search page (varied filter)",
        query: SEARCH,
        variables: () => searchVariables(searches[Math.floor(Math.random() * searches.length)]!),
        all: () => searches.map(searchVariables),
      },
    ];
    // Warm up (a cold process compiles its paths on the first requests, which can pass the read budget).
    for (const [, url] of gateways) {
      for (const q of queries) {
        for (let attempt = 0; ; attempt++) {
          try {
            await graphql(url, q.query, q.variables(attempt));
            break;
          } catch (error) {
            if (attempt >= 20) throw error;
            await new Promise((resolve) => setTimeout(resolve, 1_000));
          }
        }
      }
    }
    // Both gateways must give the same answers before anything is timed (the second "on" read is a hit).
    for (const q of queries) {
      for (let i = 0; i < 5; i++) {
        const variables = q.variables(i);
        const off = JSON.stringify(await graphql(gateways[0]![1], q.query, variables));
        const on1 = JSON.stringify(await graphql(gateways[1]![1], q.query, variables));
        await new Promise((resolve) => setTimeout(resolve, 50));
        const on2 = JSON.stringify(await graphql(gateways[1]![1], q.query, variables));
        if (off !== on1 || off !== on2) throw new Error(`${q.name}: the gateways answer differently`);
      }
    }
    await redis.eval(`for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end`, 0, `${prefix}response-cache:*`);
    if (!COLD) {
      const warmStarted = performance.now();
      for (const q of queries) {
        const all = q.all();
        let next = 0;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (next < all.length) await graphql(gateways[1]![1], q.query, all[next++]!);
          }),
        );
      }
      console.log(`warmed the cached gateway with every id and search once in ${((performance.now() - warmStarted) / 1000).toFixed(1)} s`);
    }
    console.log(
      `${LISTINGS.toLocaleString("en")} listings, ${ids.length} listing ids, ${searches.length} searches; concurrency ${CONCURRENCY}, ${ROUNDS} rounds of ${SECONDS} s per gateway, interleaved; the cache ${COLD ? "starts cold" : "starts warm (entries live 60 s: later rounds miss again)"}`,
    );
    console.log(
      `load average at start: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    const totals = new Map<string, Result>();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const q of queries) {
        for (const [name, url] of gateways) {
          const r = await load(url, q);
          const key = `${q.name} | ${name}`;
          const total = totals.get(key) ?? { latencies: [], hits: 0, errors: 0, seconds: 0 };
          total.latencies.push(...r.latencies);
          total.hits += r.hits;
          total.errors += r.errors;
          total.seconds += r.seconds;
          totals.set(key, total);
          console.log(`round ${round} ${key}: ${(r.latencies.length / r.seconds).toFixed(0)} req/s (load ${load1()})`);
        }
      }
    }
    console.log(`\n${"query | gateway".padEnd(44)} ${"req/s".padStart(7)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"hits".padStart(6)} errors`);
    for (const q of queries) {
      const rates: number[] = [];
      for (const [name] of gateways) {
        const t = totals.get(`${q.name} | ${name}`)!;
        const sorted = [...t.latencies].sort((a, b) => a - b);
        const rate = t.latencies.length / t.seconds;
        rates.push(rate);
        console.log(
          `${`${q.name} | ${name}`.padEnd(44)} ${rate.toFixed(0).padStart(7)} ${percentile(sorted, 50).toFixed(1).padStart(8)} ${percentile(sorted, 99).toFixed(1).padStart(8)} ${`${((100 * t.hits) / Math.max(1, t.latencies.length)).toFixed(0)}%`.padStart(6)} ${t.errors}`,
        );
      }
      console.log(`${q.name}: cache on / off = ${(rates[1]! / rates[0]!).toFixed(1)}×`);
    }
    console.log(
      `load average at end: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
  } finally {
    await services?.stop();
    await redis.eval(`for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end`, 0, `${prefix}*`).catch(() => undefined);
    redis.disconnect();
    await db.drop();
  }
}

await main();
