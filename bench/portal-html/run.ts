// Server-rendered listing page benchmark: the time until a listing page's whole HTML has arrived,
// as a search engine or a visitor without JavaScript fetches it, from the portal's production
// build (`vite build` + `vite build --ssr`, its own server process) in front of the gateway and both
// subgraphs as separate processes. "Warm": the processes have served every page of the run before
// (plans, connections, JIT, caches), as on a live site. One run times both set-ups side by side:
// "before", every request rendered against a gateway without its response cache; "after", as
// production runs: the portal keeps rendered pages 10 s (PORTAL_PAGE_CACHE_SECONDS), serves them up
// to 60 s more while one render refreshes them (PORTAL_PAGE_STALE_SECONDS), and the gateway
// answers from its Redis response cache; revalidations (If-None-Match → 304) are timed apart.
// Budget: p95 under 200 ms.
//
// Every request comes from one address (127.0.0.1), as if one visitor read thousands of pages a
// minute: the gateway's per-address limit for anonymous callers (200 points a minute) is raised
// for this run, or it would refuse the portal after the first few hundred queries. (A live portal
// passes each visitor's address on in X-Forwarded-For; see clients/portal/README.md.)
//
//   npx tsx bench/portal-html/run.ts [--requests 200] [--concurrency 1,4] [--listings 2000] [--pages 200] [--dist <a kept build>]
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
    // How many different listing pages the requests cycle over: 200 is a crawler's spread (a
    // kept page is rarely asked again within its 10 s), 20 a popular set visitors keep opening.
    pages: { type: "string", default: "200" },
    keep: { type: "boolean", default: false },
    // A build kept from an earlier run (--keep prints it): the build takes minutes on a busy machine.
    dist: { type: "string" },
  },
});
const REQUESTS = Number(values.requests);
const CONCURRENCY = values.concurrency.split(",").map(Number);
const LISTINGS = Number(values.listings);
const PAGES = Number(values.pages);
const BUDGET_MS = 200;

