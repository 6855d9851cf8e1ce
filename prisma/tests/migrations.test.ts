// Migrations CI can trust: applied from empty, idempotent, and the drift check both passes and fails.
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { applyMigrations, createMigration, diffMigrationsToSchema, migrationsDir, readMigrations, schemaPath } from "../src/migrate/engine.ts";
import { onDatabase, onTestServer, testDatabaseUrl } from "../src/testing/server.ts";

const name = `ppt_test_${inject("testRunId")}_empty`;
const databaseUrl = testDatabaseUrl(name);

afterAll(() => onTestServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

describe("migrations", () => {
  it("apply everything to an empty database, then nothing on a second run", async () => {
    await onTestServer(`CREATE DATABASE "${name}"`);
    const all = readMigrations().migrationDirectories.map((m) => m.path);
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(await applyMigrations({ databaseUrl })).toEqual(all);
    expect(await applyMigrations({ databaseUrl })).toEqual([]);
    const { rows } = await onDatabase(
      databaseUrl,
      "SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname IN ('platform','identity','property','reality')",
    );
    // The whole data model: every table of the four namespaces.
    expect(rows[0].tables).toBeGreaterThanOrEqual(60);
  }, 120_000);

  it("finds no drift between schema.prisma and the migrations", async () => {
    expect(await diffMigrationsToSchema({ databaseUrl })).toBe("");
  }, 120_000);

  it("reports drift when a model changes without a migration, and writes that migration", async () => {
    const schema = readFileSync(schemaPath, "utf8").replace(/^model Building \{\n/m, 'model Building {\n  heatingType String? @map("heating_type")\n');
    const drift = await diffMigrationsToSchema({ databaseUrl, schema });
    expect(drift).toMatch(/ALTER TABLE "property"\."buildings" ADD COLUMN\s+"heating_type" TEXT/);

    // db:migration writes exactly that diff as a new migration next to copies of the existing ones.
    const dir = mkdtempSync(join(tmpdir(), "ppt-migrations-"));
    cpSync(migrationsDir, dir, { recursive: true });
    const folder = await createMigration("add heating type", { databaseUrl, schema, migrationsDir: dir });
    expect(folder).toMatch(/_add_heating_type$/);
    expect(readFileSync(join(folder!, "migration.sql"), "utf8")).toContain('"heating_type" TEXT');
    expect(await diffMigrationsToSchema({ databaseUrl, schema, migrationsDir: dir })).toBe("");
  }, 180_000);
});
