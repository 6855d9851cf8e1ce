// Read replicas with a real streaming replica: this file starts its own PostgreSQL 15 primary
// (initdb) and a hot standby copied from it (pg_basebackup -R), on free ports in a temporary
// folder, as the `postgres` system user (PostgreSQL refuses to run as root); the shared server
// allows no replication connections. Reads of a query go to the standby under the same RLS;
// a writer keeps reading its own writes from the primary.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { roleNames, withLogin } from "@ppt/db";
import { applyMigrations } from "@ppt/db/migrate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DbHandle } from "./clients.ts";
import { RecentWriters } from "./recent-writers.ts";
import { TenantDb, type ReadReplica, type Tx } from "./tenant-db.ts";

const BIN = "/usr/lib/postgresql/15/bin";
const SYSTEM_USER = "postgres";

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

/** Runs a PostgreSQL program as the unprivileged system user (as is when not root). */
function asPostgres(program: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  const [command, argv] = root ? ["runuser", ["-u", SYSTEM_USER, "--", join(BIN, program), ...args]] : [join(BIN, program), args];
  const result = spawnSync(command, argv, { encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr || result.stdout}`);
}

let dir: string;
const servers: string[] = [];
let primaryPort: number;
let replicaPort: number;
let primaryOwner: DbHandle;
let replicaOwner: DbHandle;
let primary: DbHandle;
let standby: DbHandle;
let organizationId: string;
let buildingId: string;
const WRITER = "00000000-0000-4000-8000-00000000000a";
const READER = "00000000-0000-4000-8000-00000000000b";

function url(port: number, user = "postgres"): string {
  return `postgresql://${user}@127.0.0.1:${port}/ppt`;
}

function start(data: string, port: number): void {
  asPostgres("pg_ctl", [
    "-D",
    data,
    "-l",
    join(data, "server.log"),
    "-w",
    "-t",
    "60",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    "start",
  ]);
  servers.push(data);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ppt-replica-"));
  chmodSync(dir, 0o755);
  if (process.getuid?.() === 0) {
    const id = (flag: string) => Number(execFileSync("id", [flag, SYSTEM_USER]).toString().trim());
    chownSync(dir, id("-u"), id("-g"));
  }
  primaryPort = await freePort();
  replicaPort = await freePort();
  const primaryData = join(dir, "primary");
  asPostgres("initdb", ["-D", primaryData, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  start(primaryData, primaryPort);
  asPostgres("createdb", ["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres", "ppt"]);
  await applyMigrations({ databaseUrl: url(primaryPort) });
  // The standby is copied after the migrations: the schema, roles and policies come with it.
  const replicaData = join(dir, "replica");
  asPostgres("pg_basebackup", ["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres", "-D", replicaData, "-R", "-X", "stream", "-c", "fast"]);
  start(replicaData, replicaPort);

  primaryOwner = connectDatabase(url(primaryPort), { max: 2 });
  replicaOwner = connectDatabase(url(replicaPort), { max: 2 });
  const organization = await primaryOwner.prisma.organization.create({
    data: { name: "Replicated", slug: "replicated", type: "HOUSING_COOPERATIVE", contactEmail: "replica@example.sk" },
  });
  organizationId = organization.id;
  buildingId = (
    await primaryOwner.prisma.building.create({ data: { organizationId, street: "Hlavná", streetNumber: "1", city: "Košice", postalCode: "04001" } })
  ).id;
  await caughtUp();
  primary = connectDatabase(withLogin(url(primaryPort), roleNames.property), { max: 2 });
  standby = connectDatabase(withLogin(url(replicaPort), roleNames.property), { max: 2 });
}, 180_000);

afterAll(async () => {
  await primary?.close();
  await standby?.close();
  await primaryOwner?.close();
  await replicaOwner?.close();
  for (const data of servers.reverse()) {
    try {
      asPostgres("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch {
      // already down
    }
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Waits until the standby has replayed everything the primary has written so far. */
async function caughtUp(): Promise<void> {
  const { lsn } = (await primaryOwner.prisma.$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`)[0]!;
  for (let i = 0; i < 200; i++) {
    const { done } = (await replicaOwner.prisma.$queryRaw<{ done: boolean }[]>`SELECT pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn AS done`)[0]!;
    if (done) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the standby did not catch up");
}

/** Where a read ran and what it saw: PostgreSQL's own answer (a standby is in recovery). */
async function look(tx: Tx): Promise<{ onReplica: boolean; name: string | null }> {
  const { recovery } = (await tx.$queryRaw<{ recovery: boolean }[]>`SELECT pg_is_in_recovery() AS recovery`)[0]!;
  const building = await tx.building.findUnique({ where: { id: buildingId } });
  return { onReplica: recovery, name: building?.name ?? null };
}

function request(replica: ReadReplica, userId: string, organization = organizationId, query = true): TenantDb {
  const db = new TenantDb(primary.prisma, { organizationId: organization, userId }, replica);
  if (query) db.tolerateLag();
  return db;
}

async function once<T>(db: TenantDb, work: (db: TenantDb) => Promise<T>): Promise<T> {
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

describe("read replica routing (a real streaming standby)", () => {
  it("serves a query's reads from the standby, under the tenant's RLS there too", async () => {
    const replica = { prisma: standby.prisma, recentWriters: new RecentWriters(5_000) };
    expect(await once(request(replica, READER), (db) => db.read(look))).toEqual({ onReplica: true, name: null });
    const stranger = request(replica, READER, "00000000-0000-4000-8000-0000000000ff");
    const seen = await once(stranger, (db) =>
      db.read(async (tx) => ({ recovery: (await look(tx)).onReplica, building: await tx.building.findUnique({ where: { id: buildingId } }) })),
    );
    expect(seen).toEqual({ recovery: true, building: null });
    // The tenant's own rows are there: the standby holds the same data, filtered the same way.
    const owned = await once(request(replica, READER), (db) => db.read((tx) => tx.building.count()));
    expect(owned).toBe(1);
  });

  it("keeps a mutation's reads, and a read after a write, on the primary", async () => {
    const replica = { prisma: standby.prisma, recentWriters: new RecentWriters(5_000) };
    expect((await once(request(replica, READER, organizationId, false), (db) => db.read(look))).onReplica).toBe(false);
    const db = request(replica, WRITER);
    await once(db, async () => {
      expect((await db.read(look)).onReplica).toBe(true);
      await db.write((tx) => tx.building.update({ where: { id: buildingId }, data: { name: "Written once" } }));
      expect(await db.read(look)).toEqual({ onReplica: false, name: "Written once" });
    });
  });

  it("reads the writer's own write from the primary in its next requests while the standby lags; others read the standby", async () => {
    const replica = { prisma: standby.prisma, recentWriters: new RecentWriters(5_000) };
    await caughtUp();
    // Replay paused: the standby now lags behind every write, as a busy one would.
    await replicaOwner.prisma.$queryRaw`SELECT pg_wal_replay_pause()::text`;
    try {
      await once(request(replica, WRITER), (db) => db.write((tx) => tx.building.update({ where: { id: buildingId }, data: { name: "Fresh" } })));
      expect(await once(request(replica, WRITER), (db) => db.read(look))).toEqual({ onReplica: false, name: "Fresh" });
      const other = await once(request(replica, READER), (db) => db.read(look));
      expect(other.onReplica).toBe(true);
      expect(other.name).not.toBe("Fresh");
      // Once the window has passed, the writer reads the standby again.
      const shortWindow = { prisma: standby.prisma, recentWriters: new RecentWriters(0) };
      await once(request(shortWindow, WRITER), (db) => db.write((tx) => tx.building.update({ where: { id: buildingId }, data: { name: "Fresher" } })));
      expect((await once(request(shortWindow, WRITER), (db) => db.read(look))).onReplica).toBe(true);
    } finally {
      await replicaOwner.prisma.$queryRaw`SELECT pg_wal_replay_resume()::text`;
    }
    await caughtUp();
    expect(await once(request(replica, READER), (db) => db.read(look))).toEqual({ onReplica: true, name: "Fresher" });
  });
});
