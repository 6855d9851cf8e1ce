// Server-rendered listing page benchmark: the time until a listing page's whole HTML has arrived,
// as a search engine or a visitor without JavaScript fetches it, from the portal's production
// build (`vite build` + `vite build --ssr`, its own server process) in front of the gateway and both
// subgraphs as separate processes. "Warm": the processes have served the page before (plans,
// connections, JIT), as on a live site; every request still renders anew (the portal's server keeps
// no page cache: caches are the browsers' and CDNs', by Cache-Control and ETag, timed apart as the
// 304 of a revalidation). Budget: p95 under 200 ms.
//
//   npx tsx bench/portal-html/run.ts [--requests 200] [--concurrency 1,4] [--listings 2000]
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parseArgs } from "node:util";
import pg from "pg";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { repoRoot } from "@ppt/server-kit";
import { createBenchDatabase, percentile, startServices } from "../support/services.ts";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "200" },
    concurrency: { type: "string", default: "1,4" },
    listings: { type: "string", default: "2000" },
    keep: { type: "boolean", default: false },
  },
});
const REQUESTS = Number(values.requests);
const CONCURRENCY = values.concurrency.split(",").map(Number);
const LISTINGS = Number(values.listings);
const BUDGET_MS = 200;

const appDir = join(repoRoot, "clients", "portal");
// Inside the app (dist/ is git-ignored): the server entry imports react-dom and the rest from node_modules.
mkdirSync(join(appDir, "dist"), { recursive: true });
const dist = mkdtempSync(join(appDir, "dist", "bench-"));
const vite = join(repoRoot, "node_modules", ".bin", "vite");
const build = (args: string[]) =>
  promisify(execFile)(vite, ["build", ...args, "--logLevel", "error"], { cwd: appDir, env: { ...process.env, NODE_ENV: "production" }, maxBuffer: 16 << 20 });

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  const { port } = probe.address() as AddressInfo;
  await new Promise((done) => probe.close(done));
  return port;
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (
      await fetch(url).then(
        (res) => res.ok,
        () => false,
      )
    )
      return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