const appDir = join(repoRoot, "clients", "portal");
// Inside the app (dist/ is git-ignored): the server entry imports react-dom and the rest from node_modules.
mkdirSync(join(appDir, "dist"), { recursive: true });
const dist = values.dist ?? mkdtempSync(join(appDir, "dist", "bench-"));
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
const portalProcesses: ChildProcess[] = [];
try {
  if (!values.dist) {
    console.log(`building the portal (client and server entry)…`);
    await build(["--outDir", join(dist, "client"), "--emptyOutDir"]);
    await build(["--ssr", "src/ssr/entry-server.tsx", "--outDir", join(dist, "server"), "--emptyOutDir"]);
  }

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

  // Two gateways over the same subgraphs: the first as tests run it (no response cache), the
  // second as production runs it, with the public response cache in Redis (its own key prefix).
  const prefix = `ppt-bench-portal-html-${process.pid}:`;
  services = await startServices(db, {
    env: { RATE_LIMIT_ANONYMOUS_POINTS: "10000000" },
    extraGateways: [{ RESPONSE_CACHE: "on", REDIS_URL: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379", REDIS_KEY_PREFIX: prefix }],
  });
  // The portal's own server as production runs it (`node server/main.ts`), a process of its own:
  // "before" renders every request against the plain gateway; "after" keeps rendered pages
  // (PORTAL_PAGE_CACHE_SECONDS, default 10; stale while refreshed, default 60) in front of the caching gateway.
  const startPortal = async (gatewayUrl: string, pageCacheSeconds: string) => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(appDir, "server", "main.ts")], {
      cwd: appDir,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        PPT_GATEWAY_URL: gatewayUrl,
        PORTAL_DIST: dist,
        PORTAL_PAGE_CACHE_SECONDS: pageCacheSeconds,
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    portalProcesses.push(child);
    const url = `http://127.0.0.1:${port}`;
    await waitFor(`${url}/robots.txt`);
    return url;
  };
  const portals = { before: await startPortal(services.gatewayUrl, "0"), after: await startPortal(services.extraGatewayUrls[0]!, "10") };
  // The first queries of fresh processes can outlast the gateway's 4 s subgraph timeout on a busy
  // machine (code paths compiled on first use): until one listing's address answers, try again.
  for (let attempt = 1; ; attempt++) {
    const statuses = await Promise.all(
      Object.values(portals).map(async (portal) => (await fetch(`${portal}/inzerat/${listings[0]!.id}`, { redirect: "manual" })).status),
    );
    if (statuses.every((status) => status === 301)) break;
    if (attempt === 60) throw new Error(`the portals do not answer listing addresses: ${statuses.join(", ")}`);
    await new Promise((done) => setTimeout(done, 2_000));
  }
  // Each page at its canonical address (a 301 would be timed otherwise): the old /inzerat/<id> answers with it.
  const paths: string[] = [];
  for (const listing of listings.slice(0, Math.min(listings.length, PAGES))) {
    const res = await fetch(`${portals.before}/inzerat/${listing.id}`, { redirect: "manual" });
    if (res.status !== 301) throw new Error(`/inzerat/${listing.id}: expected 301, got ${res.status}`);
    paths.push(res.headers.get("location")!);
  }

  async function fetchPage(url: string, etag?: string): Promise<{ ms: number; status: number; etag: string | null; body: string; kept: boolean }> {
    const started = performance.now();
    const res = await fetch(url, { headers: { accept: "text/html", ...(etag ? { "if-none-match": etag } : {}) }, redirect: "manual" });
    const body = await res.text();
    return { ms: performance.now() - started, status: res.status, etag: res.headers.get("etag"), body, kept: res.headers.has("age") };
  }

  // Warm-up: both portals have served every page of the run once (and the check that the page is the real one).
  for (const portal of Object.values(portals)) {
    const first = await fetchPage(`${portal}${paths[0]}`);
    if (first.status !== 200 || !first.body.includes(listings[0]!.title) || !first.body.includes("application/ld+json")) {
      throw new Error(`the listing page is not rendered: ${first.status}`);
    }
    for (const path of paths) await fetchPage(`${portal}${path}`);
  }

  console.log(`\n${LISTINGS} listings, ${paths.length} pages, ${REQUESTS} requests per row, load average ${loadavg()[0]!.toFixed(1)} at start`);
  console.log(
    `before: every request rendered, gateway without response cache; after: pages kept 10 s and served stale up to 60 s more while refreshed, gateway response cache (Redis)`,
  );
  console.log(`${"what".padEnd(44)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"max".padStart(7)}  req/s  kept   budget p95 < ${BUDGET_MS} ms`);
  const row = (label: string, times: number[], seconds: number, kept: number) => {
    const t = [...times].sort((a, b) => a - b);
    const p95 = percentile(t, 95);
    console.log(
      `${label.padEnd(44)} ${percentile(t, 50).toFixed(1).padStart(7)} ${p95.toFixed(1).padStart(7)} ${t.at(-1)!.toFixed(1).padStart(7)}  ${(times.length / seconds).toFixed(0).padStart(5)}  ${String(kept).padStart(4)}   ${p95 < BUDGET_MS ? "met" : "MISSED"}`,
    );
  };
  // Rows alternate before/after so both see the same machine (others' load moves a lot here).
  for (const concurrency of CONCURRENCY) {
    for (const [which, portal] of Object.entries(portals)) {
      const times: number[] = [];
      let next = 0;
      let kept = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < REQUESTS) {
            const page = `${portal}${paths[next++ % paths.length]}`;
            const answer = await fetchPage(page);
            if (answer.status !== 200) throw new Error(`${page}: ${answer.status}`);
            times.push(answer.ms);
            if (answer.kept) kept++;
          }
        }),
      );
      row(`${which}: listing page HTML, concurrency ${concurrency}`, times, (performance.now() - started) / 1000, kept);
    }
  }
  // A revalidation (If-None-Match): the page rendered (or taken from the kept ones) and only its ETag compared.
  for (const [which, portal] of Object.entries(portals)) {
    const urls = Array.from({ length: 20 }, (_, i) => `${portal}${paths[i % paths.length]}`);
    const etags = await Promise.all(urls.map(async (url) => (await fetchPage(url)).etag!));
    const revalidations: number[] = [];
    let kept = 0;
    const started = performance.now();
    for (let i = 0; i < REQUESTS; i++) {
      const answer = await fetchPage(urls[i % 20]!, etags[i % 20]);
      if (answer.status !== 304) throw new Error(`${urls[i % 20]}: expected 304, got ${answer.status}`);
      revalidations.push(answer.ms);
      if (answer.kept) kept++;
    }
    row(`${which}: revalidation (304), concurrency 1`, revalidations, (performance.now() - started) / 1000, kept);
  }
  console.log(`load average ${loadavg()[0]!.toFixed(1)} at the end ("kept": answers from the portal's kept pages, i.e. with an Age header)`);
} finally {
  for (const child of portalProcesses) child.kill("SIGTERM");
  await services?.stop();
  if (!values.keep) await db.drop();
  if (values.keep) console.log(`build kept in ${dist}`);
  else if (!values.dist) rmSync(dist, { recursive: true, force: true });
}
