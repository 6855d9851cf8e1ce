// npm start: gateway + both subgraphs. With no DATABASE_URL / S3_ENDPOINT, the embedded
// PostgreSQL and S3 server start first (migrated and seeded on first start); with them set,
// the same command uses the real services.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { EMBEDDED_PORT } from "@ppt/db";
import { repoRoot } from "@ppt/server-kit/config";
import { startEmbeddedPostgres, startEmbeddedS3, type EmbeddedPostgresHandle, type EmbeddedS3Handle } from "./embedded.ts";

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
};

let postgres: EmbeddedPostgresHandle | undefined;
let s3: EmbeddedS3Handle | undefined;
const children: ChildProcess[] = [];

async function stopAll(code = 0): Promise<never> {
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)))));
  await s3?.stop().catch(() => undefined);
  await postgres?.stop().catch(() => undefined);
  process.exit(code);
}
process.once("SIGINT", () => void stopAll());
process.once("SIGTERM", () => void stopAll());

if (!env.DATABASE_URL) {
  const rolePassword = env.DB_ROLE_PASSWORD ?? "ppt-dev";
  postgres = await startEmbeddedPostgres(dataDir, ports.postgres, rolePassword, log);
  env.DATABASE_URL = postgres.ownerUrl;
  env.DB_ROLE_PASSWORD = rolePassword;
  log(`embedded PostgreSQL on port ${ports.postgres} (data in ${join(dataDir, "postgres")})`);
  if (postgres.created && env.SEED !== "false") {
    const { seed } = await import("@ppt/db/seed");
    const { connectDatabase } = await import("@ppt/server-kit/db/clients");
    const owner = connectDatabase(postgres.ownerUrl);
    try {
      await seed(owner.prisma);
      log("demo data seeded (accounts in README.md)");
    } finally {
      await owner.close();
    }
  }
}
if (!env.S3_ENDPOINT) {
  s3 = await startEmbeddedS3(dataDir, ports.s3, env.S3_BUCKET ?? "ppt-files");
  env.S3_ENDPOINT = s3.endpoint;
  log(`embedded S3 (s3rver) at ${s3.endpoint}`);
}

let stopping = false;
/** A crash restarts after this pause, doubling up to a minute; a process that ran a minute starts from the shortest again. */
const RESTART_PAUSES_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000];

// One process dying must not take the others with it: it is started again, and the log says so.
function run(name: string, entry: string, port: number, crashes = 0): void {
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, entry)], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  children.push(child);
  log(`${name} started (pid ${child.pid})`);
  child.once("exit", (code, signal) => {
    children.splice(children.indexOf(child), 1);
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

env.PROPERTY_SUBGRAPH_URL ??= `http://127.0.0.1:${ports.property}/graphql`;
env.REALITY_SUBGRAPH_URL ??= `http://127.0.0.1:${ports.reality}/graphql`;
run("property", "subgraphs/property/src/main.ts", ports.property);
run("reality", "subgraphs/reality/src/main.ts", ports.reality);
run("gateway", "gateway/src/main.ts", ports.gateway);
log(`gateway on http://localhost:${ports.gateway}/graphql`);

// The workers (votes closed at their end time, abandoned uploads and expired listings cleaned up)
// start once the gateway answers, so they do not slow the first answer.
for (let ready = false; !ready; await new Promise((resolve) => setTimeout(resolve, 500))) {
  ready = await fetch(`http://127.0.0.1:${ports.gateway}/health`).then(
    (res) => res.ok,
    () => false,
  );
}
run("property worker", "subgraphs/property/src/worker.ts", 0);
run("reality worker", "subgraphs/reality/src/worker.ts", 0);
