// Gateway benchmark: the project's gateway against stock Apollo Gateway and Hive Gateway, on the
// same supergraph (schema/supergraph.graphql) and the same running subgraphs, in one run with
// interleaved rounds. Each gateway is its own process; the load generator is this process.
//
//   npx tsx bench/gateway/run.ts [--seconds 2] [--rounds 3] [--concurrency 16] [--baseline main] [--only lookup,federated]
//
// For four queries (a single-subgraph lookup, a federated chain, a 50-item search page with entity
// joins, an authenticated property query), with VARIED variables (drawn from the database) and
// with one IDENTICAL request repeated, it prints requests/s, p50, p99 and the gateway's CPU time
// per request (read from /proc/<pid>/stat, so the load generator's own CPU is not counted), the
// CPU both subgraphs and PostgreSQL spent per request meanwhile (what the gateway waits on), and
// the reality subgraph alone on the lookup. Before timing, every gateway must give the same
// answers. --baseline <git ref> also runs that commit's gateway (its gateway/src, extracted into
// .bench/) beside the working tree's, for before/after figures in the same run;
// --subgraphs-baseline <git ref> runs that commit's subgraphs (its subgraphs/, extracted into
// .bench/; libs/ and prisma/ stay the working tree's) behind a second gateway of the working tree,
// so the subgraphs' and PostgreSQL's CPU per request is measured before and after in the same run.
//
// Loopback only; every phase is bounded in time. The load average is printed with every round.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { connectDatabase, repoRoot } from "@ppt/server-kit";
import { seed } from "@ppt/db/seed";
import { onDatabase } from "../../prisma/src/testing/server.ts";
import { permissionsOf } from "@ppt/property/organizations";
import { cpuMs, loadAgent, post, postgresCpuMs } from "../support/load.ts";
import { createBenchDatabase, freePort, percentile, startServices, waitReady, type Services } from "../support/services.ts";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "2" },
    rounds: { type: "string", default: "3" },
    concurrency: { type: "string", default: "16" },
    baseline: { type: "string" },
    "subgraphs-baseline": { type: "string" },
    only: { type: "string" },
    keep: { type: "boolean", default: false },
  },
});
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const CONCURRENCY = Number(values.concurrency);
const SUPERGRAPH_PATH = join(repoRoot, "schema", "supergraph.graphql");

// --- the queries ----------------------------------------------------------------------------

interface BenchQuery {
  name: string;
  query: string;
  /** Variables of the VARIED mode, one per request in turn (the IDENTICAL mode repeats the first). */
  variables: Record<string, unknown>[];
  /** Needs a signed-in caller. */
  auth?: boolean;
}

const LOOKUP = /* GraphQL */ `
  query Lookup($id: ID!) {
    listing(id: $id) {
      id
      title
      price {
        amount
        currency
      }
      city
      district
      rooms
      sizeSqm
      status
      propertyType
      transactionType
      publishedAt
    }
  }
`;
// listing (reality) → unit (property entity) → building (property) and the unit's listings (reality again).
const FEDERATED = /* GraphQL */ `
  query Chain($id: ID!) {
    listing(id: $id) {
      id
      title
      price {
        amount
        currency
      }
      unit {
        id
        rooms
        building {
          id
          city
          district
          yearBuilt
        }
        listings {
          id
          title
          status
        }
      }
    }
  }
`;
const SEARCH_PAGE = /* GraphQL */ `
  query Page($filter: ListingFilter) {
    searchListings(filter: $filter, first: 50) {
      totalCount
      edges {
        node {
          id
          title
          price {
            amount
            currency
          }
          city
          rooms
          sizeSqm
          realtor {
            displayName
          }
          agency {
            name
          }
          unit {
            id
            building {
              city
              yearBuilt
            }
          }
        }
      }
    }
  }
`;
const PROPERTY = /* GraphQL */ `
  query Building($id: ID!) {
    building(id: $id) {
      id
      name
      street
      city
      postalCode
      units {
        id
        designation
        floor
        sizeSqm
        rooms
      }
    }
  }
`;

