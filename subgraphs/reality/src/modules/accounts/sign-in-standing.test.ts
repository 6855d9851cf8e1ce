// Issue 12, finding 1: every subgraph applies the one "does this sign-in still stand" rule to
// every audience, and a partner's quota is charged once per request whichever service it enters.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createOrganization } from "@ppt/testing/fixtures";
import { startStack, type GraphQLResponse, type Stack } from "@ppt/testing/stack";

const PASSWORD = "správne-heslo-2024";
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ redis: true });
});
afterAll(() => stack?.stop());

async function post(url: string, query: string, token?: string): Promise<GraphQLResponse> {
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      // Straight to a subgraph, as a process holding the subgraph secret (and no gateway mark).
      ...(url === stack.gateway.url ? {} : stack.subgraphHeaders),
      "x-forwarded-for": `10.9.${Math.floor(Math.random() * 250)}.1`,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as GraphQLResponse;
}
const code = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.code;

describe("the reality subgraph refuses ended management sign-ins", () => {
  it("refuses an access token after logout, straight to the subgraph and through the gateway", async () => {
    const org = await createOrganization(stack.owner.prisma);
    const user = await createAccount(stack.owner.prisma, { password: PASSWORD, organizationId: org.id });
    const signedIn = await post(stack.gateway.url, `mutation { login(input: { email: "${user.email}", password: "${PASSWORD}" }) { accessToken } }`);
    const token = signedIn.data.login.accessToken as string;
    expect((await post(stack.reality.url, "{ realityHealth }", token)).data).toEqual({ realityHealth: true });
    expect((await post(stack.gateway.url, "mutation { logout }", token)).data).toEqual({ logout: true });
    expect(code(await post(stack.reality.url, "{ realityHealth }", token))).toBe("UNAUTHENTICATED");
    expect(code(await post(stack.gateway.url, "{ realityHealth }", token))).toBe("UNAUTHENTICATED");
  });
});

describe("a partner's quota is charged once per request", () => {
  async function partner(quotaPerMinute: number) {
    const org = await createOrganization(stack.owner.prisma);
    const id = randomUUID();
    const clientId = `ppt_${id.slice(0, 8)}`;
    await stack.owner.prisma.$executeRaw`
      INSERT INTO identity.api_clients (id, organization_id, name, client_id, secret_hash, permissions, quota_per_minute, updated_at)
      VALUES (${id}::uuid, ${org.id}::uuid, 'Partner', ${clientId}, 'x', ARRAY['buildings:read'], ${quotaPerMinute}, now())`;
    return stack.token({ sub: id, org: org.id, roles: [], permissions: ["buildings:read"], client_id: clientId });
  }

  it("counts requests that go straight to either subgraph against one quota", async () => {
    const token = await partner(2);
    expect((await post(stack.property.url, "{ propertyHealth }", token)).errors).toBeUndefined();
    expect((await post(stack.reality.url, "{ realityHealth }", token)).errors).toBeUndefined();
    expect(code(await post(stack.reality.url, "{ realityHealth }", token))).toBe("RATE_LIMITED");
    expect(code(await post(stack.property.url, "{ propertyHealth }", token))).toBe("RATE_LIMITED");
  });

  it("charges a gateway request that spans both subgraphs once", async () => {
    const token = await partner(2);
    for (let i = 0; i < 2; i++) expect((await post(stack.gateway.url, "{ propertyHealth realityHealth }", token)).errors).toBeUndefined();
    expect(code(await post(stack.gateway.url, "{ propertyHealth realityHealth }", token))).toBe("RATE_LIMITED");
  });

  it("does not take a client's forged gateway mark", async () => {
    const token = await partner(1);
    const forged = { "x-ppt-gateway-request": "same.forged" };
    for (const expected of [undefined, "RATE_LIMITED"]) {
      const res = await fetch(stack.reality.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...stack.subgraphHeaders, ...forged },
        body: JSON.stringify({ query: "{ realityHealth }" }),
      });
      expect(code((await res.json()) as GraphQLResponse)).toBe(expected);
    }
  });
});
