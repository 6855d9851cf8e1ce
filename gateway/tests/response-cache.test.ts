// The public response cache against the real stack: Redis, both subgraphs and two gateways. An
// anonymous answer is served again without asking the subgraph (by either gateway); a signed-in
// caller is never served the anonymous answer, nor anyone another's; and a listing's change
// drops every cached answer that showed it as soon as its outbox event arrives.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgency, createPortalUser, createRealtorAccount, joinAgency } from "@ppt/testing/fixtures";
import { insertListing, portalToken } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";

// The portal's listing page and search page, as it sends them.
const LISTING = `query ListingDetail($id: ID!) {
  listing(id: $id) {
    id savedByMe title description propertyType transactionType
    price { amount currency }
    priceHistory { oldPrice newPrice currency changedAt }
    sizeSqm rooms floor totalFloors energyClass features
    photos { id caption }
    publishedAt street city district postalCode
    realtor { id displayName phone email }
    agency { id name slug phone }
    unit { id building { id street city } }
  }
}`;
const SEARCH = `query SearchListings($filter: ListingFilter, $first: Int!, $after: String) {
  searchListings(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id ...ListingCard } }
    pageInfo { hasNextPage endCursor }
    facets { cities { value count } }
  }
}
fragment ListingCard on Listing { id savedByMe title propertyType transactionType city district price { amount currency } sizeSqm rooms }`;

let stack: Stack;
let redis: Redis;
let cachePrefix: string;
/** HTTP requests that reached the reality subgraph's /graphql. */
let realityCalls = 0;
let agencyId: string;
let realtorToken: string;
const ids: string[] = [];

interface Answer {
  body: { data?: any; errors?: unknown[] };
  headers: Headers;
}

async function ask(gatewayUrl: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
  const res = await fetch(gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { body: (await res.json()) as Answer["body"], headers: res.headers };
}

const cachedKeys = () => redis.keys(`${cachePrefix}fqc:*`);

/** The library stores in the background: wait until `count` answers are in Redis. */
async function untilStored(count: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while ((await cachedKeys()).length < count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} cached answers, found ${(await cachedKeys()).length}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  stack = await startStack({ redis: true, replicas: true, env: { RESPONSE_CACHE: "on" } });
  redis = new Redis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
  cachePrefix = `${stack.env.REDIS_KEY_PREFIX}response-cache:`;
  stack.reality.httpServer.on("request", (req) => {
    if (req.url?.startsWith("/graphql")) realityCalls++;
  });
  const db = stack.owner.prisma;
  agencyId = (await createAgency(db, "Agentúra Cache")).id;
  const realtor = await createRealtorAccount(db, "Maklér Cache");
  await joinAgency(db, agencyId, realtor.realtorId, "OWNER");
  realtorToken = await portalToken(stack, realtor.userId);
  for (const city of ["Cachovo", "Cachovo", "Cachovo"]) {
    ids.push((await insertListing(db, { realtorId: realtor.realtorId, agencyId, city, price: "100000" })).id);
  }
}, 120_000);

