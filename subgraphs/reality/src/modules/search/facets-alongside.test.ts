// A search that asks for its facets reads them alongside its page — both statements in flight at
// once, the count taken from the facets — and answers exactly as one reading them after its page;
// a search not asking for them reads none. Which fields a query selects (aliases, fragments).
// The listings sit around 30.5° N 40.5° E, where no other test puts any.
import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, type DbHandle, type PrismaClient } from "@ppt/server-kit";
import { createRealtor } from "@ppt/testing/fixtures";
import { insertListing } from "@ppt/testing/reality";
import type { RealityContext } from "../../context.ts";
import { selectsField } from "./selection.ts";
import { searchListings } from "./service.ts";

const BOX = { south: 30.3, west: 40.3, north: 30.7, east: 40.7 };
let db: TestDatabase;
let owner: DbHandle;
let reality: DbHandle;

/** The subgraph's database, each statement's start and end written down in order. */
function recorded(): { ctx: RealityContext; events: string[] } {
  const events: string[] = [];
  let statements = 0;
  const prisma = reality.prisma;
  const db = new Proxy(prisma, {
    get: (target, key, receiver) =>
      key === "$queryRaw"
        ? (...args: Parameters<PrismaClient["$queryRaw"]>) => {
            const n = ++statements;
            events.push(`start ${n}`);
            return (async () => {
              try {
                return await prisma.$queryRaw(...args);
              } finally {
                events.push(`end ${n}`);
              }
            })();
          }
        : (Reflect.get(target, key, receiver) as unknown),
  });
  const ctx = { db, replicaDb: db, loaders: { listing: { prime: () => undefined } } } as unknown as RealityContext;
  return { ctx, events };
}

async function answer(ctx: RealityContext, facets: boolean) {
  const connection = await searchListings(ctx, { boundingBox: BOX }, null, 5, null, { facets });
  return {
    ids: connection.edges.map((edge) => edge.node.id),
    facets: await connection.facets(),
    total: await connection.totalCount(),
    exact: await connection.totalCountIsExact(),
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  owner = connectDatabase(db.ownerUrl, { max: 2 });
  reality = connectDatabase(db.urlFor("reality"), { max: 2 });
  const realtorId = (await createRealtor(owner.prisma)).id;
  for (let i = 0; i < 24; i++)
    await insertListing(owner.prisma, {
      realtorId,
      latitude: 30.35 + (i % 6) * 0.06,
      longitude: 40.35 + Math.floor(i / 6) * 0.09,
      city: ["Fasetovo", "Horné Fasetovo"][i % 2],
      propertyType: i % 3 ? "APARTMENT" : "HOUSE",
      price: String(40_000 + i * 20_000),
      publishedAt: new Date(Date.now() - i * 60_000),
    });
}, 120_000);

afterAll(async () => {
  await reality?.close();
  await owner?.close();
  await db?.drop();
});

describe("a search asking for its facets", () => {
  it("reads them alongside its page, and answers as reading them after it", async () => {
    const alongside = recorded();
    const after = recorded();
    const asked = await answer(alongside.ctx, true);
    const late = await answer(after.ctx, false);
    // Both statements started before either ended; the count is the facets' own (no third).
    expect(alongside.events.slice(0, 2)).toEqual(["start 1", "start 2"]);
    expect(alongside.events).toHaveLength(4);
    expect(after.events).toEqual(["start 1", "end 1", "start 2", "end 2"]);
    expect(asked).toEqual(late);
    expect(asked).toMatchObject({ total: 24, exact: true });
    expect(asked.ids).toHaveLength(5);
    expect(asked.facets.cities.map((city) => city.count)).toEqual([12, 12]);
  });

  it("reads none when the query does not ask for them", async () => {
    const { ctx, events } = recorded();
    const connection = await searchListings(ctx, { boundingBox: BOX }, null, 5, null);
    expect(connection.edges).toHaveLength(5);
    expect(events).toEqual(["start 1", "end 1"]);
  });
});

describe("selectsField", () => {
  const info = (query: string, variableValues: Record<string, unknown> = {}) => {
    const document = parse(query);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const fragments = Object.fromEntries(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
    return { fieldNodes: operation.selectionSet.selections as never, fragments, variableValues };
  };

  it("finds a field selected directly, under an alias, in a fragment or an inline fragment", () => {
    expect(selectsField(info("{ searchListings { totalCount facets { cities { value } } } }"), "facets")).toBe(true);
    expect(selectsField(info("{ searchListings { f: facets { cities { value } } } }"), "facets")).toBe(true);
    expect(selectsField(info("{ searchListings { ...F } } fragment F on ListingSearchConnection { facets { cities { value } } }"), "facets")).toBe(true);
    expect(selectsField(info("{ searchListings { ... on ListingSearchConnection { facets { cities { value } } } } }"), "facets")).toBe(true);
    const asked = "query ($f: Boolean!) { searchListings { totalCount facets @include(if: $f) { cities { value } } } }";
    expect(selectsField(info(asked, { f: true }), "facets")).toBe(true);
  });

  it("does not find a field left out by @skip or @include, on it or on its fragment", () => {
    const included = "query ($f: Boolean!) { searchListings { totalCount facets @include(if: $f) { cities { value } } } }";
    expect(selectsField(info(included, { f: false }), "facets")).toBe(false);
    expect(selectsField(info("{ searchListings { totalCount facets @skip(if: true) { cities { value } } } }"), "facets")).toBe(false);
    const spread = "query ($f: Boolean!) { searchListings { ...F @include(if: $f) } } fragment F on ListingSearchConnection { facets { cities { value } } }";
    expect(selectsField(info(spread, { f: false }), "facets")).toBe(false);
    expect(selectsField(info("{ searchListings { ... @skip(if: true) { facets { cities { value } } } } }"), "facets")).toBe(false);
  });

  it("does not find a field the query does not select, nor one deeper down", () => {
    expect(selectsField(info("{ searchListings { totalCount edges { node { id } } } }"), "facets")).toBe(false);
    expect(selectsField(info("{ searchListings { edges { node { facets: id } } } }"), "facets")).toBe(false);
    expect(selectsField(info("{ searchListings { ...F } } fragment F on ListingSearchConnection { ...F totalCount }"), "facets")).toBe(false);
  });
});
