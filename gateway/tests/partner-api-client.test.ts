// A partner's whole path in production mode, with nothing fabricated: an organization's admin
// creates an API client through the API, the partner exchanges its secret for a token
// (client-credentials grant) and reads listings and its organization's buildings with an ad-hoc
// document through the gateway (also under a first-party app's client name: the token, verified,
// is what lets an ad-hoc document through). The same document from that client name without the
// partner's token is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createBuilding, createListing, createOrganization } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
const PASSWORD = "partnerske-heslo-2026";
const PORTAL = { "apollographql-client-name": "ppt-portal" };
// Not one of the apps' operations: a partner's own document.
const PARTNER_READ = `query PartnerRead { searchListings(first: 5) { totalCount edges { node { id title } } } buildings(first: 5) { totalCount edges { node { id city } } } }`;

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function post(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
let organizationId: string;
let clientToken: string;

beforeAll(async () => {
  stack = await startStack({ env: { NODE_ENV: "production" } });
  organizationId = (await createOrganization(stack.owner.prisma)).id;
  await createBuilding(stack.owner.prisma, organizationId, "Prešov");
  await createListing(stack.owner.prisma, { organizationId, title: "Partnerom viditeľný byt" });
  const admin = await createAccount(stack.owner.prisma, { password: PASSWORD, organizationId, roles: ["org_admin"] });

  const login = await post(`mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`, { input: { email: admin.email, password: PASSWORD } });
  expect(login.body.errors).toBeUndefined();
  const created = await post(
    `mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { clientSecret apiClient { clientId } } }`,
    { input: { name: "Partner ERP", permissions: ["buildings:read"], quotaPerMinute: 100 } },
    bearer(login.body.data.login.accessToken),
  );
  expect(created.body.errors).toBeUndefined();
  const { clientSecret, apiClient } = created.body.data.createApiClient;
  const issued = await post(`mutation ($id: String!, $secret: String!) { issueClientToken(clientId: $id, clientSecret: $secret) { accessToken } }`, {
    id: apiClient.clientId,
    secret: clientSecret,
  });
  expect(issued.body.errors).toBeUndefined();
  clientToken = issued.body.data.issueClientToken.accessToken;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe("a partner API client issued through the API, in production mode", () => {
  it("reads listings (reality) and its organization's buildings (property) with its own document", async () => {
    for (const headers of [bearer(clientToken), { ...bearer(clientToken), ...PORTAL }]) {
      const answer = await post(PARTNER_READ, {}, headers);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.searchListings.edges.map((e: any) => e.node.title)).toContain("Partnerom viditeľný byt");
      expect(answer.body.data.buildings.edges.map((e: any) => e.node.city)).toEqual(["Prešov"]);
    }
  });

  it("is refused the same document from a first-party app's client name without the partner's token", async () => {
    const refused = await post(PARTNER_READ, {}, PORTAL);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("OPERATION_NOT_PERSISTED");
    expect(refused.body.data).toBeUndefined();
  });
});
