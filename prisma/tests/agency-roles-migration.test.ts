// The agency_onboarding migration keeps every membership when the roles change from ADMIN/MEMBER
// to OWNER/ADMIN/REALTOR: members become REALTORs, each agency's longest-standing current ADMIN
// becomes its OWNER, other admins stay ADMINs, and agencies already shown stay shown as verified.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { applyMigrations, migrationsDir } from "../src/migrate/engine.ts";
import { onDatabase, onTestServer, testDatabaseUrl } from "../src/testing/server.ts";

const name = `ppt_test_${inject("testRunId")}_agency_roles`;
const databaseUrl = testDatabaseUrl(name);
const MIGRATION = "agency_onboarding";

afterAll(() => onTestServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

describe("migration agency_onboarding", () => {
  it("maps ADMIN/MEMBER onto OWNER/ADMIN/REALTOR without losing a membership", async () => {
    await onTestServer(`CREATE DATABASE "${name}"`);
    // Every migration before this one.
    const before = mkdtempSync(join(tmpdir(), "ppt-migrations-"));
    cpSync(migrationsDir, before, { recursive: true });
    const folder = readdirSync(before).find((f) => f.endsWith(`_${MIGRATION}`))!;
    expect(folder).toBeTruthy();
    for (const later of readdirSync(before).filter((f) => /^\d{14}_/.test(f) && f >= folder)) rmSync(join(before, later), { recursive: true });
    await applyMigrations({ databaseUrl, migrationsDir: before });

    const sql = (text: string) => onDatabase(databaseUrl, text);
    await sql(`
      INSERT INTO reality.agencies (id, name, slug, status, updated_at) VALUES
        ('00000000-0000-4000-8000-00000000000a', 'A', 'a', 'ACTIVE', now()),
        ('00000000-0000-4000-8000-00000000000b', 'B', 'b', 'PENDING', now());
      INSERT INTO reality.realtors (id, display_name, status, updated_at)
        SELECT ('00000000-0000-4000-8000-00000000010' || n)::uuid, 'R' || n, 'ACTIVE', now() FROM generate_series(1, 5) n;
      INSERT INTO reality.agency_realtors (agency_id, realtor_id, role, joined_at, left_at) VALUES
        ('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-000000000101', 'ADMIN',  '2024-01-01', '2024-06-01'),
        ('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-000000000102', 'ADMIN',  '2024-02-01', NULL),
        ('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-000000000103', 'ADMIN',  '2024-03-01', NULL),
        ('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-000000000104', 'MEMBER', '2023-01-01', NULL),
        ('00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-000000000105', 'MEMBER', '2024-01-01', NULL);`);

    await applyMigrations({ databaseUrl });

    const { rows } = await sql(
      `SELECT right(realtor_id::text, 1) AS r, role::text AS role, left_at IS NOT NULL AS left FROM reality.agency_realtors ORDER BY 1`,
    );
    expect(rows).toEqual([
      { r: "1", role: "ADMIN", left: true }, // had left: stays what it was
      { r: "2", role: "OWNER", left: false }, // the longest-standing current ADMIN of A
      { r: "3", role: "ADMIN", left: false },
      { r: "4", role: "REALTOR", left: false },
      { r: "5", role: "REALTOR", left: false },
    ]);
    const agencies = await sql(`SELECT slug, verification_method::text AS method, verified_at IS NOT NULL AS verified FROM reality.agencies ORDER BY slug`);
    expect(agencies.rows).toEqual([
      { slug: "a", method: "PLATFORM_ADMIN", verified: true },
      { slug: "b", method: null, verified: false },
    ]);
  }, 240_000);
});