async function benchQueries(ownerUrl: string): Promise<{ queries: BenchQuery[]; staff: { userId: string; orgId: string } }> {
  const ids = async (sql: string) => (await onDatabase(ownerUrl, sql)).rows.map((r: { id: string }) => r.id);
  const listings = await ids("SELECT id FROM reality.listings WHERE status = 'ACTIVE' ORDER BY md5(id::text) LIMIT 200");
  const chained = await ids("SELECT id FROM reality.listings WHERE status = 'ACTIVE' AND unit_id IS NOT NULL ORDER BY md5(id::text) LIMIT 200");
  const cities = (await onDatabase(ownerUrl, "SELECT DISTINCT city FROM reality.listings WHERE status = 'ACTIVE' ORDER BY city")).rows.map(
    (r: { city: string }) => r.city,
  );
  const {
    rows: [staff],
  } = await onDatabase(
    ownerUrl,
    `SELECT m.user_id AS "userId", m.organization_id AS "orgId" FROM identity.organization_members m
     WHERE m.status = 'ACTIVE' AND EXISTS (SELECT 1 FROM property.buildings b WHERE b.organization_id = m.organization_id)
     ORDER BY m.user_id LIMIT 1`,
  );
  const buildings = await ids(`SELECT id FROM property.buildings WHERE organization_id = '${staff.orgId}' ORDER BY id`);
  const types = ["APARTMENT", "HOUSE", null];
  const pages = cities.flatMap((city) => types.map((propertyType) => ({ filter: { city, ...(propertyType ? { propertyType } : {}) } })));
  if (!listings.length || !chained.length || !buildings.length) throw new Error("the seed left no listings, listed units or buildings");
  const queries: BenchQuery[] = [
    { name: "lookup", query: LOOKUP, variables: listings.map((id) => ({ id })) },
    { name: "federated", query: FEDERATED, variables: chained.map((id) => ({ id })) },
    { name: "search50", query: SEARCH_PAGE, variables: pages },
    { name: "property", query: PROPERTY, variables: buildings.map((id) => ({ id })), auth: true },
  ];
  const only = values.only?.split(",");
  return { queries: only ? queries.filter((q) => only.includes(q.name)) : queries, staff };
}

// --- the targets --------------------------------------------------------------------------

interface Target {
  name: string;
  url: string;
  pid: number;
  headers: Record<string, string>;
  /** The subgraphs behind it when they are not the shared ones (--subgraphs-baseline). */
  backend?: { property: number; reality: number };
}

