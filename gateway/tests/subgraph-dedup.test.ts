// In-flight deduplication of subgraph fetches, with real subgraphs: identical concurrent queries
// of one caller reach the subgraph once; the same query of two callers reaches it twice (each
// answer is the caller's own); a mutation is never deduplicated. A counting proxy in front of the
// reality subgraph holds each request briefly, so the concurrent requests overlap at the gateway.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, type RunningGateway } from "@ppt/gateway";
import { createPortalUser, createRealtor } from "@ppt/testing/fixtures";
import { insertListing, portalToken } from "@ppt/testing/reality";
import { CountingProxy } from "@ppt/testing/counting-proxy";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let proxy: CountingProxy;
let gateway: RunningGateway;
let listingId: string;
let alice: string;
let bob: string;

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const realtor = await createRealtor(db, "Maklér Prešov");
  listingId = (await insertListing(db, { title: "2-izbový byt Prešov", city: "Prešov", realtorId: realtor.id })).id;
  const [a, b] = [await createPortalUser(db, "Alica Malá"), await createPortalUser(db, "Boris Veľký")];
  alice = await portalToken(stack, a.id);
  bob = await portalToken(stack, b.id);
  // Alice keeps the listing among her favorites, Bob does not: a shared answer would show.
  await db.favorite.create({ data: { portalUserId: a.id, listingId } });
  proxy = new CountingProxy(stack.reality.url, 300);
  gateway = await startGateway(
    { ...stack.config, subgraphUrls: { property: stack.property.url, reality: await proxy.listen() }, subgraphTimeoutMs: 5_000, bodyLimitBytes: 1024 * 1024 },
    0,
  );
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await proxy?.close();
  await stack?.stop();
});

async function post(query: string, variables: Record<string, unknown>, token?: string) {
  const res = await fetch(gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
}

const LISTING = `query Listing($id: ID!) { listing(id: $id) { id title savedByMe } }`;

describe("in-flight deduplication of subgraph fetches", () => {
  it("sends two identical concurrent queries of one caller to the subgraph once", async () => {
    const from = proxy.bodies.length;
    const [first, second] = await Promise.all([post(LISTING, { id: listingId }, alice), post(LISTING, { id: listingId }, alice)]);
    expect(first).toEqual({ data: { listing: { id: listingId, title: "2-izbový byt Prešov", savedByMe: true } } });
    expect(second).toEqual(first);
    expect(proxy.count("listing(", from)).toBe(1);
  });

  it("sends the same query of two callers twice, and each gets their own answer", async () => {
    const from = proxy.bodies.length;
    const [mine, theirs, anonymous] = await Promise.all([
      post(LISTING, { id: listingId }, alice),
      post(LISTING, { id: listingId }, bob),
      post(LISTING, { id: listingId }),
    ]);
    expect(mine.data.listing.savedByMe).toBe(true);
    expect(theirs.data.listing.savedByMe).toBe(false);
    expect(anonymous.data.listing.savedByMe).toBe(false);
    expect(proxy.count("listing(", from)).toBe(3);
  });

  it("never deduplicates a mutation", async () => {
    const from = proxy.bodies.length;
    const view = `mutation View($id: ID!) { recordListingView(id: $id) }`;
    const results = await Promise.all([post(view, { id: listingId }, alice), post(view, { id: listingId }, alice)]);
    for (const result of results) expect(result.errors).toBeUndefined();
    expect(proxy.count("recordListingView", from)).toBe(2);
  });

  it("sends a query again once the first answer has arrived (nothing is cached)", async () => {
    const from = proxy.bodies.length;
    await post(LISTING, { id: listingId }, alice);
    await post(LISTING, { id: listingId }, alice);
    expect(proxy.count("listing(", from)).toBe(2);
  });
});
