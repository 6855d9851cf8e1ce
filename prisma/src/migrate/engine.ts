// Prisma's schema engine, run as WebAssembly over our own `pg` connections.
//
// `prisma migrate` needs a native engine binary that cannot be downloaded on our machines; the
// same engine is published as `@prisma/schema-engine-wasm`. This module is the only place that
// knows: swapping it for `prisma migrate deploy` / `prisma migrate diff` where the native engine
// is available changes nothing else. Migration files keep Prisma's own layout and history table.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { parse as parseConnectionString } from "pg-connection-string";

const prismaDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
export const schemaPath = join(prismaDir, "schema.prisma");
export const migrationsDir = join(prismaDir, "migrations");

const noFilter: SchemaFilter = { externalTables: [], externalEnums: [] };
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

let wasmReady: Promise<void> | undefined;

/** Node 20 cannot `import` a .wasm module: instantiate it by hand with its JS glue as imports. */
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    // The engine reports panics through this global; without it a panic hides its message.
    const registry = {
      message: "",
      set_message(message: string) {
        registry.message = message;
        console.error(`schema engine panic: ${message}`);
      },
    };
    (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY ??= registry;
    const require = createRequire(import.meta.url);
    const glue = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = readFileSync(join(dirname(glue), "schema_engine_bg.wasm"));
    // The WebAssembly global exists in Node; this project's type libraries do not declare it.
    const wasm = (globalThis as unknown as { WebAssembly: { instantiate(b: Buffer, i: object): Promise<{ instance: { exports: object } }> } }).WebAssembly;
    const { instance } = await wasm.instantiate(bytes, { "./schema_engine_bg.js": engineBindings });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  })();
  return wasmReady;
}

/** Result rows (by identity) → indices of their `"char"` columns. */
const charColumns = new WeakMap<object, number[]>();
const CHARACTER_COLUMN_TYPE = 6; // ColumnTypeEnum.Character of @prisma/driver-adapter-utils

/**
 * adapter-pg 7.10.1 rejects PostgreSQL's internal `"char"` type (OID 18), which the engine's
 * catalog queries return (fault 1). The pool presents such columns as text so the adapter
 * accepts them, and remembers where they were: `charAware` then reports them to the engine as
 * the single characters it expects (a CHECK constraint's `contype`, for instance).
 */
class CatalogSafePool extends pg.Pool {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- overrides every overload of pg's query(), whose results differ by overload
  override query(...args: unknown[]): any {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (!(result instanceof Promise)) return result;
    return result.then((res: pg.QueryResult) => {
      const indices: number[] = [];
      res?.fields?.forEach((field, index) => {
        if (field.dataTypeID === PG_CHAR_OID) {
          field.dataTypeID = PG_TEXT_OID;
          indices.push(index);
        }
      });
      if (indices.length && res.rows) charColumns.set(res.rows, indices);
      return res;
    });
  }
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * Two repairs on every adapter the engine gets: `"char"` columns are restored (see
 * CatalogSafePool); and `executeScript`, which splits on every `;` and so breaks dollar-quoted
 * bodies (fault 4), sends the whole script as one simple-protocol query instead.
 */
function fixAdapter(adapter: Adapter): Adapter {
  const pool = adapter.underlyingDriver();
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumns.get(result.rows) ?? []) result.columnTypes[index] = CHARACTER_COLUMN_TYPE;
    return result;
  };
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      (adapter as unknown as { onError(e: unknown): never }).onError(error);
    }
  };
  return adapter;
}

/** Connection fields, never a connection string: with one, adapter-pg's shadow pool reaches the main db (fault 2). */
export function connectionFields(databaseUrl: string): pg.PoolConfig {
  const parsed = parseConnectionString(databaseUrl);
  return {
    host: parsed.host ?? "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: parsed.user ?? undefined,
    password: parsed.password ?? undefined,
    database: parsed.database ?? undefined,
    max: 4,
  };
}

