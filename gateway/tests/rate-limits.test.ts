// Issue 21, "limits for everyone": anonymous callers per address (IPv6 by /64), signed-in people
// per account, partners per API client against the plan quota in their token, every request
// charged by its estimated cost; counters in Redis, shared by two gateway replicas; RateLimit
// headers on every answer, 429 with RATE_LIMITED and Retry-After on a refusal; graphql-ws
// connections and subscriptions limited with close code 4429. Small budgets (RATE_LIMIT_*) so the
// test stays short; the production defaults are the same code with larger numbers.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createUser } from "@ppt/testing/fixtures";
import { liveClient, subscribe } from "@ppt/testing/live";
import { startStack, type Stack } from "@ppt/testing/stack";
import { addressBucket } from "../src/rate-limit/index.ts";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    redis: true,
    replicas: true,
    rateLimits: "production",
    env: {
      RATE_LIMIT_ANONYMOUS_POINTS: "6",
      RATE_LIMIT_USER_POINTS: "10",
      RATE_LIMIT_PARTNER_POINTS: "50",
      RATE_LIMIT_COST_PER_POINT: "1000",
      RATE_LIMIT_WS_CONNECTIONS: "3",
      RATE_LIMIT_WS_SUBSCRIBES: "2",
    },
  });
}, 120_000);
afterAll(() => stack?.stop());

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

let next = 0;
/** Alternates between the two gateway replicas, so every budget below is shared across them. */
async function post(query: string, options: { address?: string; token?: string; variables?: Record<string, unknown> } = {}): Promise<Answer> {
  const url = next++ % 2 === 0 ? stack.gateway.url : stack.gateway2!.url;
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(options.address ? { "x-forwarded-for": options.address } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Answer["body"] };
}

const remaining = (a: Answer) => Number(a.headers.get("ratelimit-remaining"));
const CHEAP = "{ __typename }";
/** A search as the portal sends it, the page size as a variable: armor's cost grows with it (about 40 per listing). */
const SEARCH = `query Search($first: Int) { searchListings(first: $first) { totalCount edges { cursor node { id title city rooms sizeSqm photos { url } } } pageInfo { hasNextPage endCursor } } }`;
const testNet = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

async function signedIn(): Promise<string> {
  const org = await createOrganization(stack.owner.prisma);
  const user = await createUser(stack.owner.prisma);
  return stack.tokenFor(user.id, org.id);
}

describe("anonymous callers, per address", () => {
  it("are served up to the budget across both replicas, then refused with 429, RATE_LIMITED and Retry-After", async () => {
    const address = "203.0.113.7";
    for (let i = 1; i <= 6; i++) {
      const answer = await post(CHEAP, { address });
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.headers.get("ratelimit-limit")).toBe("6");
      expect(remaining(answer)).toBe(6 - i);
      expect(answer.headers.get("ratelimit-policy")).toBe("6;w=60");
      expect(answer.headers.get("retry-after")).toBeNull();
    }
    const refused = await post(CHEAP, { address });
    expect(refused.status).toBe(429);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toHaveLength(1);
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: "RATE_LIMITED", reason: "TOO_MANY_REQUESTS", limit: 6, remaining: 0 });
    expect(refused.body.errors![0]!.extensions).not.toHaveProperty("http");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(refused.body.errors![0]!.extensions!.retryAfter).toBe(retryAfter);

    // Another address has its own budget.
    expect((await post(CHEAP, { address: "203.0.113.8" })).status).toBe(200);
  });

  it("charge an operation by its estimated cost, the page size passed as a variable included", async () => {
    const address = testNet();
    const cheap = await post(CHEAP, { address });
    expect(remaining(cheap)).toBe(5);
    const small = await post(SEARCH, { address, variables: { first: 2 } });
    expect(small.body.errors).toBeUndefined();
    expect(remaining(small)).toBe(4);
    // A page of 50 listings costs about 2,000: several points of the same budget.
    const large = await post(SEARCH, { address, variables: { first: 50 } });
    expect(large.status).toBe(200);
    expect(large.body.errors).toBeUndefined();
    expect(remaining(small) - remaining(large)).toBeGreaterThan(1);
  });

  it("pay for documents that do not even parse", async () => {
    const address = testNet();
    const broken = await post("{ searchListings(", { address });
    expect(broken.body.errors![0]!.extensions!.code).toBe("GRAPHQL_PARSE_FAILED");
    expect(remaining(broken)).toBe(5);
    for (let i = 0; i < 5; i++) await post("{ nope", { address });
    const refused = await post("{ nope", { address });
    expect(refused.status).toBe(429);
    expect(refused.body.errors![0]!.extensions!.code).toBe("RATE_LIMITED");
  });

  it("count an IPv6 client by its /64", async () => {
    expect(addressBucket("2001:db8:1:2:aaaa::1")).toBe(addressBucket("2001:db8:1:2:ffff:1:2:3"));
    expect(addressBucket("2001:db8:1:2::1")).not.toBe(addressBucket("2001:db8:1:3::1"));
    expect(addressBucket("::ffff:10.0.0.1")).toBe("10.0.0.1");
    for (let i = 0; i < 6; i++) expect((await post(CHEAP, { address: `2001:db8:77:1::${i + 1}` })).status).toBe(200);
    expect((await post(CHEAP, { address: "2001:db8:77:1:dead:beef:0:1" })).status).toBe(429);
    expect((await post(CHEAP, { address: "2001:db8:77:2::1" })).status).toBe(200);
  });
});

