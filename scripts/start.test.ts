// `npm start` with NOTHING configured: embedded PostgreSQL and S3 come up, are migrated and
// seeded, and the gateway answers a query joining both subgraphs. A second start on taken ports
// says what holds them; stopping npm (even with SIGKILL) or the script leaves no process and no
// port behind. (How fast: bench/start.)
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "@ppt/server-kit/config";
import { freePort } from "@ppt/testing/own-servers";
import { isPortFree } from "./process/port-owner.ts";

const dataDir = mkdtempSync(join(tmpdir(), "ppt-start-"));
// As root, PostgreSQL runs as a `postgres` OS user, which must be able to enter the folder.
chmodSync(dataDir, 0o755);
const started: ChildProcess[] = [];
const pids = new Set<number>();

afterAll(async () => {
  for (const pid of pids) if (alive(pid)) process.kill(pid, "SIGKILL");
  for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const QUERY = `{
  searchListings(first: 100) { edges { node { id title photos { url } unit { id building { city } listings { title } } } } }
}`;

async function ask(port: number): Promise<any> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: QUERY }),
    });
    return await res.json();
  } catch {
    return undefined; // not listening (yet)
  }
}

async function until<T>(what: () => Promise<T | undefined> | T | undefined, ms: number): Promise<T | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await what();
    if (value || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function launch(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "inherit"] });
  started.push(child);
  const out = { text: "" };
  child.stdout.on("data", (chunk: Buffer) => {
    out.text += chunk.toString();
    for (const match of out.text.matchAll(/\(pid (\d+)/g)) pids.add(Number(match[1]));
  });
  return { child, out };
}

describe("npm start on a clean machine", () => {
  it("starts with progress, refuses a second start, and leaves nothing behind when npm is killed or it is stopped", async () => {
    const [gateway, property, reality, postgres, s3, portal] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
    const ports = [gateway, property, reality, postgres, s3, portal];
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "development", LOG_LEVEL: "warn" };
    Object.assign(env, {
      DATA_DIR: dataDir,
      PORT: String(gateway),
      PROPERTY_PORT: String(property),
      REALITY_PORT: String(reality),
      EMBEDDED_PG_PORT: String(postgres),
      EMBEDDED_S3_PORT: String(s3),
      PORTAL_PORT: String(portal),
    });
    const began = Date.now();
    // Through npm, as a user starts it: killing npm is what left the stack running.
    const npm = launch("npm", ["start"], env);
    // The gateway listens before the subgraphs do, and answers with SERVICE_UNAVAILABLE paths
    // until they are up (and, on a loaded machine, while a cold subgraph's first answer takes
    // longer than the gateway's timeout): the stack is started once it answers whole.
    const answer = await until(async () => {
      const body = await ask(gateway);
      return body?.data && !body.errors ? body : undefined;
    }, 150_000);
    expect(answer?.errors).toBeUndefined();
    const listed = answer.data.searchListings.edges.map((e: any) => e.node).filter((l: any) => l.unit);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed[0].unit.building.city).toBeTruthy();
    expect(listed[0].unit.listings.length).toBeGreaterThan(0);
    console.log(`npm start answered after ${Date.now() - began} ms`);
    // The demo listings come with photos in the embedded S3.
    const nodes = answer.data.searchListings.edges.map((e: any) => e.node);
    expect(nodes.filter((l: any) => l.photos.length > 0).length).toBeGreaterThan(nodes.length / 2);
    const photo = await fetch(nodes.find((l: any) => l.photos.length > 0).photos[0].url);
    expect([photo.status, photo.headers.get("content-type")]).toEqual([200, "image/jpeg"]);

    // The first start says what it is doing, each step with its time, and "ready" once.
    await until(() => npm.out.text.includes("ready at"), 10_000);
    expect(npm.out.text).toMatch(/\[start\] initdb: done in \d+\.\d s/);
    expect(npm.out.text).toMatch(/\[start\] migrations: \d+ applied in \d+\.\d s/);
    expect(npm.out.text).toMatch(/\[start\] seed: demo data loaded in \d+\.\d s/);
    expect(npm.out.text).toMatch(/\[start\] seed: \d{3,} listing photos uploaded in \d+\.\d s/);
    expect(npm.out.text.match(/ready at/g)).toHaveLength(1);
    expect(npm.out.text).toContain(`ready at gateway http://localhost:${gateway}/graphql`);
    expect(npm.out.text).toContain(`portal http://localhost:${portal}`);
    // The portal serves a server-rendered page of the seeded listings.
    const home = await fetch(`http://127.0.0.1:${portal}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<script id="ppt-ssr" type="application/json">');

    // A subgraph killed outright: the rest keeps running, it comes back, the log says so.
    const propertyPid = Number(/\[start\] property started \(pid (\d+)\)/.exec(npm.out.text)?.[1]);
    expect(propertyPid).toBeGreaterThan(0);
    process.kill(propertyPid, "SIGKILL");
    const again = await until(async () => {
      const body = await ask(gateway);
      return body?.data && !body.errors ? body : undefined;
    }, 60_000);
    expect(npm.out.text).toMatch(/\[start\] property exited \(SIGKILL\); restarting it in \d+ ms/);
    expect(npm.out.text).toMatch(/\[start\] property restarting/);
    expect(again?.errors).toBeUndefined();
    expect(again.data.searchListings.edges.some((e: any) => e.node.unit?.building?.city)).toBe(true);

    // A second start on the same ports ends at once, saying which port is taken and by whom.
    const gatewayPid = Number(/\[start\] gateway started \(pid (\d+)\)/.exec(npm.out.text)?.[1]);
    const second = launch(process.execPath, ["--import", "tsx", join(repoRoot, "scripts/start.ts")], env);
    const secondCode = await new Promise((resolve) => second.child.once("exit", resolve));
    expect(secondCode).toBe(1);
    expect(second.out.text).toContain(`port ${gateway} (gateway, PORT) is already in use by pid ${gatewayPid}`);
    expect(second.out.text).not.toMatch(/initdb|triggerUncaughtException/);

    // npm killed with SIGKILL: nothing is told, yet every process stops and every port is freed.
    await until(() => npm.out.text.includes("reality worker started"), 30_000);
    const stack = [...pids].filter((pid) => pid !== npm.child.pid);
    expect(stack.length).toBeGreaterThanOrEqual(6); // the script, 3 servers, 2 workers
    npm.child.kill("SIGKILL");
    const gone = await until(async () => stack.every((pid) => !alive(pid)) && (await Promise.all(ports.map(isPortFree))).every(Boolean), 30_000);
    expect(stack.filter(alive)).toEqual([]);
    expect(gone).toBe(true);

    // A restart on the same data skips initdb and seed; SIGTERM to the script stops it whole.
    pids.clear();
    const restart = launch(process.execPath, ["--import", "tsx", join(repoRoot, "scripts/start.ts")], env);
    await until(() => restart.out.text.includes("ready at"), 90_000);
    expect(restart.out.text).toMatch(/migrations: up to date/);
    expect(restart.out.text).not.toMatch(/initdb|seed:/);
    expect(await ask(gateway)).toHaveProperty("data");
    const restarted = [...pids];
    restart.child.kill("SIGTERM");
    const code = await new Promise((resolve) => (restart.child.exitCode !== null ? resolve(restart.child.exitCode) : restart.child.once("exit", resolve)));
    expect(code).toBe(0);
    expect(restarted.filter(alive)).toEqual([]);
    expect(await Promise.all(ports.map(isPortFree))).toEqual(ports.map(() => true));
  }, 300_000);
});