/** Runs one statement on the server's maintenance database (to create or drop whole databases). */
async function onServer(config: pg.PoolConfig, sql: string): Promise<void> {
  const client = new pg.Client({ ...config, database: "postgres" });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Our own adapter factory around PrismaPg. The shadow database is created and dropped here,
 * after the shadow pool is closed: adapter-pg drops it while its own pool is connected (fault 3).
 */
class MigrationAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "@prisma/adapter-pg";

  /** The engine's `free()` leaves its main adapter open: an open pool keeps the process alive for pg's 10 s idle timeout. */
  private readonly opened: Adapter[] = [];

  constructor(private readonly config: pg.PoolConfig) {}

  async connect(): Promise<Adapter> {
    const adapter = fixAdapter(await new PrismaPg(new CatalogSafePool(this.config), { disposeExternalPool: true }).connect());
    this.opened.push(adapter);
    return adapter;
  }

  async close(): Promise<void> {
    for (const adapter of this.opened.splice(0)) await adapter.dispose().catch(() => undefined);
  }

  async connectToShadowDb(): Promise<Adapter> {
    const database = `ppt_shadow_${randomUUID().replaceAll("-", "")}`;
    await onServer(this.config, `CREATE DATABASE "${database}"`);
    const pool = new CatalogSafePool({ ...this.config, database });
    const adapter = fixAdapter(await new PrismaPg(pool, { disposeExternalPool: true }).connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await onServer(this.config, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    };
    return adapter;
  }
}

export interface EngineOptions {
  databaseUrl: string;
  /** Where migration folders live; tests point it elsewhere. */
  migrationsDir?: string;
  /** The Prisma schema text; defaults to prisma/schema.prisma. */
  schema?: string;
  log?: (line: string) => void;
}

async function withEngine<T>(options: EngineOptions, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await loadWasm();
  const schema = options.schema ?? readFileSync(schemaPath, "utf8");
  const adapters = new MigrationAdapterFactory(connectionFields(options.databaseUrl));
  const factory = bindMigrationAwareSqlAdapterFactory(adapters);
  const engine = await engineBindings.SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, (line: string) => options.log?.(line), factory);
  try {
    return await run(engine);
  } finally {
    engine.free();
    await adapters.close();
  }
}

/** The migrations folder as the engine reads it (Prisma's layout: `<timestamp>_<name>/migration.sql`). */
export function readMigrations(dir = migrationsDir): MigrationList {
  const folders = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const lockPath = join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: folders.map((path) => ({
      path,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: readFileSync(join(dir, path, "migration.sql"), "utf8") } },
    })),
  };
}

/** Like `prisma migrate deploy`: applies what is not yet recorded in `_prisma_migrations`. */
export function applyMigrations(options: EngineOptions): Promise<string[]> {
  return withEngine(options, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: readMigrations(options.migrationsDir),
      filters: noFilter,
    });
    return appliedMigrationNames;
  });
}

/**
 * The SQL that takes a database built from the migrations to the schema (replayed on a shadow
 * database). Empty when they agree: that is the drift check.
 */
export function diffMigrationsToSchema(options: EngineOptions): Promise<string> {
  return withEngine(options, async (engine) => {
    const schema = options.schema ?? readFileSync(schemaPath, "utf8");
    const result = await engine.diff({
      from: { tag: "migrations", ...readMigrations(options.migrationsDir) },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilter,
    });
    return isEmptyScript(result.stdout ?? "") ? "" : (result.stdout ?? "");
  });
}

function isEmptyScript(sql: string): boolean {
  return sql
    .split("\n")
    .map((line) => line.trim())
    .every((line) => line === "" || line.startsWith("--"));
}

/** Writes the schema diff as a new migration folder; returns its path, or null when nothing changed. */
export async function createMigration(name: string, options: EngineOptions): Promise<string | null> {
  const dir = options.migrationsDir ?? migrationsDir;
  const lock = join(dir, "migration_lock.toml");
  if (!existsSync(lock)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(lock, '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n');
  }
  const sql = await diffMigrationsToSchema(options);
  if (!sql) return null;
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const folder = join(dir, `${stamp}_${name.replace(/[^a-z0-9_]+/gi, "_").toLowerCase()}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "migration.sql"), sql);
  return folder;
}
