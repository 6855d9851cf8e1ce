// The federated graph end to end: public joins across both subgraphs, tenant isolation through
// the gateway, batching across subgraphs, and a subgraph outage.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgency, createBuilding, createListing, createOrganization, createRealtor, createUnit, createUser } from "@ppt/testing/fixtures";
import { metric, startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let orgA: string;
let orgB: string;
let managerA: string;
let buildingsA: string[];
let buildingB: string;
let listedUnit: string;
let listing: string;

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  orgA = (await createOrganization(db, "Bytové družstvo Košice")).id;
  orgB = (await createOrganization(db, "Správa Bratislava")).id;
  managerA = (await createUser(db)).id;
  buildingsA = [(await createBuilding(db, orgA, "Košice", "Hlavná", "12")).id, (await createBuilding(db, orgA, "Košice", "Moyzesova", "3")).id];
  buildingB = (await createBuilding(db, orgB, "Bratislava", "Račianska", "45")).id;
  const units = [];
  for (let i = 0; i < 5; i++) units.push((await createUnit(db, orgA, buildingsA[i % 2]!, String(i + 1), i)).id);
  listedUnit = units[0]!;
  const agencies = [(await createAgency(db, "Reality Východ")).id, (await createAgency(db, "Domov Košice")).id, (await createAgency(db, "Byty SK")).id];
  const realtors = [];
  for (let i = 0; i < 10; i++) realtors.push((await createRealtor(db, `Maklér ${i}`)).id);
  const base = Date.now();
  for (let i = 0; i < 60; i++) {
    const created = await createListing(db, {
      realtorId: realtors[i % realtors.length],
      agencyId: agencies[i % agencies.length],
      unitId: units[i % units.length],
      organizationId: orgA,
      title: `Byt ${i}`,
      publishedAt: new Date(base - i * 60_000),
    });
    if (i === 0) listing = created.id;
  }
  await createListing(db, { realtorId: realtors[0], title: "Koncept", status: "DRAFT" });
});

afterAll(() => stack?.stop());

const LISTING_WITH_UNIT = /* GraphQL */ `
  query ($id: ID!) {
    listing(id: $id) {
      title
      unit {
        id
        building {
          city
        }
        listings {
          title
        }
      }
    }
  }
`;