afterAll(async () => {
  const keys = await redis.keys(`${stack.env.REDIS_KEY_PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await stack?.stop();
});

/** Wait until answers tagged `tag` are stored (`present`) or dropped by a change event. */
async function untilTag(tag: string, present: boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while ((await redis.exists(tag)) !== (present ? 1 : 0)) {
    if (Date.now() > deadline) throw new Error(`the answers tagged ${tag} were ${present ? "not stored" : "not dropped"}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const untilTagged = (tag: string) => untilTag(tag, true);
const untilDropped = (tag: string) => untilTag(tag, false);

describe("public response cache", () => {
  it("serves a second anonymous request from the cache, on either gateway, without asking the subgraph", async () => {
    await redis.del(...((await cachedKeys()).length ? await cachedKeys() : ["-"]));
    const before = realityCalls;
    const first = await ask(stack.gateway.url, LISTING, { id: ids[0] });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.listing.price.amount).toBe("100000");
    expect(first.headers.get("cache-control")).toBe("max-age=60, public");
    expect(realityCalls).toBe(before + 1);
    await untilStored(1);

    const second = await ask(stack.gateway.url, LISTING, { id: ids[0] });
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("age")).not.toBeNull();
    // The second gateway (another replica) reads the same Redis.
    const fromReplica = await ask(stack.gateway2!.url, LISTING, { id: ids[0] });
    expect(fromReplica.body).toEqual(first.body);
    expect(realityCalls).toBe(before + 1);

    const page = { filter: { city: "Cachovo" }, first: 20 };
    const search = await ask(stack.gateway2!.url, SEARCH, page);
    expect(search.body.data.searchListings.totalCount).toBe(3);
    await untilStored(2);
    expect(await ask(stack.gateway.url, SEARCH, page)).toMatchObject({ body: search.body });
    expect(realityCalls).toBe(before + 2);
  });

  it("never serves the anonymous answer to a signed-in caller, nor one person's answer to another", async () => {
    const db = stack.owner.prisma;
    const fan = await createPortalUser(db, "Fanúšik");
    const other = await createPortalUser(db, "Iný");
    await db.favorite.create({ data: { portalUserId: fan.id, listingId: ids[1]! } });
    const [fanToken, otherToken] = await Promise.all([portalToken(stack, fan.id), portalToken(stack, other.id)]);
    const stored = (await cachedKeys()).length;

    const anonymous = await ask(stack.gateway.url, LISTING, { id: ids[1] });
    expect(anonymous.body.data.listing.savedByMe).toBe(false);
    await untilStored(stored + 1);

    const before = realityCalls;
    const fans = await ask(stack.gateway.url, LISTING, { id: ids[1] }, fanToken);
    expect(fans.body.data.listing.savedByMe).toBe(true);
    expect(fans.headers.get("cache-control")).toMatch(/private|no-store/);
    const fansAgain = await ask(stack.gateway2!.url, LISTING, { id: ids[1] }, fanToken);
    expect(fansAgain.body.data.listing.savedByMe).toBe(true);
    const others = await ask(stack.gateway.url, LISTING, { id: ids[1] }, otherToken);
    expect(others.body.data.listing.savedByMe).toBe(false);
    // Every signed-in request went to the subgraph, and none was stored.
    expect(realityCalls).toBe(before + 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await cachedKeys()).length).toBe(stored + 1);

    // The anonymous reader still gets the anonymous answer, from the cache.
    const again = await ask(stack.gateway2!.url, LISTING, { id: ids[1] });
    expect(again.body).toEqual(anonymous.body);
    expect(realityCalls).toBe(before + 3);
  });

  it("serves a listing's new price right after its change event, though the old answer was still fresh", async () => {
    const id = ids[2]!;
    const page = { filter: { city: "Cachovo", minPrice: "90000" }, first: 20 };
    const priceOf = (answer: Answer) => answer.body.data.listing.price.amount as string;
    const priceInPage = (answer: Answer) =>
      (answer.body.data.searchListings.edges as { node: { id: string; price: { amount: string } } }[]).find((edge) => edge.node.id === id)!.node.price.amount;
    const stored = (await cachedKeys()).length;
    expect(priceOf(await ask(stack.gateway.url, LISTING, { id }))).toBe("100000");
    expect(priceInPage(await ask(stack.gateway.url, SEARCH, page))).toBe("100000");
    await untilStored(stored + 2);
    const before = realityCalls;
    expect(priceOf(await ask(stack.gateway2!.url, LISTING, { id }))).toBe("100000");
    expect(realityCalls).toBe(before);
    const listingTag = `${cachePrefix}tag:id:${id}`;
    expect(await redis.exists(listingTag)).toBe(1);
    // Fresh for most of a minute yet.
    const ttls = await Promise.all((await cachedKeys()).map((key) => redis.ttl(key)));
    expect(Math.min(...ttls)).toBeGreaterThan(30);

    const updated = await ask(
      stack.gateway.url,
      `mutation($id: ID!) { updateListing(id: $id, input: { price: "123456" }) { id price { amount } } }`,
      { id },
      realtorToken,
    );
    expect(updated.body.errors).toBeUndefined();

    // The invalidation: the relay publishes listing.changed, every gateway drops what it tagged.
    await untilDropped(listingTag);
    const afterChange = realityCalls;
    expect(priceOf(await ask(stack.gateway2!.url, LISTING, { id }))).toBe("123456");
    expect(priceInPage(await ask(stack.gateway.url, SEARCH, page))).toBe("123456");
    expect(realityCalls).toBe(afterChange + 2);
  });

  it("drops the answers that show an agency or a realtor when their public details change", async () => {
    const id = ids[0]!;
    const first = await ask(stack.gateway.url, LISTING, { id });
    expect(first.body.data.listing.agency.name).toBe("Agentúra Cache");
    const agencyTag = `${cachePrefix}tag:id:${agencyId}`;
    await untilTagged(agencyTag);

    const renamed = await ask(
      stack.gateway.url,
      `mutation($id: ID!) { updateAgency(agencyId: $id, input: { name: "Agentúra Nová" }) { id name } }`,
      { id: agencyId },
      realtorToken,
    );
    expect(renamed.body.errors).toBeUndefined();
    await untilDropped(agencyTag);
    expect((await ask(stack.gateway2!.url, LISTING, { id })).body.data.listing.agency.name).toBe("Agentúra Nová");

    const realtorId = first.body.data.listing.realtor.id as string;
    const realtorTag = `${cachePrefix}tag:id:${realtorId}`;
    await untilTagged(realtorTag);
    const profile = await ask(
      stack.gateway.url,
      `mutation { updateMyRealtorProfile(input: { displayName: "Maklérka Nová" }) { id displayName } }`,
      {},
      realtorToken,
    );
    expect(profile.body.errors).toBeUndefined();
    await untilDropped(realtorTag);
    expect((await ask(stack.gateway.url, LISTING, { id })).body.data.listing.realtor.displayName).toBe("Maklérka Nová");
  });
});
