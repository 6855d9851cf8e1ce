// Issue 12, finding 8: partner clients mint no clients, and revoking a client revokes the clients
// it created (recorded in created_by_client_id), so none outlives its creator.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createUser } from "@ppt/testing/fixtures";
import { startStack, type GraphQLResponse, type Stack } from "@ppt/testing/stack";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const code = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.code;

async function partnerClient(organizationId: string, createdByClientId: string | null = null) {
  const id = randomUUID();
  const clientId = `ppt_${id.slice(0, 12)}`;
  await stack.owner.prisma.$executeRaw`
    INSERT INTO identity.api_clients (id, organization_id, name, client_id, secret_hash, permissions, created_by_client_id, updated_at)
    VALUES (${id}::uuid, ${organizationId}::uuid, 'Partner', ${clientId}, 'x', ARRAY['api-clients:manage','buildings:read'], ${createdByClientId}::uuid, now())`;
  const token = await stack.token({ sub: id, org: organizationId, roles: [], permissions: ["api-clients:manage", "buildings:read"], client_id: clientId });
  return { id, token };
}

describe("partner clients and the clients they created", () => {
  it("refuses a partner client that tries to create a client", async () => {
    const org = await createOrganization(stack.owner.prisma);
    const parent = await partnerClient(org.id);
    const created = await stack.query(
      `mutation { createApiClient(input: { name: "child", permissions: ["buildings:read"] }) { clientSecret } }`,
      {},
      parent.token,
    );
    expect(code(created), JSON.stringify(created)).toBe("FORBIDDEN");
  });

  it("revokes the clients a revoked client created, and theirs", async () => {
    const org = await createOrganization(stack.owner.prisma);
    const admin = await createUser(stack.owner.prisma);
    const adminToken = await stack.tokenFor(admin.id, org.id, ["org_admin"]);
    const parent = await partnerClient(org.id);
    const child = await partnerClient(org.id, parent.id);
    const grandchild = await partnerClient(org.id, child.id);
    expect((await stack.query(`{ propertyHealth }`, {}, grandchild.token)).errors).toBeUndefined();
    const revoked = await stack.query(`mutation ($id: ID!) { revokeApiClient(id: $id) { id } }`, { id: parent.id }, adminToken);
    expect(revoked.errors, JSON.stringify(revoked.errors)).toBeUndefined();
    for (const client of [parent, child, grandchild]) expect(code(await stack.query(`{ propertyHealth }`, {}, client.token))).toBe("UNAUTHENTICATED");
  });
});
