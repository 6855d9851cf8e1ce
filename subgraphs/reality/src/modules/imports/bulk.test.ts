// Bulk edits through the gateway: per-item validation and authorization with coded errors,
// set-based application with price history, and request-size limits that admit a 10,000-item
// mutation sent with variables and refuse a body far larger.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgency, createRealtorAccount, joinAgency } from "@ppt/testing/fixtures";
import { portalToken } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";
import { startGateway } from "@ppt/gateway";

let stack: Stack;
let agencyA: string;
let agencyB: string;
let realtorA: { realtorId: string; token: string };
let adminA: { realtorId: string; token: string };
let realtorB: { realtorId: string; token: string };

const BULK = /* GraphQL */ `
  mutation ($input: [ListingPatch!]!) {
    bulkUpdateListings(input: $input) {
      applied
      failed
      results {
        index
        id
        ok
        code
        message
      }
    }
  }
`;

/** `count` ACTIVE listings of a realtor, inserted set-based. */
async function seedListings(realtorId: string, agencyId: string, count: number, status = "ACTIVE"): Promise<string[]> {
  const rows = await stack.owner.prisma.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO reality.listings (realtor_id, agency_id, property_type, transaction_type, title, street, city, price, status, energy_class, published_at, updated_at)
     SELECT $1::uuid, $2::uuid, 'APARTMENT', 'SALE', 'Hromadný byt ' || g, 'Hlavná', 'Košice', 100000 + g, $3::reality."ListingStatus", 'B', now(), now()
     FROM generate_series(1, $4::int) g RETURNING id::text`,
    realtorId,
    agencyId,
    status,
    count,
  );
  return rows.map((r) => r.id);
}

async function account(agencyId: string, role: "OWNER" | "ADMIN" | "REALTOR" = "REALTOR") {
  const a = await createRealtorAccount(stack.owner.prisma);
  await joinAgency(stack.owner.prisma, agencyId, a.realtorId, role);
  return { realtorId: a.realtorId, token: await portalToken(stack, a.userId) };
}

beforeAll(async () => {
  stack = await startStack();
  agencyA = (await createAgency(stack.owner.prisma, "Agentúra A")).id;
  agencyB = (await createAgency(stack.owner.prisma, "Agentúra B")).id;
  realtorA = await account(agencyA);
  adminA = await account(agencyA, "ADMIN");
  realtorB = await account(agencyB, "ADMIN");
});

afterAll(() => stack?.stop());

describe("bulkUpdateListings", () => {
  it("applies 990 of 1,000 patches and reports the 10 invalid ones with their codes", async () => {
    const ids = await seedListings(realtorA.realtorId, agencyA, 1_000);
    const foreign = await seedListings(realtorB.realtorId, agencyB, 3);
    const input: Record<string, unknown>[] = ids.map((id, i) => ({ id, price: String(200_000 + i), features: ["balkon"] }));
    const invalid: Record<number, string> = {};
    const spoil = (index: number, patch: Record<string, unknown>, code: string) => {
      input[index] = patch;
      invalid[index] = code;
    };
    spoil(3, { id: ids[3], price: "-1" }, "BAD_USER_INPUT");
    spoil(50, { id: ids[50], price: "12.345" }, "BAD_USER_INPUT");
    spoil(100, { id: ids[100], features: ["Not A Key"] }, "BAD_USER_INPUT");
    spoil(200, { id: ids[200], status: "RENTED" }, "BAD_USER_INPUT"); // a sale cannot be rented
    spoil(300, { id: ids[300], status: "DRAFT" }, "CONFLICT"); // ACTIVE → DRAFT is no transition
    spoil(400, { id: foreign[0], price: "1" }, "NOT_FOUND"); // another agency's listing
    spoil(500, { id: foreign[1], status: "ARCHIVED" }, "NOT_FOUND");
    spoil(600, { id: "00000000-0000-0000-0000-000000000000", price: "5" }, "NOT_FOUND");
    spoil(700, { id: "not-a-uuid", price: "5" }, "NOT_FOUND");
    spoil(800, { id: ids[0], price: "7" }, "BAD_USER_INPUT"); // the same listing twice

    const result = await stack.query(BULK, { input }, realtorA.token);
    expect(result.errors).toBeUndefined();
    const { applied, failed, results } = result.data.bulkUpdateListings;
    expect({ applied, failed }).toEqual({ applied: 990, failed: 10 });
    const failures = Object.fromEntries(results.filter((r: any) => !r.ok).map((r: any) => [r.index, r.code]));
    expect(failures).toEqual(Object.fromEntries(Object.entries(invalid)));
    expect(results.map((r: any) => r.index)).toEqual(input.map((_, i) => i));

    // Valid patches applied, invalid ones left their rows as they were.
    const rows = new Map((await stack.owner.prisma.listing.findMany({ where: { id: { in: [...ids, ...foreign] } } })).map((r) => [r.id, r]));
    expect(rows.get(ids[1]!)!.price.toString()).toBe("200001");
    expect(rows.get(ids[1]!)!.features).toEqual(["balkon"]);
    expect(rows.get(ids[3]!)!.price.toString()).toBe("100004");
    expect(rows.get(ids[200]!)!.status).toBe("ACTIVE");
    expect(rows.get(ids[300]!)!.status).toBe("ACTIVE");
    expect(rows.get(ids[0]!)!.price.toString()).toBe("200000");
    expect(rows.get(foreign[0]!)!.price.toString()).toBe("100001");
    expect(rows.get(foreign[1]!)!.status).toBe("ACTIVE");

    // One price-history row per applied price change, written set-based in the same transaction.
    const history = await stack.owner.prisma.listingPriceHistory.findMany({ where: { listingId: { in: ids } } });
    expect(history).toHaveLength(990);
    const change = history.find((h) => h.listingId === ids[1])!;
    expect([change.oldPrice?.toString(), change.newPrice.toString(), change.changedByRealtorId]).toEqual(["100002", "200001", realtorA.realtorId]);
  });

  it("does not let a realtor bulk-edit another agency's listings, while that agency's admin can", async () => {
    const foreign = await seedListings(realtorB.realtorId, agencyB, 5);
    const input = foreign.map((id) => ({ id, status: "RESERVED" }));
    const refused = await stack.query(BULK, { input }, realtorA.token);
    expect(refused.data.bulkUpdateListings.applied).toBe(0);
    expect(refused.data.bulkUpdateListings.results.map((r: any) => r.code)).toEqual(Array(5).fill("NOT_FOUND"));
    expect(await stack.owner.prisma.listing.count({ where: { id: { in: foreign }, status: "RESERVED" } })).toBe(0);

    const ownAgency = await seedListings(realtorA.realtorId, agencyA, 3);
    const byAdmin = await stack.query(BULK, { input: ownAgency.map((id) => ({ id, status: "RESERVED" })) }, adminA.token);
    expect(byAdmin.data.bulkUpdateListings.applied).toBe(3);
    const byOtherAdmin = await stack.query(BULK, { input: ownAgency.map((id) => ({ id, status: "ACTIVE" })) }, realtorB.token);
    expect(byOtherAdmin.data.bulkUpdateListings.applied).toBe(0);
  });

  it("hands listings to another realtor of the same agency only, and only by its OWNER or ADMIN", async () => {
    const [own, colleagues, foreign] = [
      await seedListings(realtorA.realtorId, agencyA, 3),
      await seedListings(adminA.realtorId, agencyA, 1),
      await seedListings(realtorB.realtorId, agencyB, 1),
    ];
    const agentOf = async (id: string) => (await stack.owner.prisma.listing.findUniqueOrThrow({ where: { id } })).realtorId;
    const codes = async (token: string, input: Record<string, unknown>[]) =>
      ((await stack.query(BULK, { input }, token)).data.bulkUpdateListings.results as { code: string | null }[]).map((r) => r.code);

    // A's admin cannot move A's listing to B's realtor, nor to a made-up or malformed id; B's admin
    // cannot take A's listing; A's plain realtor cannot hand a listing on; nothing changes.
    expect(
      await codes(adminA.token, [
        { id: own[0], realtorId: realtorB.realtorId },
        { id: own[1], realtorId: "00000000-0000-4000-8000-000000000000" },
        { id: own[2], realtorId: "x" },
      ]),
    ).toEqual(["BAD_USER_INPUT", "BAD_USER_INPUT", "BAD_USER_INPUT"]);
    expect(await codes(realtorB.token, [{ id: own[0], realtorId: realtorB.realtorId }])).toEqual(["NOT_FOUND"]);
    expect(await codes(adminA.token, [{ id: foreign[0], realtorId: adminA.realtorId }])).toEqual(["NOT_FOUND"]);
    expect(await codes(realtorA.token, [{ id: own[0], realtorId: adminA.realtorId }])).toEqual(["FORBIDDEN"]);
    expect(await Promise.all([...own, ...foreign].map(agentOf))).toEqual([realtorA.realtorId, realtorA.realtorId, realtorA.realtorId, realtorB.realtorId]);

    // A's admin moves listings between A's realtors, with a price change in the same patch.
    expect(
      await codes(adminA.token, [
        { id: own[0], realtorId: adminA.realtorId, price: "123456" },
        { id: colleagues[0], realtorId: realtorA.realtorId },
      ]),
    ).toEqual([null, null]);
    expect(await agentOf(own[0]!)).toBe(adminA.realtorId);
    expect(await agentOf(colleagues[0]!)).toBe(realtorA.realtorId);
    expect((await stack.owner.prisma.listing.findUniqueOrThrow({ where: { id: own[0]! } })).price.toString()).toBe("123456");
    // The realtor it was taken from no longer edits it.
    expect(await codes(realtorA.token, [{ id: own[0], price: "1000" }])).toEqual(["NOT_FOUND"]);
  });

  it("publishes drafts in bulk with stamps and events, refusing Slovak ones without an energy class", async () => {
    const drafts = await seedListings(realtorA.realtorId, agencyA, 4, "DRAFT");
    await stack.owner.prisma.listing.update({ where: { id: drafts[3]! }, data: { energyClass: null } });
    const result = await stack.query(BULK, { input: drafts.map((id) => ({ id, status: "ACTIVE" })) }, realtorA.token);
    expect(result.data.bulkUpdateListings.results.map((r: any) => r.code)).toEqual([null, null, null, "BAD_USER_INPUT"]);
    const published = await stack.owner.prisma.listing.findMany({ where: { id: { in: drafts.slice(0, 3) } } });
    expect(published.every((l) => l.status === "ACTIVE" && l.expiresAt && l.expiresAt > new Date())).toBe(true);
    expect(await stack.owner.prisma.outboxEvent.count({ where: { aggregateId: { in: drafts }, eventType: "listing.published" } })).toBe(3);
  });

  it("accepts 10,000 patches sent with variables through the gateway's query limits", async () => {
    const ids = await seedListings(realtorA.realtorId, agencyA, 10_000);
    const input = ids.map((id, i) => ({ id, price: String(300_000 + i), status: i % 2 ? "RESERVED" : null, features: ["vytah", "pivnica"] }));
    // A client of a large edit asks for the refused items only; the document stays tiny, the
    // patches travel as variables (graphql-armor counts the document's tokens, not variables).
    const LARGE = `mutation ($input: [ListingPatch!]!) { bulkUpdateListings(input: $input) { applied failed failures { index code } } }`;
    const body = JSON.stringify({ query: LARGE, variables: { input } });
    expect(body.length).toBeGreaterThan(1_000_000);
    // The same gateway (armor, 10 MB body limit), but with a subgraph budget for a long write: the
    // test stack's 5 s is sized for reads, and a loaded CI machine may need more for 10,000 rows.
    const gateway = await startGateway(
      {
        ...stack.reality.deps.config,
        subgraphUrls: { property: stack.property.url, reality: stack.reality.url },
        subgraphTimeoutMs: 60_000,
        bodyLimitBytes: 10 * 1024 * 1024,
      },
      0,
    );
    try {
      const res = await fetch(gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${realtorA.token}` },
        body,
      });
      const result = (await res.json()) as { data?: any; errors?: unknown[] };
      expect(result.errors).toBeUndefined();
      expect(result.data.bulkUpdateListings).toEqual({ applied: 10_000, failed: 0, failures: [] });
    } finally {
      await gateway.stop();
    }
    expect(await stack.owner.prisma.listing.count({ where: { id: { in: ids }, status: "RESERVED" } })).toBe(5_000);
  }, 120_000);

  it("refuses a ~30 MB body with 413 at the gateway and at the subgraph", async () => {
    const filler = "x".repeat(30 * 1024 * 1024);
    const body = JSON.stringify({ query: BULK, variables: { input: [{ id: filler }] } });
    for (const url of [stack.gateway.url, stack.reality.url]) {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${realtorA.token}`, ...stack.subgraphHeaders },
        body,
      });
      expect(res.status, url).toBe(413);
    }
  });

  it("refuses more than 10,000 patches as a whole", async () => {
    const input = Array.from({ length: 10_001 }, () => ({ id: "00000000-0000-0000-0000-000000000000" }));
    const result = await stack.query(BULK, { input }, realtorA.token);
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
