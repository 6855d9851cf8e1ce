// Tracing overhead: the same query load through three gateway + subgraph stacks on one database,
// started side by side in one run: tracing off, on with every trace kept (100 %), and on with one
// in ten kept (10 %). The traced stacks export over OTLP/HTTP to a receiver this script runs (it
// counts what arrives and answers like a collector). Rounds alternate between the stacks, so a
// machine that gets busier or quieter during the run affects all three alike.
//
//   npx tsx bench/tracing/run.ts [--listings 2000] [--concurrency 4] [--seconds 5] [--rounds 3]
//
// The query reaches both subgraphs and PostgreSQL: a page of the public search and the property
// subgraph's health field.
import { createServer } from "node:http";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { createBenchDatabase, graphql, percentile, startServices, type Services } from "../support/services.ts";

const { values } = parseArgs({
  options: {
    listings: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "4" },
    seconds: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
  },
});
const CONCURRENCY = Number(values.concurrency);
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const QUERY = `query TracingBench($city: String) { searchListings(filter: { city: $city }, first: 10) { totalCount edges { node { id title price { amount currency } } } } propertyHealth }`;
const CITIES = ["Bratislava", "Košice", "Prešov", "Žilina"];

/** A stand-in OpenTelemetry Collector: accepts OTLP/HTTP trace exports and counts them. */
async function otlpReceiver(): Promise<{ url: string; exports: () => number; bytes: () => number; close(): Promise<void> }> {
  let exports = 0;
  let bytes = 0;
  const server = createServer((req, res) => {
    req.on("data", (chunk: Buffer) => (bytes += chunk.length));
    req.on("end", () => {
      if (req.url === "/v1/traces") exports++;
      // An empty ExportTraceServiceResponse: full success.
      res.writeHead(200, { "content-type": "application/x-protobuf" }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, exports: () => exports, bytes: () => bytes, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function seed(url: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [realtor] = (
      await client.query<{ id: string }>(`INSERT INTO reality.realtors (display_name, status, updated_at) VALUES ('Maklér', 'ACTIVE', now()) RETURNING id`)
    ).rows;
    await client.query(
      `INSERT INTO reality.listings (realtor_id, property_type, transaction_type, title, street, city, price, status, published_at, updated_at)
       SELECT $1, 'APARTMENT', 'SALE', g || '-izbový byt', 'Hlavná', ($3::text[])[1 + g % 4], 50000 + g * 10, 'ACTIVE', now() - g * interval '1 minute', now()
       FROM generate_series(1, $2::int) g`,
      [realtor!.id, count, CITIES],
    );
    await client.query("ANALYZE reality.listings");
  } finally {
    await client.end();
  }
}

interface Variant {
  name: string;
  env: Record<string, string>;
  services?: Services;
  latencies: number[];
  requests: number;
  elapsedMs: number;
}

async function round(variant: Variant): Promise<void> {
  const deadline = Date.now() + SECONDS * 1000;
  const started = Date.now();
  let i = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) {
        const t = performance.now();
        await graphql(variant.services!.gatewayUrl, QUERY, { city: CITIES[i++ % CITIES.length] });
        variant.latencies.push(performance.now() - t);
        variant.requests++;
      }
    }),
  );
  variant.elapsedMs += Date.now() - started;
}

const receiver = await otlpReceiver();
const traced = (ratio: string) => ({
  OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
  OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
  OTEL_TRACES_SAMPLER_ARG: ratio,
});
const variants: Variant[] = [
  { name: "tracing off", env: { OTEL_SDK_DISABLED: "true" }, latencies: [], requests: 0, elapsedMs: 0 },
  { name: "tracing on, 100 % sampled", env: traced("1"), latencies: [], requests: 0, elapsedMs: 0 },
  { name: "tracing on, 10 % sampled", env: traced("0.1"), latencies: [], requests: 0, elapsedMs: 0 },
];
const db = await createBenchDatabase("ppt_bench_tracing");
try {
  await seed(db.ownerUrl, Number(values.listings));
  // One address sends the whole load: the anonymous per-address limit would measure the limiter.
  for (const variant of variants) variant.services = await startServices(db, { env: { RATE_LIMIT_ANONYMOUS_POINTS: "10000000", ...variant.env } });
  const loadBefore = loadavg()[0]!;
  // Warm-up: plans cached, pools filled, JIT done, in every stack.
  for (const variant of variants) {
    for (let n = 0; n < 50; n++) await graphql(variant.services!.gatewayUrl, QUERY, { city: CITIES[n % CITIES.length] });
    variant.latencies.length = 0;
  }
  const exportsBefore = receiver.exports();
  for (let r = 0; r < ROUNDS; r++) for (const variant of variants) await round(variant);
  const loadAfter = loadavg()[0]!;
  console.log(
    `\n${ROUNDS} rounds × ${SECONDS} s per variant, concurrency ${CONCURRENCY}, ${values.listings} listings; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`,
  );
  console.log("variant                      req/s   p50 ms   p95 ms   p99 ms");
  for (const v of variants) {
    const sorted = [...v.latencies].sort((a, b) => a - b);
    const rate = v.requests / (v.elapsedMs / 1000);
    console.log(
      `${v.name.padEnd(27)} ${rate.toFixed(1).padStart(6)} ${percentile(sorted, 50).toFixed(1).padStart(8)} ${percentile(sorted, 95).toFixed(1).padStart(8)} ${percentile(sorted, 99).toFixed(1).padStart(8)}`,
    );
  }
  console.log(`OTLP exports received during the rounds: ${receiver.exports() - exportsBefore} (${(receiver.bytes() / 1024).toFixed(0)} KiB in all)`);
} finally {
  for (const variant of variants) await variant.services?.stop();
  await receiver.close();
  await db.drop();
}
