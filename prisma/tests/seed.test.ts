// The demo seed loads realistic data and is idempotent: a second run changes nothing.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/client/client.ts";
import { seed } from "../src/seed/seed.ts";
import { createTestDatabase, testPool, type TestDatabase } from "../src/testing/databases.ts";

let db: TestDatabase;
let prisma: PrismaClient;
let owner: pg.Pool;

/** Row count and a fingerprint of every row, per table of the four schemas. */
async function snapshot(): Promise<Record<string, string>> {
  const { rows: tables } = await owner.query(
    "SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname IN ('platform','identity','property','reality') ORDER BY 1",
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const { rows } = await owner.query(`SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${name} t`);
    result[name] = `${rows[0].n}:${rows[0].h}`;
  }
  return result;
}

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.ownerUrl }) });
  owner = testPool(db.ownerUrl, 2);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await owner?.end();
  await db?.drop();
});

describe("seed", () => {
  it("loads two organizations, exact co-ownership, an open vote and a few hundred listings", async () => {
    const { inserted } = await seed(prisma);
    expect(inserted).toBeGreaterThan(800);
    const orgs = await owner.query("SELECT type FROM platform.organizations ORDER BY type");
    expect(orgs.rows.map((r) => r.type)).toEqual(["HOUSING_COOPERATIVE", "PROPERTY_MANAGEMENT"]);

    // Every unit's current owners hold exactly the whole unit; some units are co-owned.
    const shares = await owner.query(`
      SELECT unit_id, count(*)::int AS owners, array_agg(share_numerator) AS nums, array_agg(share_denominator) AS dens
      FROM property.unit_ownerships WHERE valid_to IS NULL GROUP BY unit_id`);
    const whole = (nums: number[], dens: number[]) => {
      const common = dens.reduce((a, b) => a * b, 1);
      return nums.reduce((sum, n, i) => sum + (n * common) / dens[i]!, 0) === common;
    };
    expect(shares.rows.every((r) => whole(r.nums, r.dens))).toBe(true);
    expect(shares.rows.filter((r) => r.owners > 1).length).toBeGreaterThanOrEqual(2);
    // Units' shares of the common parts add up to exactly one per building.
    const buildings = await owner.query(`
      SELECT building_id, sum(share_numerator)::bigint AS num, min(share_denominator) AS den, max(share_denominator) AS den2
      FROM property.units GROUP BY building_id`);
    expect(buildings.rows.every((r) => Number(r.num) === r.den && r.den === r.den2)).toBe(true);

    const vote = await owner.query(`
      SELECT v.id, (SELECT count(*)::int FROM property.vote_eligible_units e WHERE e.vote_id = v.id) AS eligible
      FROM property.votes v WHERE v.status = 'PUBLISHED' AND v.ends_at > '2026-01-15'`);
    expect(vote.rows.length).toBeGreaterThanOrEqual(1);
    expect(vote.rows[0].eligible).toBeGreaterThan(0);

    const listings = await owner.query(
      "SELECT count(*)::int AS n, count(*) FILTER (WHERE unit_id IS NOT NULL AND status = 'ACTIVE')::int AS of_units FROM reality.listings",
    );
    expect(listings.rows[0].n).toBeGreaterThanOrEqual(300);
    expect(listings.rows[0].of_units).toBeGreaterThanOrEqual(3);
    const linked = await owner.query(
      "SELECT count(*)::int AS n FROM reality.listings l LEFT JOIN property.units u ON u.id = l.unit_id WHERE l.unit_id IS NOT NULL AND u.id IS NULL",
    );
    expect(linked.rows[0].n).toBe(0);
    // The apps print "Vchod <designation>": the designation is the entrance's own mark, not a label.
    const entrances = await owner.query("SELECT designation FROM property.entrances ORDER BY designation");
    expect(entrances.rows.length).toBeGreaterThan(0);
    expect(entrances.rows.filter((r) => /vchod/i.test(r.designation))).toEqual([]);
    // Titles say what the listing is; rents and prices are in market ranges.
    const odd = await owner.query(`
      SELECT title, property_type, transaction_type, price FROM reality.listings
      WHERE (property_type = 'HOUSE' AND title NOT LIKE '%rodinný dom%') OR (property_type = 'APARTMENT' AND title !~ '(izbový byt|Garsónka)')
         OR (transaction_type = 'RENT' AND (price / nullif(size_sqm, 0) NOT BETWEEN 7 AND 20))
         OR (transaction_type = 'SALE' AND property_type IN ('APARTMENT', 'HOUSE') AND (price / nullif(size_sqm, 0) NOT BETWEEN 900 AND 5500))
         OR (transaction_type = 'RENT' AND status = 'SOLD')`);
    expect(odd.rows).toEqual([]);
    const kosice = await owner.query("SELECT count(*)::int AS n FROM reality.listings WHERE city = 'Košice'");
    expect(kosice.rows[0].n).toBeGreaterThan(0);
  });

  it("changes nothing when run again", async () => {
    const before = await snapshot();
    const { inserted } = await seed(prisma);
    expect(inserted).toBe(0);
    expect(await snapshot()).toEqual(before);
  });
});