function spawnGateway(args: string[], env: NodeJS.ProcessEnv, children: ChildProcess[]): ChildProcess {
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : [];
  const child = spawn(process.execPath, [...profile, ...args], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", process.env.BENCH_VERBOSE ? "inherit" : "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

/** Ready when it answers a GraphQL POST (the stock gateways have no health route). */
async function waitGraphQL(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: exited with ${child.exitCode}`);
    try {
      const res = await post(url, { query: "{ __typename }" }, {});
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready`);
}

/** The given commit's gateway/src, extracted beside the working tree so it resolves the same node_modules. */
function extractBaseline(ref: string): string {
  const sha = execFileSync("git", ["rev-parse", "--short", ref], { cwd: repoRoot }).toString().trim();
  const dir = join(repoRoot, ".bench", `gateway-${sha}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync("sh", ["-c", `git archive ${sha} gateway/src gateway/package.json | tar -x -C ${dir}`], { cwd: repoRoot });
  return join(dir, "gateway", "src", "main.ts");
}

/**
 * The given commit's subgraphs/ beside the working tree, with this tree's generated code and the
 * subgraphs' own node_modules (which git does not hold).
 */
function extractSubgraphs(ref: string): string {
  const sha = execFileSync("git", ["rev-parse", "--short", ref], { cwd: repoRoot }).toString().trim();
  const dir = join(repoRoot, ".bench", `subgraphs-${sha}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync("sh", ["-c", `git archive ${sha} subgraphs | tar -x -C ${dir}`], { cwd: repoRoot });
  for (const name of ["property", "reality"]) {
    execFileSync("cp", ["-r", join(repoRoot, "subgraphs", name, "src", "generated"), join(dir, "subgraphs", name, "src")]);
    const modules = join(repoRoot, "subgraphs", name, "node_modules");
    if (existsSync(modules)) symlinkSync(modules, join(dir, "subgraphs", name, "node_modules"));
  }
  return dir;
}

async function startTargets(services: Services, children: ChildProcess[]): Promise<Target[]> {
  const base = { ...services.env, SUPERGRAPH_PATH, NODE_ENV: "production" };
  const targets: Target[] = [{ name: "project", url: services.gatewayUrl, pid: services.pids.gateway, headers: {} }];
  const start = async (name: string, args: string[], extraEnv: Record<string, string> = {}, ready = waitGraphQL) => {
    const port = await freePort();
    const child = spawnGateway(args, { ...base, ...extraEnv, PORT: String(port) }, children);
    const url = `http://127.0.0.1:${port}/graphql`;
    await ready(url, child);
    targets.push({ name, url, pid: child.pid!, headers: {} });
  };
  if (values.baseline) {
    const main = extractBaseline(values.baseline);
    await start(`project@${values.baseline}`, ["--import", "tsx", main], {}, (url, child) => waitReady(url.replace(/\/graphql$/, "/health/ready"), child));
  }
  await start("apollo", ["--import", "tsx", join(repoRoot, "bench/gateway/apollo-stock.ts")]);
  const hiveBin = join(repoRoot, "node_modules/@graphql-hive/gateway/dist/bin.js");
  await start("hive", ["--import", "tsx", hiveBin, "supergraph", SUPERGRAPH_PATH, "--config-path", join(repoRoot, "bench/gateway/hive-gateway.config.ts")], {
    HOST: "127.0.0.1",
    FORK: "1",
  });
  return targets;
}

// --- load -----------------------------------------------------------------------------------

/** Where a cell's CPU went besides the gateway: both subgraphs, and PostgreSQL. */
function backendCpuMs(pids: { property: number; reality: number }): { subgraphs: number; postgres: number } {
  return { subgraphs: cpuMs(pids.property) + cpuMs(pids.reality), postgres: postgresCpuMs() };
}

interface Run {
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
  cpuMs: number;
  /** CPU of both subgraphs and of PostgreSQL during the cell. */
  backend: { subgraphs: number; postgres: number };
}

/** The subgraphs behind every gateway, set once they run. */
let backendPids: { property: number; reality: number } = { property: 0, reality: 0 };

async function load(target: Target, q: BenchQuery, varied: boolean, token: string, seconds: number): Promise<Run> {
  const headers = { ...target.headers, ...(q.auth ? { authorization: `Bearer ${token}` } : {}) };
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  let firstError: string | undefined;
  const cpuBefore = cpuMs(target.pid);
  const backendBefore = backendCpuMs(target.backend ?? backendPids);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const i = sent++;
      const variables = varied ? q.variables[i % q.variables.length] : q.variables[0];
      const t0 = performance.now();
      try {
        const res = await post(target.url, { query: q.query, variables }, headers);
        if (res.status !== 200 || res.body.includes('"errors"')) throw new Error(`${res.status} ${res.body.slice(0, 300)}`);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuMs(target.pid) - cpuBefore;
  const backendAfter = backendCpuMs(target.backend ?? backendPids);
  const backend = { subgraphs: backendAfter.subgraphs - backendBefore.subgraphs, postgres: backendAfter.postgres - backendBefore.postgres };
  if (firstError) console.error(`  ${target.name} ${q.name}: ${errors} errors, first: ${firstError}`);
  return { requests: latencies.length, errors, seconds: elapsed, latencies: latencies.sort((a, b) => a - b), cpuMs: cpu, backend };
}

/** Every gateway answers every variable set of the check with the same data (and no errors). */
async function checkSameAnswers(targets: Target[], queries: BenchQuery[], token: string): Promise<void> {
  for (const q of queries) {
    for (const variables of q.variables.slice(0, 10)) {
      const headers: Record<string, string> = q.auth ? { authorization: `Bearer ${token}` } : {};
      const answers = await Promise.all(targets.map(async (t) => JSON.parse((await post(t.url, { query: q.query, variables }, headers)).body)));
      const [first, ...rest] = answers;
      if (first.errors || !first.data) throw new Error(`${targets[0]!.name} ${q.name}: ${JSON.stringify(first).slice(0, 500)}`);
      rest.forEach((answer, i) => {
        if (!isDeepStrictEqual(answer, first))
          throw new Error(
            `${targets[i + 1]!.name} answers ${q.name} ${JSON.stringify(variables)} differently:\n${JSON.stringify(answer).slice(0, 800)}\n≠\n${JSON.stringify(first).slice(0, 800)}`,
          );
      });
    }
  }
  console.log(`same answers from ${targets.map((t) => t.name).join(", ")} on ${queries.length} queries × up to 10 variable sets`);
}

// --- the run --------------------------------------------------------------------------------

const load1 = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
// The gateway's rate limits stay on (their work is on the query path) but out of reach of one address.
const OUT_OF_REACH = String(1_000_000_000);
Object.assign(process.env, {
  RATE_LIMIT_ANONYMOUS_POINTS: OUT_OF_REACH,
  RATE_LIMIT_USER_POINTS: OUT_OF_REACH,
  RATE_LIMIT_PARTNER_POINTS: OUT_OF_REACH,
});

const db = await createBenchDatabase("ppt_bench_gateway");
const children: ChildProcess[] = [];
let services: Services | null = null;
let baselineServices: Services | null = null;
try {
  const seeding = connectDatabase(db.ownerUrl, { max: 2 });
  try {
    await seed(seeding.prisma, {});
  } finally {
    await seeding.close();
  }
  const { queries, staff } = await benchQueries(db.ownerUrl);
  services = await startServices(db);
  const token = await services.token({ sub: staff.userId, org: staff.orgId, roles: ["manager"], permissions: permissionsOf(["manager"]) });
  const targets = await startTargets(services, children);
  backendPids = services.pids;
  const subgraph: Target = { name: "reality subgraph", url: services.realityUrl, pid: services.pids.reality, headers: services.subgraphHeaders };
  const subgraphsBaseline = values["subgraphs-baseline"];
  if (subgraphsBaseline) {
    // The same signing keys: the run's tokens are good at both gateways.
    const keys = Object.fromEntries(["JWT_JWKS", "JWT_PRIVATE_KEY", "JWT_KEY_ID"].map((name) => [name, services!.env[name]!]));
    baselineServices = await startServices(db, { subgraphsRoot: extractSubgraphs(subgraphsBaseline), env: keys });
    const { gateway, property, reality } = baselineServices.pids;
    targets.splice(1, 0, {
      name: `subgraphs@${subgraphsBaseline}`,
      url: baselineServices.gatewayUrl,
      pid: gateway,
      headers: {},
      backend: { property, reality },
    });
  }

  console.log(`\nconcurrency ${CONCURRENCY}, ${SECONDS} s per cell, ${ROUNDS} rounds, load average at start ${load1()} (2 shared cores)`);
  type Key = string;
  const results = new Map<Key, Run[]>();
  const cells: { q: BenchQuery; varied: boolean; targets: Target[] }[] = [];
  for (const q of queries) for (const varied of [true, false]) cells.push({ q, varied, targets: q.name === "lookup" ? [...targets, subgraph] : targets });
  // Warm-up: plans cached, connections open, JIT warm, on every target (a cold subgraph may time out here).
  for (const cell of cells) for (const t of cell.targets) await load(t, cell.q, cell.varied, token, 0.5);
  await checkSameAnswers(targets, queries, token);
  for (let round = 0; round < ROUNDS; round++) {
    console.log(`round ${round + 1}/${ROUNDS}, load average ${load1()}`);
    for (const cell of cells) {
      // Interleaved, and each round starts with a different target.
      const order = cell.targets.map((_, i) => cell.targets[(i + round) % cell.targets.length]!);
      for (const t of order) {
        const key = `${cell.q.name}|${cell.varied ? "varied" : "identical"}|${t.name}`;
        const run = await load(t, cell.q, cell.varied, token, SECONDS);
        results.set(key, [...(results.get(key) ?? []), run]);
      }
    }
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`\nmedian of ${ROUNDS} rounds; load average at end ${load1()}`);
  console.log(
    `${"query".padEnd(10)}${"mode".padEnd(10)}${"target".padEnd(20)}${"req/s".padStart(8)}${"p50 ms".padStart(8)}${"p99 ms".padStart(8)}${"CPU ms/req".padStart(11)}${"subgr.".padStart(7)}${"pg".padStart(6)}${"errors".padStart(7)}   rounds req/s`,
  );
  const summary: string[] = [];
  for (const cell of cells) {
    const mode = cell.varied ? "varied" : "identical";
    const rps = new Map<string, number>();
    for (const t of cell.targets) {
      const runs = results.get(`${cell.q.name}|${mode}|${t.name}`)!;
      const perRound = runs.map((r) => r.requests / r.seconds);
      const all = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
      const requests = runs.reduce((n, r) => n + r.requests, 0);
      const cpu = runs.reduce((n, r) => n + r.cpuMs, 0) / Math.max(1, requests);
      const subgraphsCpu = runs.reduce((n, r) => n + r.backend.subgraphs, 0) / Math.max(1, requests);
      const postgresCpu = runs.reduce((n, r) => n + r.backend.postgres, 0) / Math.max(1, requests);
      rps.set(t.name, median(perRound));
      console.log(
        `${cell.q.name.padEnd(10)}${mode.padEnd(10)}${t.name.padEnd(20)}${median(perRound).toFixed(0).padStart(8)}${percentile(all, 50).toFixed(1).padStart(8)}${percentile(all, 99).toFixed(1).padStart(8)}${cpu.toFixed(2).padStart(11)}${subgraphsCpu.toFixed(2).padStart(7)}${postgresCpu.toFixed(2).padStart(6)}${String(runs.reduce((n, r) => n + r.errors, 0)).padStart(7)}   ${perRound.map((n) => n.toFixed(0)).join(" ")}`,
      );
    }
    const project = rps.get("project")!;
    const ratios = [`${(project / rps.get("hive")!).toFixed(2)}× hive`, `${(project / rps.get("apollo")!).toFixed(2)}× apollo`];
    if (values.baseline) ratios.push(`${(project / rps.get(`project@${values.baseline}`)!).toFixed(2)}× ${values.baseline}`);
    if (subgraphsBaseline) ratios.push(`${(project / rps.get(`subgraphs@${subgraphsBaseline}`)!).toFixed(2)}× subgraphs@${subgraphsBaseline}`);
    if (rps.has("reality subgraph"))
      ratios.push(`overhead ${((1 - project / rps.get("reality subgraph")!) * 100).toFixed(0)} % (throughput lost against the subgraph alone)`);
    summary.push(`${cell.q.name.padEnd(10)}${mode.padEnd(10)} project = ${ratios.join(", ")}`);
  }
  console.log(`\n${summary.join("\n")}`);
} finally {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(children.map((c) => (c.exitCode !== null ? Promise.resolve() : new Promise((resolve) => c.once("exit", resolve)))));
  await services?.stop();
  await baselineServices?.stop();
  loadAgent.destroy();
  if (!values.keep) await db.drop();
}
