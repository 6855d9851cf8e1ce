// `npm start` with NOTHING configured: embedded PostgreSQL and S3 come up, are migrated and
// seeded, and the gateway answers a query joining both subgraphs. (How fast: bench/start.)
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "@ppt/server-kit/config";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const dataDir = mkdtempSync(join(tmpdir(), "ppt-start-"));
// As root, PostgreSQL runs as a `postgres` OS user, which must be able to enter the folder.
chmodSync(dataDir, 0o755);
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((resolve) => child!.once("exit", resolve));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const QUERY = `{
  searchListings(first: 100) { edges { node { id title unit { id building { city } listings { title } } } } }
}`;

describe("npm start on a clean machine", () => {
  it("answers a query across both subgraphs on the embedded default", async () => {
    const [gateway, property, reality, postgres, s3] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "development", LOG_LEVEL: "warn" };
    Object.assign(env, {
      DATA_DIR: dataDir,
      PORT: String(gateway),
      PROPERTY_PORT: String(property),
      REALITY_PORT: String(reality),
      EMBEDDED_PG_PORT: String(postgres),
      EMBEDDED_S3_PORT: String(s3),
    });
    const started = Date.now();
    child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "scripts/start.ts")], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));

    let answer: any;
    while (Date.now() - started < 150_000 && child.exitCode === null) {
      try {
        const res = await fetch(`http://127.0.0.1:${gateway}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: QUERY }),
        });
        answer = await res.json();
        if (answer.data) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const elapsed = Date.now() - started;
    expect(answer?.errors).toBeUndefined();
    const listed = answer.data.searchListings.edges.map((e: any) => e.node).filter((l: any) => l.unit);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed[0].unit.building.city).toBeTruthy();
    expect(listed[0].unit.listings.length).toBeGreaterThan(0);
    console.log(`npm start answered after ${elapsed} ms`);

    // A subgraph killed outright: the rest keeps running, it comes back, the log says so.
    const pid = Number(/\[start\] property started \(pid (\d+)\)/.exec(output)?.[1]);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, "SIGKILL");
    const killedAt = Date.now();
    let again: any;
    while (Date.now() - killedAt < 60_000 && child.exitCode === null) {
      try {
        const res = await fetch(`http://127.0.0.1:${gateway}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: QUERY }),
        });
        again = await res.json();
        if (again.data && !again.errors) break;
      } catch {
        // the gateway is expected to stay up; keep asking
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(child.exitCode).toBeNull();
    expect(output).toMatch(/\[start\] property exited \(SIGKILL\); restarting it in \d+ ms/);
    expect(output).toMatch(/\[start\] property restarting/);
    expect(again?.errors).toBeUndefined();
    expect(again.data.searchListings.edges.some((e: any) => e.node.unit?.building?.city)).toBe(true);
  }, 240_000);
});
