// Bulk-edit benchmark: the time of one bulkUpdateListings mutation of 1,000 and of 10,000 patches
// through the gateway (variables, as a client sends them), side by side, each repeated.
//
//   npx tsx bench/bulk/run.ts [--repeat 3] [--keep]
import { parseArgs } from "node:util";
import pg from "pg";
import { createBenchDatabase, graphql, percentile, startServices } from "../support/services.ts";

const { values } = parseArgs({ options: { repeat: { type: "string", default: "3" }, keep: { type: "boolean", default: false } } });
const REPEAT = Math.min(Number(values.repeat), 10);
const SIZES = [1_000, 10_000];

const BULK = /* GraphQL */ `
  mutation Bulk($input: [ListingPatch!]!) {
    bulkUpdateListings(input: $input) {
      applied
      failed
      results {
        index
        ok
        code
      }
    }
  }
`;

const db = await createBenchDatabase("ppt_bench_bulk");
let services: Awaited<ReturnType<typeof startServices>> | null = null;
try {
  // One realtor with 10,000 listings (and a portal account to sign in with).
  const client = new pg.Client({ connectionString: db.ownerUrl });
  await client.connect();
  const { rows: users } = await client.query<{ id: string }>(
    `INSERT INTO reality.portal_users (email, name, updated_at) VALUES ('bench@example.sk', 'Bench', now()) RETURNING id`,
  );
  const { rows: realtors } = await client.query<{ id: string }>(
    `INSERT INTO reality.realtors (portal_user_id, display_name, status, updated_at) VALUES ($1, 'Bench Maklér', 'ACTIVE', now()) RETURNING id`,
    [users[0]!.id],
  );
  const { rows: listings } = await client.query<{ id: string }>(
    `INSERT INTO reality.listings (realtor_id, property_type, transaction_type, title, street, city, price, status, energy_class, published_at, expires_at, updated_at)
     SELECT $1, 'APARTMENT', 'SALE', 'Byt ' || g, 'Hlavná', 'Košice', 100000 + g, 'ACTIVE', 'B', now(), now() + interval '60 days', now()
     FROM generate_series(1, 10000) g RETURNING id`,
    [realtors[0]!.id],
  );
  await client.end();
  services = await startServices(db);
  const token = await services.token({ sub: users[0]!.id, aud: "portal" });

  let round = 0;
  const patches = (count: number) =>
    listings.slice(0, count).map((l, i) => ({
      id: l.id,
      price: String(150_000 + round * 1_000 + i),
      status: (i + round) % 2 ? "RESERVED" : "ACTIVE",
      features: ["vytah", "balkon"],
    }));
  // Warm-up (plans, connections, JIT) with a small batch.
  await graphql(services.gatewayUrl, BULK, { input: patches(100) }, token);

  const timings = new Map<number, number[]>(SIZES.map((n) => [n, []]));
  for (let r = 0; r < REPEAT; r++) {
    for (const size of SIZES) {
      round++;
      const input = patches(size);
      const started = performance.now();
      const data = (await graphql(services.gatewayUrl, BULK, { input }, token)) as { bulkUpdateListings: { applied: number; failed: number } };
      const ms = performance.now() - started;
      if (data.bulkUpdateListings.applied !== size) throw new Error(`expected ${size} applied, got ${JSON.stringify(data.bulkUpdateListings)}`);
      timings.get(size)!.push(ms);
      console.log(
        `  ${size.toLocaleString("en").padStart(6)} patches: ${ms.toFixed(0)} ms (${Math.round(JSON.stringify({ query: BULK, variables: { input } }).length / 1024)} KiB request)`,
      );
    }
  }
  console.log(`\nbulkUpdateListings through the gateway, ${REPEAT} runs each (median / max ms, patches per second)`);
  for (const size of SIZES) {
    const t = timings.get(size)!.sort((a, b) => a - b);
    const median = percentile(t, 50);
    console.log(
      `  ${size.toLocaleString("en").padStart(6)} patches: ${median.toFixed(0)} / ${t.at(-1)!.toFixed(0)} ms, ${Math.round(size / (median / 1000)).toLocaleString("en")} patches/s`,
    );
  }
} finally {
  await services?.stop();
  if (!values.keep) await db.drop();
}
