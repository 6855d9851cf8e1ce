// The direct lane against Apollo Gateway's own execution, on the same running subgraphs: a query
// planned as one fetch of the client's own selection, once learned, is answered by forwarding,
// and a plan of entity fetches by the lane's own execution, with the bytes and headers Apollo
// would have written; everything else (errors, bad variables, a refused token, a failed entity
// fetch, mutations) is still Apollo's, from the answers the lane got, and a request the lane
// charged and then left to Apollo is charged once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, type RunningGateway } from "@ppt/gateway";
import { createBuilding, createOrganization, createPortalUser, createRealtor, createUnit } from "@ppt/testing/fixtures";
import { insertListing, portalToken } from "@ppt/testing/reality";
import { CountingProxy } from "@ppt/testing/counting-proxy";
import { startStack, type Stack } from "@ppt/testing/stack";
import { DEFAULT_MANIFESTS, loadManifests } from "../src/persisted-documents.ts";

let stack: Stack;
/** What the reality and property subgraphs received from the gateway with the lane. */
let realityProxy: CountingProxy;
let propertyProxy: CountingProxy;
/** What the property subgraph received from the gateway without the lane. */
let apolloPropertyProxy: CountingProxy;
let lane: RunningGateway;
let apollo: RunningGateway;
let listingId: string;
/** A listing of a unit the property subgraph knows, for entity fetches. */
let listedUnitListingId: string;
let alice: string;

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const realtor = await createRealtor(db, "Maklér Žilina");
  listingId = (await insertListing(db, { title: "3-izbový byt Žilina", city: "Žilina", realtorId: realtor.id })).id;
  const org = await createOrganization(db);
  const building = await createBuilding(db, org.id, "Žilina", "Hlavná", "7");
  for (const designation of ["1", "2"]) {
    const unit = await createUnit(db, org.id, building.id, designation);
    listedUnitListingId = (await insertListing(db, { title: `Byt ${designation} Žilina`, city: "Žilina", realtorId: realtor.id, unitId: unit.id })).id;
  }
  const user = await createPortalUser(db, "Alica Malá");
  alice = await portalToken(stack, user.id);
  await db.favorite.create({ data: { portalUserId: user.id, listingId } });
  const config = {
    ...stack.config,
    subgraphUrls: { property: stack.property.url, reality: stack.reality.url },
    subgraphTimeoutMs: 5_000,
    bodyLimitBytes: 1024 * 1024,
    // As in production: the portal app may send only its built documents (none here), anyone else anything.
    persistedDocuments: { mode: "first-party" as const, firstPartyClients: ["ppt-portal"], manifests: DEFAULT_MANIFESTS },
  };
  realityProxy = new CountingProxy(stack.reality.url, 0);
  const realityThroughProxy = await realityProxy.listen();
  propertyProxy = new CountingProxy(stack.property.url, 0);
  const propertyThroughProxy = await propertyProxy.listen();
  apolloPropertyProxy = new CountingProxy(stack.property.url, 0);
  const apolloPropertyThroughProxy = await apolloPropertyProxy.listen();
  lane = await startGateway({ ...config, subgraphUrls: { property: propertyThroughProxy, reality: realityThroughProxy }, directLane: true }, 0);
  apollo = await startGateway({ ...config, subgraphUrls: { property: apolloPropertyThroughProxy, reality: stack.reality.url }, directLane: false }, 0);
}, 60_000);

afterAll(async () => {
  await lane?.stop();
  await apollo?.stop();
  await realityProxy?.close();
  await propertyProxy?.close();
  await apolloPropertyProxy?.close();
  await stack?.stop();
});

interface Answer {
  status: number;
  text: string;
  headers: Headers;
}