describe("signed-in people", () => {
  it("have their own budget, not their address's", async () => {
    const address = testNet();
    for (let i = 0; i < 6; i++) await post(CHEAP, { address });
    expect((await post(CHEAP, { address })).status).toBe(429);

    const token = await signedIn();
    const mine = await post(CHEAP, { address, token });
    expect(mine.status).toBe(200);
    expect(mine.headers.get("ratelimit-limit")).toBe("10");
    expect(remaining(mine)).toBe(9);
    for (let i = 0; i < 9; i++) expect((await post(CHEAP, { address: testNet(), token })).status).toBe(200);
    const refused = await post(CHEAP, { address: testNet(), token });
    expect(refused.status).toBe(429);
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: "RATE_LIMITED", reason: "TOO_MANY_REQUESTS", limit: 10 });
    // Someone else is not affected.
    expect((await post(CHEAP, { address, token: await signedIn() })).status).toBe(200);
  });
});

describe("partner API clients", () => {
  const partnerToken = async (quotaPerMinute?: number) => {
    const org = await createOrganization(stack.owner.prisma);
    return stack.token({
      sub: randomUUID(),
      org: org.id,
      roles: [],
      permissions: ["buildings:read"],
      client_id: `ppt_${randomUUID().slice(0, 8)}`,
      ...(quotaPerMinute ? { quota_per_minute: quotaPerMinute } : {}),
    });
  };

  it("are held to their plan's quota from the token: one over it is refused with QUOTA_EXCEEDED, another is not", async () => {
    const small = await partnerToken(3);
    const large = await partnerToken(600);
    for (let i = 0; i < 3; i++) expect((await post(CHEAP, { token: small })).status).toBe(200);
    const refused = await post(CHEAP, { token: small });
    expect(refused.status).toBe(429);
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: "RATE_LIMITED", reason: "QUOTA_EXCEEDED", limit: 3, remaining: 0 });
    expect(refused.body.errors![0]!.message).toMatch(/quota/i);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

    const other = await post(CHEAP, { token: large });
    expect(other.status).toBe(200);
    expect(other.headers.get("ratelimit-limit")).toBe("600");
  });

  it("without a quota in the token get the partner default", async () => {
    const answer = await post(CHEAP, { token: await partnerToken() });
    expect(answer.headers.get("ratelimit-limit")).toBe("50");
  });
});

describe("subscriptions over graphql-ws", () => {
  it("close the socket with 4429 past the subscriptions a caller may start, and past the connections an address may open", async () => {
    const token = await signedIn();
    const first = liveClient(stack.gateway.url, token);
    const query = "subscription { notificationAdded { id } }";
    const subs = [subscribe(first, query), subscribe(first, query), subscribe(first, query)];
    await Promise.race([subs[2]!.ended, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    expect(first.closes).toContain(4429);
    expect(first.closeReasons.join()).toMatch(/too many subscriptions; retry in \d+ s/);
    for (const sub of subs) sub.dispose();

    // The first socket was this address's first connection; two more are allowed, the fourth is not
    // (another person's, whose subscriptions are not used up: the address counts).
    const other = await signedIn();
    const clients = [liveClient(stack.gateway2!.url, other), liveClient(stack.gateway.url, other), liveClient(stack.gateway2!.url, other)];
    const opened = [];
    for (const client of clients.slice(0, 2)) {
      const connected = new Promise((resolve) => client.on("connected", resolve));
      opened.push(subscribe(client, query));
      await connected;
    }
    opened.push(subscribe(clients[2]!, query));
    await Promise.race([opened[2]!.ended, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    expect(clients[0]!.closes).toEqual([]);
    expect(clients[1]!.closes).toEqual([]);
    expect(clients[2]!.closes).toEqual([4429]);
    expect(clients[2]!.closeReasons.join()).toMatch(/too many connections; retry in \d+ s/);
    for (const sub of opened) sub.dispose();
    for (const client of [first, ...clients]) void client.dispose();
  });
});
