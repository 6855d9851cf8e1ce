// Servers a fault test owns, so it can kill and restart them without touching the shared services
// every other test uses: a Redis and a PostgreSQL 15 cluster of its own, on free ports, in a
// temporary folder. PostgreSQL refuses to run as root, so its cluster belongs to the `postgres`
// user when the tests run as root.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { roleNames, withLogin } from "@ppt/db";
import { applyMigrations } from "@ppt/db/migrate";
import type { TestDatabase } from "@ppt/db/testing";

const run = promisify(execFile);
const PG_BIN = process.env.TEST_PG_BIN ?? "/usr/lib/postgresql/15/bin";

/** A loopback port nobody listens on right now (a server restarted on it keeps its clients' URL). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function waitForPort(port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface OwnRedis {
  url: string;
  port: number;
  /** SIGKILL: connections drop without a goodbye, as in a crash. */
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    await waitForPort(port);
  };
  const kill = async () => {
    const current = child;
    child = null;
    if (!current || current.exitCode !== null) return;
    const exited = new Promise((resolve) => current.once("exit", resolve));
    current.kill("SIGKILL");
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, kill, start, stop: kill };
}

export interface OwnPostgres {
  port: number;
  /** A superuser login on the `postgres` database. */
  serverUrl: string;
  /** Stops the server (`fast`: in-flight transactions are rolled back, sessions terminated) and starts it again. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), "ppt-pg-"));
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, ...(await postgresIds()));
  const pg = (tool: string, args: string[]) => (asRoot ? run("runuser", ["-u", "postgres", "--", join(PG_BIN, tool), ...args]) : run(join(PG_BIN, tool), args));
  const port = await freePort();
  await pg("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale", "C"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () => pg("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "start"]);
  const stopServer = () => pg("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  await start();
  return {
    port,
    serverUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    restart: async () => {
      await stopServer();
      await start();
    },
    stop: async () => {
      await stopServer().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresIds(): Promise<[number, number]> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
  return [Number(uid.trim()), Number(gid.trim())];
}

/** A migrated database `ppt` on an own server, with the same logins as a test database on the shared one. */
export async function migratedDatabaseOn(server: OwnPostgres): Promise<TestDatabase> {
  const admin = new pg.Client({ connectionString: server.serverUrl });
  await admin.connect();
  await admin.query("CREATE DATABASE ppt").finally(() => admin.end());
  const ownerUrl = server.serverUrl.replace(/\/postgres$/, "/ppt");
  await applyMigrations({ databaseUrl: ownerUrl });
  return { name: "ppt", ownerUrl, urlFor: (role) => withLogin(ownerUrl, roleNames[role]), drop: async () => undefined };
}
