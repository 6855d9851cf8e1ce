// bench/start: how long `npm start` takes, on a machine with nothing configured, from launch
// to the first answer of a query joining both subgraphs. Runs it N times on fresh data folders
// (first start: initdb + migrations + seed) and once more on the last folder (a restart).
// Usage: npx tsx bench/start/run.ts [--runs 3]
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
const repoRoot = join(import.meta.dirname, "../..");
const QUERY = `{ searchListings(first: 20) { edges { node { title unit { building { city } listings { title } } } } } }`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function timeToFirstAnswer(dataDir: string): Promise<number> {
  const [gateway, property, reality, postgres, s3] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LOG_LEVEL: "warn",
    DATA_DIR: dataDir,
    PORT: String(gateway),
    PROPERTY_PORT: String(property),
    REALITY_PORT: String(reality),
    EMBEDDED_PG_PORT: String(postgres),
    EMBEDDED_S3_PORT: String(s3),
  };
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "scripts/start.ts")], { cwd: repoRoot, env, stdio: "ignore" });
  try {
    while (Date.now() - started < 180_000 && child.exitCode === null) {
      try {
        const res = await fetch(`http://127.0.0.1:${gateway}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: QUERY }),
        });
        const body = (await res.json()) as { data?: unknown };
        if (body.data) return Date.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("npm start did not answer within 180 s");
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
  }
}

const firstStarts: number[] = [];
let dataDir = "";
for (let run = 0; run < Number(values.runs); run++) {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = mkdtempSync(join(tmpdir(), "ppt-bench-start-"));
  chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as a `postgres` OS user when we are root
  firstStarts.push(await timeToFirstAnswer(dataDir));
}
const restart = await timeToFirstAnswer(dataDir);
rmSync(dataDir, { recursive: true, force: true });
const sorted = [...firstStarts].sort((a, b) => a - b);
console.log(
  `first start (initdb + migrate + seed), ${firstStarts.length} runs: ${firstStarts.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(", ")}; median ${(sorted[Math.floor(sorted.length / 2)]! / 1000).toFixed(1)} s`,
);
console.log(`restart on existing data: ${(restart / 1000).toFixed(1)} s`);
console.log(
  `goal: first answer within 30 s of start — ${sorted[Math.floor(sorted.length / 2)]! < 30_000 ? "met" : "NOT met"} (median; run on an otherwise idle machine)`,
);
