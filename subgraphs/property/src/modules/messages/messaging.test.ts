// Messaging through the gateway: conversations, messages, read receipts, unread counts, and the
// live subscriptions (`messageAdded` with resume, `typingChanged`) over graphql-ws.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createBuilding, createOrganization, createUser } from "@ppt/testing/fixtures";
import { liveClient, sleep, subscribe } from "@ppt/testing/live";
import { startStack, type Stack } from "@ppt/testing/stack";
import { confirmPropertyUpload, htmlPage, propertyUpload, replayUploadUrl, served, sha256 } from "@ppt/testing/uploads";

let stack: Stack;
let orgId: string;
let otherOrgId: string;
const people: Record<string, { id: string; token: string }> = {};

const START = `mutation($input: StartConversationInput!) { startConversation(input: $input) { id kind title participants { userId } } }`;
const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id body senderId createdAt } }`;
const MESSAGE_ADDED = `subscription($id: ID!, $after: ID) { messageAdded(conversationId: $id, after: $after) { id body sender { firstName } } }`;

async function person(name: string, organizationId: string, roles = ["owner"]) {
  const user = await createUser(stack.owner.prisma, name, "Test");
  await addMember(stack.owner.prisma, organizationId, user.id);
  return (people[name] = { id: user.id, token: await stack.tokenFor(user.id, organizationId, roles) });
}

async function send(token: string, conversationId: string, body: string) {
  const res = await stack.query(SEND, { input: { conversationId, body } }, token);
  expect(res.errors).toBeUndefined();
  return res.data.sendMessage as { id: string; body: string };
}

async function group(creator: string, others: string[], title = "Výbor") {
  const res = await stack.query(START, { input: { participantIds: others.map((n) => people[n]!.id), title } }, people[creator]!.token);
  expect(res.errors).toBeUndefined();
  return res.data.startConversation.id as string;
}

beforeAll(async () => {
  stack = await startStack();
  orgId = (await createOrganization(stack.owner.prisma)).id;
  otherOrgId = (await createOrganization(stack.owner.prisma, "Iné SVB")).id;
  await person("Anna", orgId);
  await person("Boris", orgId);
  await person("Cyril", orgId);
  await person("Manager", orgId, ["manager"]);
  await person("Outsider", otherOrgId);
});

afterAll(async () => {
  await stack?.stop();
});

describe("conversations", () => {
  it("starts a direct conversation once: starting it again returns the same one", async () => {
    const first = await stack.query(START, { input: { participantIds: [people.Boris!.id] } }, people.Anna!.token);
    const again = await stack.query(START, { input: { participantIds: [people.Anna!.id] } }, people.Boris!.token);
    expect(first.data.startConversation.kind).toBe("DIRECT");
    expect(again.data.startConversation.id).toBe(first.data.startConversation.id);
  });

  it("refuses participants from another organization", async () => {
    const res = await stack.query(START, { input: { participantIds: [people.Outsider!.id] } }, people.Anna!.token);
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("shows a conversation to its participants only; others (and other tenants) get nothing", async () => {
    const id = await group("Anna", ["Boris"]);
    const query = `query($id: ID!) { conversation(id: $id) { id participants { userId } } }`;
    expect((await stack.query(query, { id }, people.Boris!.token)).data.conversation.id).toBe(id);
    expect((await stack.query(query, { id }, people.Cyril!.token)).data.conversation).toBeNull();
    expect((await stack.query(query, { id }, people.Outsider!.token)).data.conversation).toBeNull();
    const send = await stack.query(SEND, { input: { conversationId: id, body: "ahoj" } }, people.Cyril!.token);
    expect(send.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("pages messages in order, counts unread messages and moves read receipts forward only", async () => {
    const id = await group("Anna", ["Boris"]);
    const sent = [];
    for (const body of ["jeden", "dva", "tri", "štyri", "päť"]) sent.push(await send(people.Anna!.token, id, body));
    const page = `query($id: ID!, $first: Int, $after: String, $before: String) {
      conversation(id: $id) { unreadCount messages(first: $first, after: $after, before: $before) {
        totalCount edges { cursor node { body } } pageInfo { hasNextPage hasPreviousPage } } } }`;
    const newest = await stack.query(page, { id, first: 2 }, people.Boris!.token);
    expect(newest.data.conversation.unreadCount).toBe(5);
    expect(newest.data.conversation.messages.edges.map((e: any) => e.node.body)).toEqual(["štyri", "päť"]);
    expect(newest.data.conversation.messages.pageInfo.hasPreviousPage).toBe(true);
    const older = await stack.query(page, { id, first: 2, before: newest.data.conversation.messages.edges[0].cursor }, people.Boris!.token);
    expect(older.data.conversation.messages.edges.map((e: any) => e.node.body)).toEqual(["dva", "tri"]);
    const forward = await stack.query(page, { id, first: 10, after: older.data.conversation.messages.edges[1].cursor }, people.Boris!.token);
    expect(forward.data.conversation.messages.edges.map((e: any) => e.node.body)).toEqual(["štyri", "päť"]);
    expect(forward.data.conversation.messages.totalCount).toBe(5);

    const read = `mutation($id: ID!, $m: ID) { markConversationRead(conversationId: $id, messageId: $m) { unreadCount participants { userId lastReadMessageId } } }`;
    const marked = await stack.query(read, { id, m: sent[2]!.id }, people.Boris!.token);
    expect(marked.data.markConversationRead.unreadCount).toBe(2);
    const boris = marked.data.markConversationRead.participants.find((p: any) => p.userId === people.Boris!.id);
    expect(boris.lastReadMessageId).toBe(sent[2]!.id);
    // Older than the receipt: the receipt stays where it is.
    const back = await stack.query(read, { id, m: sent[0]!.id }, people.Boris!.token);
    expect(back.data.markConversationRead.unreadCount).toBe(2);
    expect((await stack.query(read, { id }, people.Boris!.token)).data.markConversationRead.unreadCount).toBe(0);
    // The sender has read their own messages.
    expect((await stack.query(page, { id, first: 1 }, people.Anna!.token)).data.conversation.unreadCount).toBe(0);
  });

  it("lets only the sender edit or delete a message; a deleted message has no body", async () => {
    const id = await group("Anna", ["Boris"]);
    const message = await send(people.Anna!.token, id, "pôvodný text");
    const edit = `mutation($id: ID!, $body: String!) { editMessage(id: $id, body: $body) { body editedAt } }`;
    const del = `mutation($id: ID!) { deleteMessage(id: $id) { body deletedAt } }`;
    expect((await stack.query(edit, { id: message.id, body: "cudzí" }, people.Boris!.token)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const edited = await stack.query(edit, { id: message.id, body: "opravený text" }, people.Anna!.token);
    expect(edited.data.editMessage.body).toBe("opravený text");
    expect(edited.data.editMessage.editedAt).toBeTruthy();
    expect((await stack.query(edit, { id: message.id, body: "  " }, people.Anna!.token)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await stack.query(del, { id: message.id }, people.Boris!.token)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const deleted = await stack.query(del, { id: message.id }, people.Anna!.token);
    expect(deleted.data.deleteMessage).toMatchObject({ body: null });
    expect(deleted.data.deleteMessage.deletedAt).toBeTruthy();
  });

  it("lists the caller's conversations, most recently active first", async () => {
    const quiet = await group("Cyril", ["Anna"], "Tichá");
    const busy = await group("Cyril", ["Boris"], "Živá");
    await send(people.Cyril!.token, busy, "novinka");
    const res = await stack.query(`{ conversations(first: 10) { totalCount edges { node { id title } } } }`, {}, people.Cyril!.token);
    const ids = res.data.conversations.edges.map((e: any) => e.node.id);
    expect(ids.indexOf(busy)).toBeLessThan(ids.indexOf(quiet));
    expect(res.data.conversations.totalCount).toBe(ids.length);
  });

  it("links a group conversation to a building the caller sees", async () => {
    const building = await createBuilding(stack.owner.prisma, orgId);
    const res = await stack.query(
      `mutation($input: StartConversationInput!) { startConversation(input: $input) { kind building { id } } }`,
      { input: { participantIds: [people.Anna!.id], buildingId: building.id } },
      people.Manager!.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.startConversation).toEqual({ kind: "GROUP", building: { id: building.id } });
  });
});

describe("live messages through the gateway", () => {
  it("delivers new messages to a subscribed participant, in order", async () => {
    const id = await group("Anna", ["Boris"]);
    const client = liveClient(stack.gateway.url, people.Boris!.token);
    const live = subscribe(client, MESSAGE_ADDED, { id });
    await sleep(300);
    await send(people.Anna!.token, id, "prvá");
    await send(people.Anna!.token, id, "druhá");
    const events = await live.take(2);
    expect(events.map((e) => e.data.messageAdded.body)).toEqual(["prvá", "druhá"]);
    expect(events[0]!.data.messageAdded.sender).toEqual({ firstName: "Anna" });
    live.dispose();
    await client.dispose();
  });

  it("refuses a subscription to a conversation the caller is not part of", async () => {
    const id = await group("Anna", ["Boris"]);
    const client = liveClient(stack.gateway.url, people.Cyril!.token);
    const live = subscribe(client, MESSAGE_ADDED, { id });
    const ended = await live.ended;
    expect(JSON.stringify([live.events, ended])).toContain("NOT_FOUND");
    await client.dispose();
  });

  it("stops delivering to a removed participant; resuming with `after` returns the missed messages in order", async () => {
    const id = await group("Anna", ["Boris", "Cyril"]);
    const client = liveClient(stack.gateway.url, people.Cyril!.token);
    const live = subscribe(client, MESSAGE_ADDED, { id });
    await sleep(300);
    const seen = await send(people.Anna!.token, id, "pre všetkých");
    await live.take(1);

    const remove = `mutation($id: ID!, $user: ID!) { removeConversationParticipant(conversationId: $id, userId: $user) }`;
    expect((await stack.query(remove, { id, user: people.Cyril!.id }, people.Anna!.token)).data.removeConversationParticipant).toBe(true);
    const ended = await live.ended;
    await send(people.Anna!.token, id, "už nie pre Cyrila");
    await sleep(300);
    expect(live.events.filter((e) => e.data).map((e) => e.data.messageAdded.body)).toEqual(["pre všetkých"]);
    expect(JSON.stringify([live.events.at(-1), ended])).toContain("NOT_FOUND");
    // A removed participant cannot resubscribe either.
    const again = subscribe(client, MESSAGE_ADDED, { id, after: seen.id });
    await again.ended;
    expect(again.events.filter((e) => e.data)).toEqual([]);
    await client.dispose();

    // Boris was offline for three messages: resuming after the last one he saw returns them in order, then live ones.
    const missed = [await send(people.Anna!.token, id, "m1"), await send(people.Anna!.token, id, "m2"), await send(people.Anna!.token, id, "m3")];
    const boris = liveClient(stack.gateway.url, people.Boris!.token);
    const resumed = subscribe(boris, MESSAGE_ADDED, { id, after: seen.id });
    const caughtUp = await resumed.take(4);
    expect(caughtUp.map((e) => e.data.messageAdded.body)).toEqual(["už nie pre Cyrila", "m1", "m2", "m3"]);
    await send(people.Anna!.token, id, "živá");
    const all = await resumed.take(5);
    expect(all.map((e) => e.data.messageAdded.id)).toEqual([...new Set(all.map((e) => e.data.messageAdded.id))]);
    expect(all.at(-1)!.data.messageAdded.body).toBe("živá");
    expect(missed).toHaveLength(3);
    resumed.dispose();
    await boris.dispose();
  });

  it("relays typing indicators of the others (never stored)", async () => {
    const id = await group("Anna", ["Boris"]);
    const client = liveClient(stack.gateway.url, people.Boris!.token);
    const live = subscribe(client, `subscription($id: ID!) { typingChanged(conversationId: $id) { userId typing user { firstName } } }`, { id });
    await sleep(300);
    const typing = `mutation($id: ID!, $t: Boolean!) { setTyping(conversationId: $id, typing: $t) }`;
    await stack.query(typing, { id, t: true }, people.Boris!.token); // own signal: not echoed
    await stack.query(typing, { id, t: true }, people.Anna!.token);
    await stack.query(typing, { id, t: false }, people.Anna!.token);
    const events = await live.take(2);
    expect(events.map((e) => e.data.typingChanged)).toEqual([
      { userId: people.Anna!.id, typing: true, user: { firstName: "Anna" } },
      { userId: people.Anna!.id, typing: false, user: { firstName: "Anna" } },
    ]);
    live.dispose();
    await client.dispose();
  });
});

describe("a confirmed message attachment", () => {
  it("cannot be changed by any request its uploader can make afterwards", async () => {
    const id = await group("Anna", ["Boris"], "Prílohy");
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n");
    const file = { purpose: "MESSAGE_ATTACHMENT", fileName: "faktura.pdf", contentType: "application/pdf" };
    const ticket = await propertyUpload(stack, people.Anna!.token, file, pdf);
    expect((await confirmPropertyUpload(stack, people.Anna!.token, ticket.uploadId)).errors).toBeUndefined();
    const sent = await stack.query(SEND, { input: { conversationId: id, body: "faktúra", attachmentUploadIds: [ticket.uploadId] } }, people.Anna!.token);
    expect(sent.errors).toBeUndefined();
    const download = async () => {
      const res = await stack.query(
        `query ($id: ID!) { conversation(id: $id) { messages(first: 5) { edges { node { attachments { url } } } } } }`,
        { id },
        people.Boris!.token,
      );
      const withFile = res.data.conversation.messages.edges.filter((e: any) => e.node.attachments.length > 0);
      expect(withFile).toHaveLength(1);
      return served(withFile[0].node.attachments[0].url);
    };
    const before = await download();
    expect(before).toMatchObject({ status: 200, sha256: sha256(pdf), contentType: "application/pdf" });

    await replayUploadUrl(ticket.url, ticket.headers, pdf);
    const second = await propertyUpload(stack, people.Anna!.token, file, htmlPage);
    expect((await confirmPropertyUpload(stack, people.Anna!.token, second.uploadId)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const resent = await stack.query(SEND, { input: { conversationId: id, body: "znova", attachmentUploadIds: [second.uploadId] } }, people.Anna!.token);
    expect(resent.errors).toBeDefined();

    const after = await download();
    expect(after).toEqual(before);
    expect(after.contentDisposition).toBe(`attachment; filename="faktura.pdf"`);
  });
});