async function post(
  gateway: RunningGateway,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
  headers: Record<string, string> = {},
  operationName?: string,
): Promise<Answer> {
  const res = await fetch(gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** What a client sees of an answer, less what differs on every request. */
function seen(answer: Answer) {
  const headers = Object.fromEntries(
    [...answer.headers].filter(([name]) => !["date", "x-request-id", "ratelimit-remaining", "ratelimit-reset", "content-length"].includes(name)),
  );
  return { status: answer.status, text: answer.text, headers };
}

const remaining = (answer: Answer) => Number(answer.headers.get("ratelimit-remaining"));

const LISTING = `query Listing($id: ID!) { listing(id: $id) { id title savedByMe price { amount currency } city } }`;
// The unit is the property subgraph's: a second fetch. (`unit { id }` alone is answered by the reality subgraph, and forwarded.)
const FEDERATED = `query Federated($id: ID!) { listing(id: $id) { id title unit { id rooms building { city } } } }`;
// A page: the units of a list joined in one entity fetch, realtors from the first.
// As the apps send them: fragments, and `__typename` everywhere (Apollo Client adds it).
const APP_LISTING = `query AppListing($id: ID!) { listing(id: $id) { __typename ...Card city } } fragment Card on Listing { __typename id title price { __typename amount } }`;
const APP_PAGE = `query AppPage($city: String!) { searchListings(filter: { city: $city }, first: 10) { __typename edges { __typename node { ...Row id } } } }
  fragment Row on Listing { __typename id title unit { __typename id floor building { __typename city } } realtor { __typename displayName } }`;
const PAGE = `query Page($city: String!) { searchListings(filter: { city: $city }, first: 10) { totalCount edges { node { id title price { amount currency } realtor { displayName } unit { id floor building { city } } } } } }`;

/**
 * Answers to the one-unit entity fetch of FEDERATED that Apollo cannot merge: an entity that is not
 * an object or null, `_entities` missing or not a list, a list of another length, nothing at all.
 */
const MALFORMED_ENTITIES = [
  '{"data":{"_entities":["not an object"]}}',
  '{"data":{"_entities":[["an array"]]}}',
  '{"data":{}}',
  '{"data":{"_entities":{"id":"1"}}}',
  '{"data":{"_entities":[]}}',
  '{"data":{"_entities":[null,null]}}',
  '{"data":"not an object"}',
  "{}",
];

/** FEDERATED's listing of a unit through `gateway` while the property subgraph behind `proxy` answers `failWith`. */
async function withPropertyFailing(gateway: RunningGateway, proxy: CountingProxy, failWith: { status: number; body?: string }) {
  proxy.failWith = failWith;
  try {
    const answer = await post(gateway, FEDERATED, { id: listedUnitListingId });
    return { status: answer.status, body: JSON.parse(answer.text) };
  } catch (error) {
    throw new Error(`${failWith.body ?? failWith.status}: ${String(error)}`);
  } finally {
    proxy.failWith = null;
  }
}

describe("the direct lane", () => {
  it("forwards a learned single-subgraph query, with Apollo's bytes and headers, anonymous and signed in", async () => {
    // Apollo answers the first request and the lane learns the route from it.
    const learned = await post(lane, LISTING, { id: listingId });
    expect(lane.forwardedQueries()).toBe(0);
    expect(seen(learned)).toEqual(seen(await post(apollo, LISTING, { id: listingId })));
    for (const token of [undefined, alice]) {
      const before = lane.forwardedQueries();
      const forwarded = await post(lane, LISTING, { id: listingId }, token);
      expect(lane.forwardedQueries()).toBe(before + 1);
      const reference = await post(apollo, LISTING, { id: listingId }, token);
      expect(JSON.parse(forwarded.text).data.listing.savedByMe).toBe(token === alice);
      expect(seen(forwarded)).toEqual(seen(reference));
    }
    expect(apollo.forwardedQueries()).toBe(0);
  });

  it("answers in the media type Apollo negotiates from the Accept header", async () => {
    await post(lane, LISTING, { id: listingId });
    for (const accept of [
      "application/graphql-response+json, application/json;q=0.9",
      "application/json",
      "*/*",
      "application/*;q=0.5, application/graphql-response+json",
    ]) {
      const before = lane.forwardedQueries();
      const forwarded = await post(lane, LISTING, { id: listingId }, undefined, { accept });
      expect(lane.forwardedQueries()).toBe(before + 1);
      const reference = await post(apollo, LISTING, { id: listingId }, undefined, { accept });
      expect(seen(forwarded), accept).toEqual(seen(reference));
    }
  });

  it("forwards a first-party app's document sent by its manifest id", async () => {
    const [id] = [...loadManifests(DEFAULT_MANIFESTS)].find(([, text]) => text.startsWith("query ListingCategories")) ?? [];
    expect(id).toBeDefined();
    const send = (gateway: RunningGateway) =>
      fetch(gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", "apollographql-client-name": "ppt-portal" },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } }),
      }).then(async (res) => ({ status: res.status, text: await res.text(), headers: res.headers }));
    await send(lane);
    const before = lane.forwardedQueries();
    const forwarded = await send(lane);
    expect(lane.forwardedQueries()).toBe(before + 1);
    expect(JSON.parse(forwarded.text).data).toBeTruthy();
    expect(seen(forwarded)).toEqual(seen(await send(apollo)));
  });

  it("never forwards an ad-hoc document of a first-party app, which only its built documents may reach", async () => {
    await post(lane, LISTING, { id: listingId });
    const before = lane.forwardedQueries();
    const app = await post(lane, LISTING, { id: listingId }, undefined, { "apollographql-client-name": "ppt-portal" });
    expect(JSON.parse(app.text).errors?.[0]?.extensions?.code).toBe("OPERATION_NOT_PERSISTED");
    expect(lane.forwardedQueries()).toBe(before);
  });

  it("leaves a request a browser could send cross-site without a preflight to Apollo's CSRF rule", async () => {
    await post(lane, LISTING, { id: listingId });
    const before = lane.forwardedQueries();
    const simple = await post(lane, LISTING, { id: listingId }, undefined, { "content-type": "text/plain; x=json" });
    expect(simple.status).toBe(400);
    expect(lane.forwardedQueries()).toBe(before);
  });

  it("leaves a subgraph's errors, bad variables and a refused token to Apollo, which answers as it always does", async () => {
    await post(lane, LISTING, { id: listingId });
    const before = lane.forwardedQueries();
    const cases: [Record<string, unknown>, string | undefined][] = [
      [{ id: "not-a-listing-id" }, undefined],
      [{}, undefined],
      [{ id: { nested: true } }, undefined],
      [{ id: listingId }, "not.a.token"],
    ];
    for (const [variables, token] of cases) {
      const sent = realityProxy.bodies.length;
      const mine = await post(lane, LISTING, variables, token);
      const reference = await post(apollo, LISTING, variables, token);
      expect(JSON.parse(mine.text).errors?.length, JSON.stringify(variables)).toBeGreaterThan(0);
      expect(seen(mine)).toEqual(seen(reference));
      // Only a valid request reaches the subgraph, once: Apollo answers from the lane's answer.
      expect(realityProxy.count("listing(", sent), JSON.stringify(variables)).toBe(variables === cases[0]![0] ? 1 : 0);
    }
    expect(lane.forwardedQueries()).toBe(before);
  });

  it("runs a plan of entity fetches itself, with Apollo's bytes and headers, asking each subgraph what Apollo asks", async () => {
    const cases: [string, Record<string, unknown>, string | undefined][] = [
      [FEDERATED, { id: listedUnitListingId }, undefined],
      [FEDERATED, { id: listingId }, undefined], // no unit: no entity fetch
      [FEDERATED, { id: listedUnitListingId }, alice],
      [PAGE, { city: "Žilina" }, undefined],
      [PAGE, { city: "Žilina" }, alice],
      [APP_LISTING, { id: listedUnitListingId }, undefined],
      [APP_PAGE, { city: "Žilina" }, undefined],
      [APP_PAGE, { city: "Žilina" }, alice],
    ];
    for (const [query, variables] of cases) await post(lane, query, variables);
    for (const [query, variables, token] of cases) {
      const before = lane.forwardedQueries();
      const asked = { reality: realityProxy.bodies.length, property: propertyProxy.bodies.length };
      const mine = await post(lane, query, variables, token);
      expect(lane.forwardedQueries(), query).toBe(before + 1);
      const sent = { reality: realityProxy.bodies.slice(asked.reality), property: propertyProxy.bodies.slice(asked.property) };
      const reference = await post(apollo, query, variables, token);
      expect(JSON.parse(reference.text).errors).toBeUndefined();
      expect(seen(mine), `${query} ${JSON.stringify(variables)}`).toEqual(seen(reference));
      // One page fetch, and one entity fetch of every unit the answer shows (none without units).
      const units = mine.text.match(/"building"/g)?.length ?? 0;
      expect(sent.reality).toHaveLength(1);
      expect(sent.property).toHaveLength(units ? 1 : 0);
      if (units) expect(JSON.parse(sent.property[0]!).variables.representations).toHaveLength(units);
    }
    expect(JSON.parse((await post(lane, PAGE, { city: "Žilina" })).text).data.searchListings.edges.filter((e: any) => e.node.unit?.building)).toHaveLength(2);
  });

  it("leaves a failed entity fetch to Apollo, which answers from what the lane got without asking again", async () => {
    await post(lane, FEDERATED, { id: listedUnitListingId });
    const failed = async (failWith: { status: number; body?: string }) => {
      const before = lane.forwardedQueries();
      const asked = { reality: realityProxy.bodies.length, property: propertyProxy.bodies.length };
      const answer = await withPropertyFailing(lane, propertyProxy, failWith);
      expect(lane.forwardedQueries()).toBe(before);
      expect(realityProxy.bodies.length - asked.reality).toBe(1);
      expect(propertyProxy.bodies.length - asked.property).toBe(1);
      return answer;
    };
    const down = await failed({ status: 503 });
    // What Apollo makes of a failed entity fetch: the unit's key from the first fetch, its other fields null, one error.
    expect(down.status).toBe(200);
    expect(down.body.data.listing).toMatchObject({ id: listedUnitListingId, unit: { rooms: null, building: null } });
    expect(down.body.errors.map((e: any) => e.extensions.code)).toEqual(["SERVICE_UNAVAILABLE"]);
    // A subgraph answering entities Apollo cannot merge: reported as a failed fetch, from the same answers.
    for (const body of MALFORMED_ENTITIES) expect.soft(await failed({ status: 200, body }), body).toEqual(down);
  });

  it("answers an entity fetch the subgraph answered malformed as a failed fetch, without the lane too", async () => {
    const failed = async (failWith: { status: number; body?: string }) => {
      const asked = apolloPropertyProxy.bodies.length;
      const answer = await withPropertyFailing(apollo, apolloPropertyProxy, failWith);
      expect(apolloPropertyProxy.bodies.length - asked).toBe(1);
      return answer;
    };
    const down = await failed({ status: 503 });
    expect(down.status).toBe(200);
    expect(down.body.data.listing).toMatchObject({ id: listedUnitListingId, title: "Byt 2 Žilina", unit: { rooms: null, building: null } });
    expect(down.body.errors).toEqual([
      { message: "The property service is unavailable", path: ["listing", "unit"], extensions: { code: "SERVICE_UNAVAILABLE", serviceName: "property" } },
    ]);
    for (const body of MALFORMED_ENTITIES) expect.soft(await failed({ status: 200, body }), body).toEqual(down);
  });

  it("leaves a document of several operations to Apollo, which wants the one to run named", async () => {
    const query = `${LISTING} query Other { listingCategories { propertyType } }`;
    const named = await post(lane, query, { id: listingId }, undefined, {}, "Listing");
    expect(JSON.parse(named.text).errors).toBeUndefined();
    const before = lane.forwardedQueries();
    expect(seen(await post(lane, query, { id: listingId }, undefined, {}, "Listing"))).toEqual(seen(named));
    const unnamed = await post(lane, query, { id: listingId });
    expect(JSON.parse(unnamed.text).errors?.[0]?.message).toMatch(/operation name/i);
    expect(lane.forwardedQueries()).toBe(before);
  });

  it("never runs a mutation", async () => {
    const before = lane.forwardedQueries();
    for (let i = 0; i < 2; i++) {
      const view = await post(lane, `mutation View($id: ID!) { recordListingView(id: $id) }`, { id: listingId }, alice);
      expect(JSON.parse(view.text).errors).toBeUndefined();
    }
    expect(lane.forwardedQueries()).toBe(before);
  });

  it("charges a forwarded query as Apollo does, and a query it leaves to Apollo once", async () => {
    await post(lane, LISTING, { id: listingId }, alice);
    const cost = async (gateway: RunningGateway, variables: Record<string, unknown>) => {
      const first = await post(gateway, LISTING, variables, alice);
      const second = await post(gateway, LISTING, variables, alice);
      return remaining(first) - remaining(second);
    };
    const forwardedBefore = lane.forwardedQueries();
    const forwardedCost = await cost(lane, { id: listingId });
    expect(lane.forwardedQueries()).toBe(forwardedBefore + 2);
    expect(forwardedCost).toBeGreaterThan(0);
    expect(forwardedCost).toBe(await cost(apollo, { id: listingId }));
    // The subgraph refuses this id: the lane has charged, Apollo answers, nobody charges again.
    expect(await cost(lane, { id: "not-a-listing-id" })).toBe(forwardedCost);
  });
});
