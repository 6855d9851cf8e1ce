// Issue 21's must-show with the production defaults (no RATE_LIMIT_* set): 200 anonymous portal
// searches a minute from one address are served, the next ones get RATE_LIMITED with Retry-After,
// the two gateway replicas counting together in Redis; another address is served meanwhile.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ redis: true, replicas: true, rateLimits: "production" });
}, 120_000);
afterAll(() => stack?.stop());

/** The portal's search (clients/portal ListingSearch and ListingCard), page of 12 as the portal asks. */
const PORTAL_SEARCH = `
  query SearchListings($filter: ListingFilter, $first: Int!, $after: String) {
    searchListings(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { cursor node { id ...ListingCard } }
      pageInfo { hasNextPage endCursor }
      facets { cities { value count } }
    }
  }
  fragment ListingCard on Listing {
    id savedByMe title propertyType transactionType price { amount currency } sizeSqm rooms street city district
    photos { id url caption }
  }`;

async function search(n: number, address: string) {
  const res = await fetch(n % 2 === 0 ? stack.gateway.url : stack.gateway2!.url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify({ query: PORTAL_SEARCH, variables: { first: 12 } }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { errors?: { extensions?: Record<string, unknown> }[] } };
}

it("serves 200 anonymous searches a minute from one address across two replicas, then refuses with RATE_LIMITED and Retry-After", async () => {
  const address = "192.0.2.44";
  const first = await search(0, address);
  expect(first.status).toBe(200);
  expect(first.body.errors).toBeUndefined();
  expect(first.headers.get("ratelimit-limit")).toBe("200");
  // One portal search is one point.
  expect(first.headers.get("ratelimit-remaining")).toBe("199");

  // The rest in parallel batches: the counter is atomic, so exactly 199 more pass, whichever replica.
  const answers = [];
  for (let batch = 0; batch < 21; batch++) {
    answers.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => search(batch * 10 + i + 1, address)))));
  }
  const served = answers.filter((a) => a.status === 200);
  const refused = answers.filter((a) => a.status === 429);
  expect(served).toHaveLength(199);
  expect(refused).toHaveLength(11);
  for (const answer of served) expect(answer.body.errors).toBeUndefined();
  for (const answer of refused) {
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: "RATE_LIMITED", reason: "TOO_MANY_REQUESTS", limit: 200, remaining: 0 });
    expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
  }

  const elsewhere = await search(1, "192.0.2.45");
  expect(elsewhere.status).toBe(200);
  expect(elsewhere.headers.get("ratelimit-remaining")).toBe("199");
}, 180_000);
