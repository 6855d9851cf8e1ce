// `faultUpdated(buildingId)` through the gateway hears every change of a fault in the building —
// reported, edited, commented, photographed, assigned, moved along its workflow — and hears it
// from the change's own commit, not from the outbox relay's next poll. On the embedded default
// (no Redis: each process has its own in-process pub/sub) the reality subgraph's relay must never
// take a property event, or the wake-up is published where no property subscriber listens.
import { jpegWithGps } from "@ppt/testing/images";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createBuilding, createOrganization, createUser } from "@ppt/testing/fixtures";
import { liveClient, sleep, subscribe } from "@ppt/testing/live";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let buildingId: string;
let managerId: string;
let manager: string;

const FAULT_UPDATED = `subscription($building: ID!) { faultUpdated(buildingId: $building) { event faultId fault { title } } }`;

async function gql(query: string, variables: Record<string, unknown>) {
  const res = await stack.query(query, variables, manager);
  expect(res.errors).toBeUndefined();
  return res.data;
}

async function reportFault(title: string): Promise<string> {
  const data = await gql(`mutation($input: ReportFaultInput!) { reportFault(input: $input) { id } }`, {
    input: { buildingId, title, description: "Živý test" },
  });
  return data.reportFault.id;
}

async function attachPhoto(faultId: string): Promise<void> {
  const { withoutGps } = jpegWithGps();
  const requested = await gql(`mutation($input: RequestUploadInput!) { requestUpload(input: $input) { uploadId url headers { name value } } }`, {
    input: { purpose: "FAULT_ATTACHMENT", fileName: "foto.jpg", contentType: "image/jpeg", size: withoutGps.length },
  });
  const ticket = requested.requestUpload;
  const put = await fetch(ticket.url, {
    method: "PUT",
    headers: Object.fromEntries(ticket.headers.map((h: { name: string; value: string }) => [h.name, h.value])),
    body: withoutGps,
  });
  expect(put.status).toBe(200);
  await gql(`mutation($id: ID!) { confirmUpload(uploadId: $id) { id } }`, { id: ticket.uploadId });
  await gql(`mutation($fault: ID!, $upload: ID!) { addFaultAttachment(faultId: $fault, uploadId: $upload) { id } }`, {
    fault: faultId,
    upload: ticket.uploadId,
  });
}

const editTitle = (faultId: string, title: string) =>
  gql(`mutation($id: ID!, $title: String!) { updateFault(id: $id, input: { title: $title }) { id } }`, { id: faultId, title });
const comment = (faultId: string) => gql(`mutation($id: ID!) { commentOnFault(faultId: $id, body: "Technik príde zajtra") { id } }`, { id: faultId });
const assign = (faultId: string) => gql(`mutation($id: ID!, $to: ID) { assignFault(id: $id, assigneeId: $to) { id } }`, { id: faultId, to: managerId });
const move = (faultId: string, status: string) =>
  gql(`mutation($id: ID!, $status: FaultStatus!) { changeFaultStatus(id: $id, status: $status) { id } }`, { id: faultId, status });

/** A subscriber of the building, live once the subgraph holds its subscription. */
async function watchBuilding() {
  const client = liveClient(stack.gateway.url, manager);
  const live = subscribe(client, FAULT_UPDATED, { building: buildingId });
  // The subscription is open once a change reported now reaches it.
  for (let i = 0; i < 50 && stack.gateway.subscriptions.clientCount() < 1; i++) await sleep(50);
  await sleep(200);
  return { client, live };
}

beforeAll(async () => {
  // No Redis: in-process pub/sub per subgraph, as on the embedded default.
  stack = await startStack();
  const orgId = (await createOrganization(stack.owner.prisma, "SVB Živé poruchy")).id;
  buildingId = (await createBuilding(stack.owner.prisma, orgId, "Košice", "Moldavská", "7")).id;
  const user = await createUser(stack.owner.prisma, "Eva", "Správcová");
  await addMember(stack.owner.prisma, orgId, user.id);
  managerId = user.id;
  manager = await stack.tokenFor(user.id, orgId, ["manager"]);
});

afterAll(() => stack?.stop());

describe("without Redis, both subgraphs relaying", () => {
  it("delivers all 8 changes of a fault, every time", async () => {
    const { client, live } = await watchBuilding();
    let expected = 0;
    for (let round = 0; round < 3; round++) {
      const faultId = await reportFault(`Porucha ${round}`);
      await editTitle(faultId, `Porucha ${round} (upravená)`);
      await comment(faultId);
      await attachPhoto(faultId);
      await assign(faultId);
      await move(faultId, "TRIAGED");
      await move(faultId, "IN_PROGRESS");
      await move(faultId, "RESOLVED");
      expected += 8;
      const events = await live.take(expected, 15_000);
      expect(events.slice(-8).map((e) => [e.data.faultUpdated.faultId, e.data.faultUpdated.event])).toEqual(
        [
          "fault.reported",
          "fault.updated",
          "fault.commented",
          "fault.attachment_added",
          "fault.assigned",
          "fault.status_changed",
          "fault.status_changed",
          "fault.status_changed",
        ].map((event) => [faultId, event]),
      );
    }
    // And nothing twice: the relay's copy of a wake-up the commit already published is dropped.
    await sleep(1_500);
    expect(live.events).toHaveLength(expected);
    live.dispose();
    await client.dispose();
  });
});

describe("with the outbox relays stopped", () => {
  it("delivers a title edit, a comment and a photo of a fault from their own commit", async () => {
    const faultId = await reportFault("Nesvieti svetlo");
    // From here on only the services' post-commit wake-ups can deliver anything.
    await stack.property.deps.events.relay?.stop();
    await stack.reality.deps.events.relay?.stop();
    const { client, live } = await watchBuilding();
    await editTitle(faultId, "Nesvieti svetlo na 3. poschodí");
    await comment(faultId);
    await attachPhoto(faultId);
    const events = await live.take(3, 5_000);
    expect(events.map((e) => e.data.faultUpdated)).toEqual([
      { event: "fault.updated", faultId, fault: { title: "Nesvieti svetlo na 3. poschodí" } },
      { event: "fault.commented", faultId, fault: { title: "Nesvieti svetlo na 3. poschodí" } },
      { event: "fault.attachment_added", faultId, fault: { title: "Nesvieti svetlo na 3. poschodí" } },
    ]);
    live.dispose();
    await client.dispose();
  });
});
