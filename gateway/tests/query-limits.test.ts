// Every query limit, at the gateway and straight at a subgraph (with the gateway's secret), is a
// client error with its own code and `extensions.limit`, and the status the GraphQL over HTTP
// spec gives an invalid document: 400 under application/graphql-response+json, 200 under
// application/json. Never a syntax error, never a 500 (issue 12, findings 9 and 10).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GATEWAY_QUERY_LIMITS, SUBGRAPH_QUERY_LIMITS, type QueryLimits } from "@ppt/server-kit/edge";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(() => stack?.stop());

/** A document over exactly one limit (the others may trip too; each is checked by its own `limit`). */
const overLimit: Record<keyof QueryLimits, (limits: QueryLimits, page: string) => string> = {
  cost: (l) => `{ buildings(first: ${l.cost * 2}) { edges { node { id name } } } }`,
  depth: (l) => {
    let inner = "id";
    for (let i = 0; i < l.depth; i++) inner = `units { building { ${inner} } }`;
    return `{ buildings(first: 1) { edges { node { ${inner} } } } }`;
  },
  // Aliases of __typename are not counted: a real field is.
  aliases: (l, page) => `{ ${Array.from({ length: l.aliases + 1 }, (_, i) => `a${i}: ${page}`).join(" ")} }`,
  directives: (l) => `{ ${"... on Query @include(if: true) { __typename } ".repeat(l.directives + 1)}}`,
  tokens: (l) => `{ ${"__typename ".repeat(l.tokens + 1)}}`,
};

const CODES: Record<keyof QueryLimits, string> = {
  cost: "QUERY_TOO_COMPLEX",
  depth: "QUERY_TOO_COMPLEX",
  aliases: "QUERY_TOO_COMPLEX",
  directives: "QUERY_TOO_COMPLEX",
  tokens: "QUERY_TOO_LARGE",
};

const MEDIA = { "application/graphql-response+json": 400, "application/json": 200 } as const;

async function send(url: string, query: string, accept: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", accept, ...headers }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { status: res.status, body };
}

const targets = () => [
  { name: "gateway", url: stack.gateway.url, limits: GATEWAY_QUERY_LIMITS, headers: {}, page: "searchListings(first: 1) { totalCount }" },
  {
    name: "property subgraph",
    url: stack.property.url,
    limits: SUBGRAPH_QUERY_LIMITS,
    headers: stack.subgraphHeaders,
    page: "buildings(first: 1) { totalCount }",
  },
];

describe.each(Object.keys(overLimit) as (keyof QueryLimits)[])("the %s limit", (limit) => {
  it.each(Object.entries(MEDIA))("answers %s with its code and status %i, at the gateway and at a subgraph", async (accept, status) => {
    for (const target of targets()) {
      const answer = await send(target.url, overLimit[limit](target.limits, target.page), accept, target.headers);
      expect(answer.status, target.name).toBe(status);
      expect(answer.body.data, target.name).toBeUndefined();
      const error = answer.body.errors?.find((e) => e.extensions?.limit === limit);
      expect(error?.extensions?.code, `${target.name}: ${JSON.stringify(answer.body.errors)}`).toBe(CODES[limit]);
      expect(error?.message).not.toMatch(/syntax error/i);
      for (const other of answer.body.errors ?? []) expect(["QUERY_TOO_COMPLEX", "QUERY_TOO_LARGE"]).toContain(other.extensions?.code);
    }
  });
});

describe("under the limits", () => {
  it("a document at each limit still runs", async () => {
    const atLimit = `{ ${Array.from({ length: GATEWAY_QUERY_LIMITS.aliases }, (_, i) => `a${i}: searchListings(first: 1) { totalCount }`).join(" ")} }`;
    const answer = await send(stack.gateway.url, atLimit, "application/graphql-response+json");
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });
});
