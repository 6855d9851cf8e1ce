// Persisted documents in production: the first-party apps are served the operations they were
// built with (by id, from codegen's manifest) and nothing else; partners' API clients may send any
// document and use automatic persisted queries.
import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";
import { DEFAULT_MANIFESTS, loadManifests } from "../src/persisted-documents.ts";

let stack: Stack;
const manifest = loadManifests(DEFAULT_MANIFESTS);
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const idOf = (operation: string) => [...manifest].find(([, text]) => text.includes(`query ${operation}(`))?.[0];

// Not one of the apps' operations (the gate is about the document, not what it reads).
const AD_HOC = `query Probe { __typename }`;
const PORTAL = { "apollographql-client-name": "ppt-portal" };

async function post(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(stack.gateway.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}

const persisted = (id: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } });

async function partnerToken(): Promise<string> {
  const org = await createOrganization(stack.owner.prisma);
  return stack.token({ sub: randomUUID(), org: org.id, roles: [], permissions: ["buildings:read"], client_id: `ppt_${randomUUID().slice(0, 8)}` });
}

beforeAll(async () => {
  stack = await startStack({ env: { NODE_ENV: "production" } });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

describe("in production mode", () => {
  it("serves the portal's own operation by its id", async () => {
    const id = idOf("SearchListings");
    expect(id).toBeDefined();
    const answer = await post({ ...persisted(id!), variables: { first: 2 } }, PORTAL);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.searchListings.totalCount).toBeTypeOf("number");
  });

  it("refuses an unknown document from the first-party app's client name; the same document from a partner API client is served", async () => {
    const refused = await post({ query: AD_HOC }, PORTAL);
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("OPERATION_NOT_PERSISTED");

    const partner = await post({ query: AD_HOC }, { authorization: `Bearer ${await partnerToken()}` });
    expect(partner.body.errors).toBeUndefined();
    expect(partner.body.data).toEqual({ __typename: "Query" });
  });

  it("does not let the app register a document through automatic persisted queries, and lets a partner", async () => {
    const id = sha256(AD_HOC);
    expect((await post(persisted(id), PORTAL)).body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    expect((await post({ query: AD_HOC, ...persisted(id) }, PORTAL)).body.errors?.[0]?.extensions?.code).toBe("OPERATION_NOT_PERSISTED");

    const partner = { authorization: `Bearer ${await partnerToken()}` };
    expect((await post(persisted(id), partner)).body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    expect((await post({ query: AD_HOC, ...persisted(id) }, partner)).body.errors).toBeUndefined();
    expect((await post(persisted(id), partner)).body.data).toEqual({ __typename: "Query" });
    // Registered by the partner, the document is still not the app's.
    expect((await post(persisted(id), PORTAL)).body.errors?.[0]?.extensions?.code).toBe("OPERATION_NOT_PERSISTED");
  });

  it("serves a known id the text it stands for, whatever text comes with it", async () => {
    const id = idOf("SearchListings")!;
    const answer = await post({ query: AD_HOC, ...persisted(id), variables: { first: 1 } }, PORTAL);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.searchListings.pageInfo).toBeDefined();
  });
});