describe("public portal path", () => {
  it("joins reality → property → reality without a token, the unit served by the property subgraph's _entities", async () => {
    const before = await metric(stack.property.url, "ppt_graphql_root_fields_total", { field: "_entities" });
    const result = await stack.query(LISTING_WITH_UNIT, { id: listing });
    expect(result.errors).toBeUndefined();
    expect(result.data.listing.title).toBe("Byt 0");
    expect(result.data.listing.unit.id).toBe(listedUnit);
    expect(result.data.listing.unit.building.city).toBe("Košice");
    // Unit 1 carries every 5th listing: 12 of them, all published.
    expect(result.data.listing.unit.listings).toHaveLength(12);
    expect(await metric(stack.property.url, "ppt_graphql_root_fields_total", { field: "_entities" })).toBe(before + 1);
  });

  it("shows a public reader the unit's facts but not its private fields", async () => {
    const result = await stack.query(
      `query ($id: ID!) { listing(id: $id) { unit { designation ownershipShare { numerator } building { street streetNumber units { id } } } } }`,
      { id: listing },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.listing.unit).toEqual({ designation: null, ownershipShare: null, building: { street: "Hlavná", streetNumber: null, units: [] } });
  });

  it("does not show drafts to the public", async () => {
    const draft = await stack.owner.prisma.listing.findFirstOrThrow({ where: { status: "DRAFT" } });
    const result = await stack.query(LISTING_WITH_UNIT, { id: draft.id });
    expect(result.data.listing).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("tenant isolation through the gateway", () => {
  it("lists only the active organization's buildings", async () => {
    const token = await stack.tokenFor(managerA, orgA);
    const result = await stack.query(`{ buildings(first: 10) { totalCount edges { node { id city street } } } }`, {}, token);
    expect(result.errors).toBeUndefined();
    expect(result.data.buildings.totalCount).toBe(2);
    expect(result.data.buildings.edges.map((e: any) => e.node.id).sort()).toEqual([...buildingsA].sort());
  });

  it("answers another tenant's building exactly like a missing one: null with NOT_FOUND", async () => {
    const token = await stack.tokenFor(managerA, orgA);
    const query = `query ($id: ID!) { building(id: $id) { id city } }`;
    const foreign = await stack.query(query, { id: buildingB }, token);
    const missing = await stack.query(query, { id: randomUUID() }, token);
    expect(foreign.data).toEqual({ building: null });
    expect(foreign.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(foreign).toEqual(missing);
  });

  it("refuses an X-Tenant-Id that is not the token's organization", async () => {
    const token = await stack.tokenFor(managerA, orgA);
    const result = await stack.query(`{ buildings { totalCount } }`, {}, token, { "x-tenant-id": orgB });
    expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(result.data).toBeUndefined();
  });

  it("requires a token for tenant data", async () => {
    const result = await stack.query(`{ buildings { totalCount } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("batching across subgraphs", () => {
  const SEARCH = /* GraphQL */ `
    query ($first: Int!) {
      searchListings(first: $first) {
        totalCount
        edges {
          node {
            title
            realtor {
              displayName
            }
            agency {
              name
            }
            unit {
              id
              building {
                city
              }
            }
          }
        }
      }
    }
  `;

  it("sends the same, small number of SQL statements for 5 and for 50 listings", async () => {
    const counts: number[] = [];
    for (const first of [5, 50]) {
      const before = stack.queryCount();
      const result = await stack.query(SEARCH, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data.searchListings.edges).toHaveLength(first);
      expect(result.data.searchListings.edges.every((e: any) => e.node.realtor && e.node.agency && e.node.unit.building.city === "Košice")).toBe(true);
      counts.push(stack.queryCount() - before);
    }
    expect(counts[0]).toBe(counts[1]);
    // listings + count, realtors, agencies (reality) and the units' public facts (property).
    expect(counts[1]).toBeLessThanOrEqual(6);
  });

  const WITH_PROFILES = /* GraphQL */ `
    query ($first: Int!) {
      searchListings(first: $first) {
        edges {
          node {
            id
            realtor {
              id
              listings(first: 3) {
                totalCount
                edges {
                  node {
                    id
                    title
                  }
                }
                pageInfo {
                  endCursor
                  hasNextPage
                }
              }
            }
            agency {
              listings(first: 2) {
                totalCount
                edges {
                  node {
                    id
                  }
                }
              }
            }
          }
        }
      }
    }
  `;

  it("pages every result's realtor and agency listings in batches, continuing where the batch stopped", async () => {
    const counts: number[] = [];
    let nodes: any[] = [];
    for (const first of [5, 50]) {
      const before = stack.queryCount();
      const result = await stack.query(WITH_PROFILES, { first });
      expect(result.errors).toBeUndefined();
      counts.push(stack.queryCount() - before);
      nodes = result.data.searchListings.edges.map((e: any) => e.node);
    }
    expect(counts[0]).toBe(counts[1]);
    // 60 listings over 10 realtors and 3 agencies, newest first: realtor i has Byt i, Byt i+10, …
    const first = nodes[0];
    expect(first.realtor.listings.totalCount).toBe(6);
    expect(first.realtor.listings.edges.map((e: any) => e.node.title)).toEqual(["Byt 0", "Byt 10", "Byt 20"]);
    expect(first.agency.listings.totalCount).toBe(20);
    expect(first.agency.listings.edges.map((e: any) => e.node.id)).toHaveLength(2);

    // The batch's cursor is the single-owner page's cursor: the next page follows on.
    const next = await stack.query(
      `query ($id: ID!, $after: String) { realtor(id: $id) { listings(first: 3, after: $after) { edges { node { title } } pageInfo { hasNextPage } } } }`,
      {
        id: first.realtor.id,
        after: first.realtor.listings.pageInfo.endCursor,
      },
    );
    expect(next.errors).toBeUndefined();
    expect(next.data.realtor.listings.edges.map((e: any) => e.node.title)).toEqual(["Byt 30", "Byt 40", "Byt 50"]);
    expect(next.data.realtor.listings.pageInfo.hasNextPage).toBe(false);
  });
});

describe("a subgraph outage", () => {
  it("still answers the reality part, with an error on the property field and no internal URL", async () => {
    await stack.property.stop();
    const started = Date.now();
    const result = await stack.query(LISTING_WITH_UNIT, { id: listing });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.data.listing.title).toBe("Byt 0");
    // The unit's id and listings come from the reality subgraph; its building could not be fetched.
    expect(result.data.listing.unit.building).toBeNull();
    expect(result.data.listing.unit.listings.length).toBeGreaterThan(0);
    const error = result.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", serviceName: "property" });
    expect(error?.path).toEqual(["listing", "unit"]);
    expect(JSON.stringify(result)).not.toMatch(/127\.0\.0\.1|localhost|http:\/\//);
  });
});
