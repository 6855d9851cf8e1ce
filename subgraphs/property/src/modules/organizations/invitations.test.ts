// Pending invitations through the gateway: listed and revoked only by users:manage in the
// caller's own organization (another's looks missing), and a revoked link opens nothing.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMemberWithRoles, createOrganization, createUser } from "@ppt/testing/fixtures";
import { startStack, type GraphQLResponse, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let north: string;
let south: string;
let adminId: string;
let adminToken: string;
let southAdminToken: string;
let ownerToken: string;

const code = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.code;

const LIST = `{ invitations(first: 100) { totalCount edges { node { id email role expiresAt createdAt invitedBy { id } } } } }`;
const REVOKE = `mutation ($id: ID!) { revokeInvitation(id: $id) { id email role } }`;
const INVITE = `mutation ($e: EmailAddress!, $r: String!) { inviteMember(email: $e, role: $r) { id } }`;
const PREVIEW = `query ($t: String!) { invitationByToken(token: $t) { email } }`;
const ACCEPT = `mutation ($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { id } }`;

async function invite(email: string, role = "owner", token = adminToken): Promise<{ id: string; token: string }> {
  const result = await stack.query(INVITE, { e: email, r: role }, token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  const id = result.data.inviteMember.id as string;
  // The raw token travels only in the outbox, for the mail.
  const event = await stack.owner.prisma.outboxEvent.findFirstOrThrow({ where: { payload: { path: ["invitationId"], equals: id } } });
  return { id, token: (event.payload as { token: string }).token };
}

async function pendingIds(token: string): Promise<string[]> {
  const result = await stack.query(LIST, {}, token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.invitations.edges.map((e: { node: { id: string } }) => e.node.id);
}

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  north = (await createOrganization(db, "Bytové družstvo Sever")).id;
  south = (await createOrganization(db, "SVB Južná")).id;
  const admin = await createUser(db, "Eva", "Správna");
  adminId = admin.id;
  await addMemberWithRoles(db, north, admin.id, ["org_admin"]);
  adminToken = await stack.tokenFor(admin.id, north, ["org_admin"]);
  const southAdmin = await createUser(db, "Ján", "Južný");
  await addMemberWithRoles(db, south, southAdmin.id, ["org_admin"]);
  southAdminToken = await stack.tokenFor(southAdmin.id, south, ["org_admin"]);
  const owner = await createUser(db, "Oto", "Vlastník");
  await addMemberWithRoles(db, north, owner.id, ["owner"]);
  ownerToken = await stack.tokenFor(owner.id, north, ["owner"]);
});
afterAll(() => stack?.stop());

describe("pending invitations", () => {
  it("lists the organization's open invitations only, with who sent them", async () => {
    const open = await invite(`otvorena-${randomUUID()}@example.sk`, "tenant");
    const expired = await invite(`stara-${randomUUID()}@example.sk`);
    await stack.owner.prisma.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const replaced = `nahradena-${randomUUID()}@example.sk`;
    const old = await invite(replaced);
    const fresh = await invite(replaced);
    const southOpen = await invite(`juh-${randomUUID()}@example.sk`, "owner", southAdminToken);

    const result = await stack.query(LIST, {}, adminToken);
    const nodes = result.data.invitations.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toContainEqual(expect.objectContaining({ id: open.id, role: "tenant", invitedBy: { id: adminId } }));
    const ids = nodes.map((n: { id: string }) => n.id);
    expect(ids).toContain(fresh.id);
    expect(ids).not.toContain(expired.id);
    expect(ids).not.toContain(old.id);
    expect(ids).not.toContain(southOpen.id);
    expect(result.data.invitations.totalCount).toBe(ids.length);
  });

  it("revokes one: gone from the list, its link refused, audited once, the same answer again", async () => {
    const email = `zrusena-${randomUUID()}@example.sk`;
    const invitation = await invite(email);
    expect((await stack.query(PREVIEW, { t: invitation.token })).data.invitationByToken.email).toBe(email);

    const revoked = await stack.query(REVOKE, { id: invitation.id }, adminToken);
    expect(revoked.errors, JSON.stringify(revoked.errors)).toBeUndefined();
    expect(revoked.data.revokeInvitation).toEqual({ id: invitation.id, email, role: "owner" });
    expect(await pendingIds(adminToken)).not.toContain(invitation.id);
    expect(code(await stack.query(PREVIEW, { t: invitation.token }))).toBe("BAD_USER_INPUT");
    const accept = await stack.query(ACCEPT, { input: { token: invitation.token, firstName: "Nová", lastName: "Členka", password: "bezpečné-heslo-2024" } });
    expect(code(accept)).toBe("BAD_USER_INPUT");
    expect(await stack.owner.prisma.user.count({ where: { email } })).toBe(0);

    const again = await stack.query(REVOKE, { id: invitation.id }, adminToken);
    expect(again.data.revokeInvitation.id).toBe(invitation.id);
    const audit = await stack.owner.prisma.auditLog.findMany({ where: { entityId: invitation.id, action: "organization.invitation_revoked" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ organizationId: north, actorUserId: adminId });
  });

  it("answers another organization's invitation exactly as a missing one, and changes nothing", async () => {
    const invitation = await invite(`cudzia-${randomUUID()}@example.sk`);
    expect(code(await stack.query(REVOKE, { id: invitation.id }, southAdminToken))).toBe("NOT_FOUND");
    expect(code(await stack.query(REVOKE, { id: randomUUID() }, southAdminToken))).toBe("NOT_FOUND");
    expect(code(await stack.query(REVOKE, { id: "nie-je-id" }, adminToken))).toBe("NOT_FOUND");
    expect(await pendingIds(southAdminToken)).not.toContain(invitation.id);
    expect(await pendingIds(adminToken)).toContain(invitation.id);
  });

  it("refuses both to a member without users:manage", async () => {
    const invitation = await invite(`bez-prava-${randomUUID()}@example.sk`);
    expect(code(await stack.query(LIST, {}, ownerToken))).toBe("FORBIDDEN");
    expect(code(await stack.query(REVOKE, { id: invitation.id }, ownerToken))).toBe("FORBIDDEN");
    expect(code(await stack.query(LIST, {}))).toBe("UNAUTHENTICATED");
    expect(await pendingIds(adminToken)).toContain(invitation.id);
  });

  it("keeps an accepted invitation: revoking it is CONFLICT", async () => {
    const invitation = await invite(`prijata-${randomUUID()}@example.sk`);
    const accepted = await stack.query(ACCEPT, {
      input: { token: invitation.token, firstName: "Prijatá", lastName: "Členka", password: "bezpečné-heslo-2024" },
    });
    expect(accepted.errors, JSON.stringify(accepted.errors)).toBeUndefined();
    expect(code(await stack.query(REVOKE, { id: invitation.id }, adminToken))).toBe("CONFLICT");
  });
});
