// Benchmark plumbing: a dedicated, migrated database on the local PostgreSQL, and the gateway
// and both subgraphs as separate processes (as in production: the load generator does not
// share their event loops), on free loopback ports. Everything stops when the run ends.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { applyMigrations } from "@ppt/db/migrate";
import { onTestServer, testDatabaseUrl } from "../../prisma/src/testing/server.ts";
import { roleNames, withLogin } from "@ppt/db";
import { generateSigningKey, repoRoot, TokenSigner, type AccessClaims } from "@ppt/server-kit";
import { SUBGRAPH_SECRET_HEADER } from "@ppt/server-kit/edge";

export interface BenchDatabase {
  name: string;
  ownerUrl: string;
  realityUrl: string;
  propertyUrl: string;
  drop(): Promise<void>;
}

/** Drops and recreates `name`, then applies every migration. */
export async function createBenchDatabase(name: string): Promise<BenchDatabase> {
  if (!/^ppt_bench_[a-z0-9_]+$/.test(name)) throw new Error("bench databases are named ppt_bench_*");
  await onTestServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await onTestServer(`CREATE DATABASE "${name}"`);
  const ownerUrl = testDatabaseUrl(name);
  await applyMigrations({ databaseUrl: ownerUrl });
  return {
    name,
    ownerUrl,
    realityUrl: withLogin(ownerUrl, roleNames.reality),
    propertyUrl: withLogin(ownerUrl, roleNames.property),
    drop: async () => {
      await onTestServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

// A loaded machine (other builds, tests, benches) can take minutes to compile and start a service.
const START_TIMEOUT_MS = Number(process.env.BENCH_START_TIMEOUT_MS ?? 300_000);

export async function waitReady(url: string, child: ChildProcess, timeoutMs = START_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      // A gateway's readiness asks each subgraph's health (up to a second each): on a loaded machine
      // a one-second probe gave up before every answer and a started stack never looked ready.
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

export interface Services {
  gatewayUrl: string;
  realityUrl: string;
  propertyUrl: string;
  /** What a request straight to a subgraph carries (subgraphs answer only the gateway). */
  subgraphHeaders: Record<string, string>;
  /** The processes' ids (e.g. to read their CPU time from /proc). */
  pids: { gateway: number; property: number; reality: number };
  /** The environment every process was started with (to start another gateway beside them). */
  env: NodeJS.ProcessEnv;
  token(claims: Partial<AccessClaims> & { sub: string }): Promise<string>;
  /** The further gateways of `options.extraGateways`, in order (same subgraphs). */
  extraGatewayUrls: string[];
  stop(): Promise<void>;
}

export interface ServicesOptions {
  /** Further environment of every process. */
  env?: Record<string, string>;
  /** More gateways over the same subgraphs, each with this environment on top (e.g. one setting on and off). */
  extraGateways?: Record<string, string>[];
  /** The folder whose `subgraphs/` is run (another commit's, extracted for before/after figures); default: the working tree. */
  subgraphsRoot?: string;
}

/** What every process of a benchmark is configured with: the bench database's roles and a signing key made for this run. */
export async function benchEnv(db: BenchDatabase): Promise<{ env: Record<string, string>; keys: Awaited<ReturnType<typeof generateSigningKey>> }> {
  const keys = await generateSigningKey("bench");
  const env = {
    DATABASE_URL: db.ownerUrl,
    PROPERTY_DATABASE_URL: db.propertyUrl,
    REALITY_DATABASE_URL: db.realityUrl,
    JWT_JWKS: JSON.stringify(keys.jwks),
    JWT_PRIVATE_KEY: keys.signing.privateKeyPem,
    JWT_KEY_ID: keys.signing.kid,
  };
  return { env, keys };
}

/**
 * A VAPID key pair for this run, as web-push expects it (the uncompressed P-256 public point and
 * the private scalar, base64url): production mode refuses to start the notification consumers
 * without one, and a bench must not depend on keys kept somewhere.
 */
export function vapidKeys(): { VAPID_PUBLIC_KEY: string; VAPID_PRIVATE_KEY: string } {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const jwk = privateKey.export({ format: "jwk" });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, "base64url"), Buffer.from(jwk.y!, "base64url")]);
  return { VAPID_PUBLIC_KEY: point.toString("base64url"), VAPID_PRIVATE_KEY: jwk.d! };
}

export async function startServices(db: BenchDatabase, options: ServicesOptions = {}): Promise<Services> {
  const { env: shared, keys } = await benchEnv(db);
  const [gatewayPort, propertyPort, realityPort] = [await freePort(), await freePort(), await freePort()];
  // Production mode requires the gateway-to-subgraph secret; one per run is enough.
  const subgraphSecret = randomBytes(32).toString("base64url");
  const env = {
    ...process.env,
    NODE_ENV: "production",
    SUBGRAPH_SHARED_SECRET: subgraphSecret,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "error",
    ...(process.env.VAPID_PUBLIC_KEY && process.env.VAPID_PRIVATE_KEY ? {} : vapidKeys()),
    ...shared,
    PROPERTY_SUBGRAPH_URL: `http://127.0.0.1:${propertyPort}/graphql`,
    REALITY_SUBGRAPH_URL: `http://127.0.0.1:${realityPort}/graphql`,
    ...options.env,
  };
  const children: ChildProcess[] = [];
  const extraPorts: number[] = [];
  for (const _ of options.extraGateways ?? []) extraPorts.push(await freePort());
  const pids = { gateway: 0, property: 0, reality: 0 };
  const start = (script: string, port: number, extraEnv: Record<string, string> = {}, root = repoRoot) => {
    // BENCH_CPU_PROF=<dir>: each service writes a V8 CPU profile there when it stops (open in Chrome DevTools).
    const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : [];
    const child = spawn(process.execPath, [...profile, "--import", "tsx", join(root, script)], {
      cwd: repoRoot,
      env: { ...env, ...extraEnv, PORT: String(port) },
      stdio: ["ignore", process.env.BENCH_VERBOSE ? "inherit" : "ignore", "inherit"],
    });
    children.push(child);
    return child;
  };
  const stop = async () => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.all(children.map((child) => (child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", resolve)))));
  };
  try {
    const property = start("subgraphs/property/src/main.ts", propertyPort, {}, options.subgraphsRoot);
    const reality = start("subgraphs/reality/src/main.ts", realityPort, {}, options.subgraphsRoot);
    await waitReady(`http://127.0.0.1:${propertyPort}/health/ready`, property);
    await waitReady(`http://127.0.0.1:${realityPort}/health/ready`, reality);
    const gateway = start("gateway/src/main.ts", gatewayPort);
    await waitReady(`http://127.0.0.1:${gatewayPort}/health/ready`, gateway);
    for (const [i, extraEnv] of (options.extraGateways ?? []).entries()) {
      const extra = start("gateway/src/main.ts", extraPorts[i]!, extraEnv);
      await waitReady(`http://127.0.0.1:${extraPorts[i]}/health/ready`, extra);
    }
    Object.assign(pids, { gateway: gateway.pid, property: property.pid, reality: reality.pid });
  } catch (error) {
    await stop();
    throw error;
  }
  const signer = new TokenSigner(keys.signing);
  return {
    gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
    realityUrl: `http://127.0.0.1:${realityPort}/graphql`,
    propertyUrl: `http://127.0.0.1:${propertyPort}/graphql`,
    subgraphHeaders: { [SUBGRAPH_SECRET_HEADER]: subgraphSecret },
    pids,
    env,
    token: (claims) => signer.sign({ aud: "ppt", ...claims }),
    extraGatewayUrls: extraPorts.map((port) => `http://127.0.0.1:${port}/graphql`),
    stop,
  };
}

/** One GraphQL POST; throws on HTTP or GraphQL errors so a benchmark never times failures. */
export async function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: { message: string }[] };
  if (!res.ok || body.errors?.length) throw new Error(`${res.status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
