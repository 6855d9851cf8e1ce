// One request holds one pooled connection at a time, wherever the resolver is: a mutation that
// reads (the caller's rights, the fault) and then writes must not keep its read transaction open
// while the write waits for a second connection. The whole stack runs with a request pool of ONE
// connection per subgraph; before TenantDb.write released the read, these mutations hung.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createBuilding, createOrganization, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let token: string;
let buildingId: string;

beforeAll(async () => {
  stack = await startStack({ env: { DATABASE_POOL_MAX: "1" } });
  const db = stack.owner.prisma;
  const organizationId = (await createOrganization(db)).id;
  buildingId = (await createBuilding(db, organizationId)).id;
  const manager = (await createUser(db)).id;
  await addMember(db, organizationId, manager);
  token = await stack.tokenFor(manager, organizationId, ["manager"]);
});

afterAll(() => stack?.stop());

describe("a subgraph whose request pool has ONE connection", () => {
  it("completes mutations that read and then write, and a later read in the same request sees the write", async () => {
    const reported = await stack.query<{ reportFault: { id: string } }>(
      `mutation ($b: ID!) { reportFault(input: { buildingId: $b, title: "Kvapkajúci kohútik", description: "V pivnici", category: PLUMBING }) { id } }`,
      { b: buildingId },
      token,
    );
    expect(reported.errors).toBeUndefined();
    const faultId = reported.data!.reportFault.id;

    // Reads the fault and the caller's rights, writes the status and its history, then reads the
    // new history back through the fault's fields: all on the one connection, in order.
    const moved = await stack.query<{ changeFaultStatus: { status: string; statusHistory: { toStatus: string }[] } }>(
      `mutation ($id: ID!) { changeFaultStatus(id: $id, status: TRIAGED, note: "Pozrieme") { status statusHistory { toStatus } } }`,
      { id: faultId },
      token,
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.changeFaultStatus.status).toBe("TRIAGED");
    expect(moved.data!.changeFaultStatus.statusHistory.map((h) => h.toStatus)).toContain("TRIAGED");

    const commented = await stack.query<{ commentOnFault: { body: string } }>(
      `mutation ($id: ID!) { commentOnFault(faultId: $id, body: "Prídeme zajtra") { body } }`,
      { id: faultId },
      token,
    );
    expect(commented.errors).toBeUndefined();
    expect(commented.data!.commentOnFault.body).toBe("Prídeme zajtra");
  });
});
