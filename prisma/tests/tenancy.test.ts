// Tenant isolation lives in PostgreSQL: proven from the catalogs and as the application roles
// themselves, on a reused pooled connection, against a real server.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testPool, type TestDatabase } from "../src/testing/databases.ts";

let db: TestDatabase;
let owner: pg.Pool;
let property: pg.Pool;
let reality: pg.Pool;

const orgA = randomUUID();
const orgB = randomUUID();
const buildingsA = [randomUUID(), randomUUID()];
const buildingB = randomUUID();
const unitA = randomUUID();

async function sqlState(run: Promise<unknown>): Promise<string | undefined> {
  try {
    await run;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

/** Runs statements in one transaction with the tenant set transaction-locally, as the servers do. */
async function asTenant<T>(pool: pg.Pool, organizationId: string, run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT set_config('app.current_org', $1, true)", [organizationId]);
    const result = await run(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  owner = testPool(db.ownerUrl, 1);
  // max: 1 — every statement reuses the same connection, so a leaked setting would show.
  property = testPool(db.urlFor("property"), 1);
  reality = testPool(db.urlFor("reality"), 1);
  for (const [id, name] of [
    [orgA, "Bytové družstvo A"],
    [orgB, "Správa B"],
  ]) {
    await owner.query(
      "INSERT INTO platform.organizations (id, name, type, contact_email, slug, updated_at) VALUES ($1, $2, 'HOUSING_COOPERATIVE', 'a@example.sk', $3, now())",
      [id, name, `org-${id}`],
    );
  }
  const insertBuilding =
    "INSERT INTO property.buildings (id, organization_id, street, street_number, city, postal_code, updated_at) VALUES ($1, $2, 'Hlavná', $3, 'Košice', '040 01', now())";
  await owner.query(insertBuilding, [buildingsA[0], orgA, "1"]);
  await owner.query(insertBuilding, [buildingsA[1], orgA, "2"]);
  await owner.query(insertBuilding, [buildingB, orgB, "3"]);
  await owner.query(
    "INSERT INTO property.units (id, organization_id, building_id, designation, floor, rooms, type, share_numerator, share_denominator, updated_at) VALUES ($1, $2, $3, '12', 3, 3, 'FLAT', 1, 10, now())",
    [unitA, orgA, buildingsA[0]],
  );
});

afterAll(async () => {
  await Promise.all([owner?.end(), property?.end(), reality?.end()]);
  await db?.drop();
});

describe("catalogs", () => {
  it("every property.* table has RLS enabled, forced and a policy", async () => {
    const { rows } = await owner.query(`
      SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
             (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)::int AS policies
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'property' AND c.relkind = 'r'`);
    expect(rows.length).toBeGreaterThanOrEqual(40);
    const unprotected = rows.filter((r) => !r.relrowsecurity || !r.relforcerowsecurity || r.policies < 1).map((r) => r.relname);
    expect(unprotected).toEqual([]);
  });

  it("the server roles are neither superuser, BYPASSRLS nor owners", async () => {
    const { rows } = await owner.query(
      "SELECT rolname, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname IN ('ppt_property','ppt_reality')",
    );
    expect(rows).toHaveLength(2);
    for (const role of rows) expect(role).toMatchObject({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const owned = await owner.query(`
      SELECT n.nspname, c.relname, pg_get_userbyid(c.relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN ('platform','identity','property','reality') AND pg_get_userbyid(c.relowner) IN ('ppt_property','ppt_reality','ppt_admin')`);
    expect(owned.rows).toEqual([]);
  });
});

describe("as the property role on a reused connection", () => {
  it("sees nothing with no tenant set", async () => {
    const { rows } = await property.query("SELECT id FROM property.buildings");
    expect(rows).toEqual([]);
  });

  it("sees exactly organization A's rows with A set, and nothing again once the transaction ends", async () => {
    const ids = await asTenant(property, orgA, async (c) => (await c.query("SELECT id FROM property.buildings ORDER BY street_number")).rows.map((r) => r.id));
    expect(ids).toEqual(buildingsA);
    // The same pooled connection, after the transaction-local setting ended: '' means no tenant.
    expect((await property.query("SELECT id FROM property.buildings")).rows).toEqual([]);
    expect((await property.query("SELECT current_setting('app.current_org', true) AS org")).rows[0].org).toBe("");
  });

  it("cannot change or create organization B's rows while acting for A", async () => {
    const updated = await asTenant(property, orgA, (c) => c.query("UPDATE property.buildings SET city = 'Hacked' WHERE id = $1", [buildingB]));
    expect(updated.rowCount).toBe(0);
    expect((await owner.query("SELECT city FROM property.buildings WHERE id = $1", [buildingB])).rows[0].city).toBe("Košice");

    const moved = asTenant(property, orgA, (c) => c.query("UPDATE property.buildings SET organization_id = $1 WHERE id = $2", [orgB, buildingsA[0]]));
    expect(await sqlState(moved)).toBe("42501");
    const inserted = asTenant(property, orgA, (c) =>
      c.query(
        "INSERT INTO property.buildings (organization_id, street, street_number, city, postal_code, updated_at) VALUES ($1, 'Iná', '9', 'Prešov', '080 01', now())",
        [orgB],
      ),
    );
    expect(await sqlState(inserted)).toBe("42501");
    expect((await owner.query("SELECT count(*)::int AS n FROM property.buildings")).rows[0].n).toBe(3);
  });

  it("has no rights on the reality tables, and the reality role none on property", async () => {
    expect(await sqlState(property.query("SELECT id FROM reality.listings"))).toBe("42501");
    expect(await sqlState(reality.query("SELECT id FROM property.buildings"))).toBe("42501");
    expect(await sqlState(reality.query("SELECT * FROM property.published_unit_facts(ARRAY[$1]::uuid[])", [unitA]))).toBe("42501");
  });
});

describe("the public-read path", () => {
  const listing = randomUUID();

  async function facts() {
    return (await property.query("SELECT * FROM property.published_unit_facts(ARRAY[$1]::uuid[])", [unitA])).rows;
  }

  it("shows nothing of a unit without a published listing", async () => {
    await owner.query(
      `INSERT INTO reality.listings (id, organization_id, unit_id, property_type, transaction_type, title, street, street_number, city, price, status, address_visibility, updated_at)
       VALUES ($1, $2, $3, 'APARTMENT', 'SALE', '3-izbový byt', 'Hlavná', '1', 'Košice', 150000, 'DRAFT', 'STREET', now())`,
      [listing, orgA, unitA],
    );
    expect(await facts()).toEqual([]);
  });

  it("shows only the public facts of a listed unit, the number hidden unless the listing shows it", async () => {
    await owner.query("UPDATE reality.listings SET status = 'ACTIVE', published_at = now() WHERE id = $1", [listing]);
    const [row] = await facts();
    expect(row).toMatchObject({ unit_id: unitA, building_id: buildingsA[0], floor: 3, rooms: 3, street: "Hlavná", street_number: null, city: "Košice" });
    expect(Object.keys(row)).not.toContain("designation");
    await owner.query("UPDATE reality.listings SET address_visibility = 'FULL' WHERE id = $1", [listing]);
    expect((await facts())[0].street_number).toBe("1");
  });
});