const db = await createBenchDatabase("ppt_bench_portal_html");
let services: Awaited<ReturnType<typeof startServices>> | null = null;
let portalProcess: ChildProcess | null = null;
try {
  console.log(`building the portal (client and server entry)…`);
  await build(["--outDir", join(dist, "client"), "--emptyOutDir"]);
  await build(["--ssr", "src/ssr/entry-server.tsx", "--outDir", join(dist, "server"), "--emptyOutDir"]);

  // An agency, its realtor and N published listings with full details (no photos).
  const client = new pg.Client({ connectionString: db.ownerUrl });
  await client.connect();
  const { rows: agencies } = await client.query<{ id: string }>(
    `INSERT INTO reality.agencies (name, slug, city, status, updated_at) VALUES ('Reality Bench', 'reality-bench', 'Košice', 'ACTIVE', now()) RETURNING id`,
  );
  const { rows: realtors } = await client.query<{ id: string }>(
    `INSERT INTO reality.realtors (display_name, status, updated_at) VALUES ('Bench Maklér', 'ACTIVE', now()) RETURNING id`,
  );
  const { rows: listings } = await client.query<{ id: string; title: string }>(
    `INSERT INTO reality.listings (agency_id, realtor_id, property_type, transaction_type, title, description, street, city, district, price,
       size_sqm, rooms, floor, total_floors, year_built, status, energy_class, published_at, expires_at, updated_at)
     SELECT $1, $2, 'APARTMENT', 'SALE', (1 + g % 4) || '-izbový byt na ulici Hlavná ' || g, repeat('Svetlý byt po rekonštrukcii. ', 20),
       'Hlavná', 'Košice', 'Staré Mesto', 100000 + g * 10, 40 + g % 60, 1 + g % 4, g % 8, 8, 1960 + g % 60,
       'ACTIVE', 'B', now(), now() + interval '60 days', now()
     FROM generate_series(1, $3::int) g RETURNING id, title`,
    [agencies[0]!.id, realtors[0]!.id, LISTINGS],
  );
  await client.end();

  services = await startServices(db);
  // The portal's own server as production runs it (`node server/main.ts`), a process of its own.
  const port = await freePort();
  portalProcess = spawn(process.execPath, [join(appDir, "server", "main.ts")], {
    cwd: appDir,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", PPT_GATEWAY_URL: services.gatewayUrl, PORTAL_DIST: dist },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const portal = `http://127.0.0.1:${port}`;
  await waitFor(`${portal}/robots.txt`);
  // Each page at its canonical address (a 301 would be timed otherwise): the old /inzerat/<id> answers with it.
  const pages: string[] = [];
  for (const listing of listings.slice(0, Math.min(listings.length, 200))) {
    const res = await fetch(`${portal}/inzerat/${listing.id}`, { redirect: "manual" });
    if (res.status !== 301) throw new Error(`/inzerat/${listing.id}: expected 301, got ${res.status}`);
    pages.push(new URL(res.headers.get("location")!, portal).href);
  }

  async function fetchPage(url: string, etag?: string): Promise<{ ms: number; status: number; etag: string | null; body: string }> {
    const started = performance.now();
    const res = await fetch(url, { headers: { accept: "text/html", ...(etag ? { "if-none-match": etag } : {}) }, redirect: "manual" });
    const body = await res.text();
    return { ms: performance.now() - started, status: res.status, etag: res.headers.get("etag"), body };
  }

  // Warm-up: every process has served listing pages (and the check that the page is the real one).
  const first = await fetchPage(pages[0]!);
  if (first.status !== 200 || !first.body.includes(listings[0]!.title) || !first.body.includes("application/ld+json")) {
    throw new Error(`the listing page is not rendered: ${first.status}`);
  }
  for (let i = 0; i < 30; i++) await fetchPage(pages[i % pages.length]!);

  console.log(`\n${LISTINGS} listings, ${REQUESTS} requests per row, load average ${loadavg()[0]!.toFixed(1)} at start`);
  console.log(`${"what".padEnd(40)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"max".padStart(7)}  req/s   budget p95 < ${BUDGET_MS} ms`);
  const row = (label: string, times: number[], seconds: number) => {
    const t = [...times].sort((a, b) => a - b);
    const p95 = percentile(t, 95);
    console.log(
      `${label.padEnd(40)} ${percentile(t, 50).toFixed(1).padStart(7)} ${p95.toFixed(1).padStart(7)} ${t.at(-1)!.toFixed(1).padStart(7)}  ${(times.length / seconds).toFixed(0).padStart(5)}   ${p95 < BUDGET_MS ? "met" : "MISSED"}`,
    );
  };
  for (const concurrency of CONCURRENCY) {
    const times: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < REQUESTS) {
          const page = pages[next++ % pages.length]!;
          const answer = await fetchPage(page);
          if (answer.status !== 200) throw new Error(`${page}: ${answer.status}`);
          times.push(answer.ms);
        }
      }),
    );
    row(`listing page HTML, concurrency ${concurrency}`, times, (performance.now() - started) / 1000);
  }
  // A revalidation (If-None-Match): the page is rendered again and only its ETag compared.
  const etags = await Promise.all(pages.slice(0, 20).map(async (page) => (await fetchPage(page)).etag!));
  const revalidations: number[] = [];
  const started = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    const answer = await fetchPage(pages[i % 20]!, etags[i % 20]);
    if (answer.status !== 304) throw new Error(`${pages[i % 20]}: expected 304, got ${answer.status}`);
    revalidations.push(answer.ms);
  }
  row("revalidation (304), concurrency 1", revalidations, (performance.now() - started) / 1000);
  console.log(`load average ${loadavg()[0]!.toFixed(1)} at the end`);
} finally {
  portalProcess?.kill("SIGTERM");
  await services?.stop();
  if (!values.keep) await db.drop();
  rmSync(dist, { recursive: true, force: true });
}
