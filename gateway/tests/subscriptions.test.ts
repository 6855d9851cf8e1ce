// Subscriptions through the gateway, with two gateways and two property subgraphs sharing the
// real Redis (a channel prefix unique to this run) and PostgreSQL: events cross processes, the
// outbox relay delivers what no process published itself, reality fields are resolved per
// event, and connections are authenticated, capped and closed when their token expires.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { permissionsOf } from "@ppt/property/organizations";
import { addMember, addOwnership, createBuilding, createListing, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { liveClient, sleep, subscribe } from "@ppt/testing/live";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let orgId: string;
let buildingId: string;
let unitId: string;
let manager: { id: string; token: string };
let resident: { id: string; token: string };
let outsider: { id: string; token: string };

const FAULT_UPDATED = `subscription($building: ID!) {
  faultUpdated(buildingId: $building) { event faultId fault { title status unit { id listings { title } } } }
}`;
const REPORT = `mutation($input: ReportFaultInput!) { reportFault(input: $input) { id } }`;

async function member(organizationId: string, roles: string[]) {
  const user = await createUser(stack.owner.prisma, "Ema", "Live");
  await addMember(stack.owner.prisma, organizationId, user.id);
  return { id: user.id, token: await stack.tokenFor(user.id, organizationId, roles) };
}

beforeAll(async () => {
  stack = await startStack({ redis: true, replicas: true });
  orgId = (await createOrganization(stack.owner.prisma)).id;
  const otherOrg = (await createOrganization(stack.owner.prisma, "Cudzie SVB")).id;
  buildingId = (await createBuilding(stack.owner.prisma, orgId)).id;
  unitId = (await createUnit(stack.owner.prisma, orgId, buildingId, "12")).id;
  await createListing(stack.owner.prisma, { organizationId: orgId, unitId, title: "2-izbový byt na predaj" });
  manager = await member(orgId, ["manager"]);
  resident = await member(orgId, ["owner"]);
  outsider = await member(otherOrg, ["manager"]);
});

afterAll(async () => {
  await stack?.stop();
});

describe("across processes", () => {
  it("delivers on gateway A an event caused by a mutation sent through gateway B", async () => {
    const start = await stack.query(
      `mutation($input: StartConversationInput!) { startConversation(input: $input) { id } }`,
      { input: { participantIds: [resident.id], title: "Medzi procesmi" } },
      manager.token,
    );
    const conversationId = start.data.startConversation.id;
    const clientA = liveClient(stack.gateway.url, resident.token);
    const live = subscribe(clientA, `subscription($id: ID!) { messageAdded(conversationId: $id) { body } }`, { id: conversationId });
    await sleep(300);
    // Through gateway B and property subgraph B: only Redis connects the two.
    const res = await fetch(stack.gateway2!.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${manager.token}` },
      body: JSON.stringify({
        query: `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`,
        variables: { input: { conversationId, body: "z druhej brány" } },
      }),
    });
    expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
    const [event] = await live.take(1);
    expect(event!.data.messageAdded.body).toBe("z druhej brány");
    live.dispose();
    await clientA.dispose();
  });

  it("relays outbox events no process published itself, and resolves the reality subgraph's fields per event", async () => {
    const client = liveClient(stack.gateway.url, manager.token);
    const live = subscribe(client, FAULT_UPDATED, { building: buildingId });
    await sleep(300);
    // The fault's own process wakes subscribers at its commit; the relay publishes the row too (the
    // guarantee if that process died first), whichever comes first, and marks it published.
    const report = await fetch(stack.gateway2!.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${manager.token}` },
      body: JSON.stringify({ query: REPORT, variables: { input: { buildingId, unitId, title: "Kvapká voda", description: "Z radiátora" } } }),
    });
    const faultId = ((await report.json()) as any).data.reportFault.id;
    const [event] = await live.take(1);
    expect(event!.data.faultUpdated).toEqual({
      event: "fault.reported",
      faultId,
      fault: { title: "Kvapká voda", status: "NEW", unit: { id: unitId, listings: [{ title: "2-izbový byt na predaj" }] } },
    });
    let published = await stack.owner.prisma.outboxEvent.findMany({ where: { aggregateId: faultId } });
    for (let i = 0; i < 50 && !published.every((row) => row.publishedAt !== null); i++) {
      await sleep(100);
      published = await stack.owner.prisma.outboxEvent.findMany({ where: { aggregateId: faultId } });
    }
    expect(published.length).toBeGreaterThan(0);
    expect(published.every((row) => row.publishedAt !== null)).toBe(true);
    live.dispose();
    await client.dispose();
  });

  it("multiplexes every subscriber of a gateway on one upstream socket per subgraph", async () => {
    const clients = await Promise.all([manager, resident, manager, resident].map(async (who) => liveClient(stack.gateway.url, who.token)));
    const subs = clients.map((client) => subscribe(client, FAULT_UPDATED, { building: buildingId }));
    for (let i = 0; i < 50 && (stack.gateway.subscriptions.clientCount() < 4 || stack.gateway.subscriptions.upstreamSocketCount() < 1); i++) await sleep(100);
    expect(stack.gateway.subscriptions.clientCount()).toBeGreaterThanOrEqual(4);
    expect(stack.gateway.subscriptions.upstreamSocketCount()).toBe(1);
    expect(stack.property.subscriptionServer!.socketCount()).toBe(1);
    subs.forEach((sub) => sub.dispose());
    await Promise.all(clients.map(async (client) => client.dispose()));
  });
});

describe("authorization", () => {
  it("refuses a connection without a valid token (close 4403), saying whether it was missing, invalid or expired", async () => {
    const expired = await stack.token({ sub: manager.id, org: orgId, roles: ["manager"], permissions: permissionsOf(["manager"]) }, -60);
    for (const [token, reason] of [
      [null, "token missing"],
      ["not-a-token", "token invalid"],
      [`${manager.token}x`, "token invalid"],
      [expired, "token expired"],
    ] as const) {
      const client = liveClient(stack.gateway.url, token);
      const live = subscribe(client, FAULT_UPDATED, { building: buildingId });
      await live.ended;
      expect(client.closes).toContain(4403);
      expect(client.closeReasons).toContain(reason);
      await client.dispose();
    }
  });

  it("refuses a building of another organization as not found", async () => {
    const client = liveClient(stack.gateway.url, outsider.token);
    const live = subscribe(client, FAULT_UPDATED, { building: buildingId });
    await live.ended;
    expect(JSON.stringify(live.events)).toContain("NOT_FOUND");
    await client.dispose();
  });

  it("announces to a resident only the faults they may see", async () => {
    const ownUnit = await createUnit(stack.owner.prisma, orgId, buildingId, "3");
    const neighbour = await member(orgId, ["owner"]);
    await addOwnership(stack.owner.prisma, orgId, ownUnit.id, neighbour.id);
    const client = liveClient(stack.gateway.url, neighbour.token);
    const live = subscribe(client, `subscription($building: ID!) { faultUpdated(buildingId: $building) { fault { title } } }`, { building: buildingId });
    await sleep(300);
    await stack.query(REPORT, { input: { buildingId, unitId, title: "V cudzom byte", description: "-" } }, manager.token);
    await stack.query(REPORT, { input: { buildingId, title: "Na chodbe", description: "-" } }, manager.token);
    await live.take(1);
    await sleep(1_000);
    expect(live.events.map((e) => e.data.faultUpdated.fault.title)).toEqual(["Na chodbe"]);
    live.dispose();
    await client.dispose();
  });

  it("closes the connection with 4403 when its token expires", async () => {
    const token = await stack.token({ sub: manager.id, org: orgId, roles: ["manager"], permissions: permissionsOf(["manager"]) }, 2);
    const client = liveClient(stack.gateway.url, token);
    const live = subscribe(client, FAULT_UPDATED, { building: buildingId });
    await live.ended;
    for (let i = 0; i < 30 && !client.closes.includes(4403); i++) await sleep(100);
    expect(client.closes).toContain(4403);
    expect(client.closeReasons).toContain("token expired");
    await client.dispose();
  });

  it("caps subscriptions per connection and serves only subscriptions over WebSocket", async () => {
    const client = liveClient(stack.gateway.url, manager.token);
    const query = subscribe(client, `{ propertyHealth }`);
    expect(JSON.stringify(await query.ended)).toContain("Only subscriptions");
    const invalid = subscribe(client, `subscription { faultUpdated(buildingId: "x") { nope } }`);
    expect(JSON.stringify(await invalid.ended)).toContain("nope");
    const subs = Array.from({ length: 50 }, () => subscribe(client, FAULT_UPDATED, { building: buildingId }));
    await sleep(1_000);
    const extra = subscribe(client, FAULT_UPDATED, { building: buildingId });
    const refused = await extra.ended;
    expect(JSON.stringify(refused.error), String(refused.error)).toContain("RATE_LIMITED");
    subs.forEach((sub) => sub.dispose());
    await client.dispose();
  });

  it("of 500 subscribe messages sent at once on one socket, exactly 50 become active; the other 450 are refused with a clear error", async () => {
    // Earlier tests' subscriptions end asynchronously after their dispose.
    for (let i = 0; i < 50 && stack.gateway.subscriptions.activeCount() > 0; i++) await sleep(100);
    const before = stack.gateway.subscriptions.activeCount();
    const client = liveClient(stack.gateway.url, manager.token);
    const subs = Array.from({ length: 500 }, () => subscribe(client, FAULT_UPDATED, { building: buildingId }));
    // The 50 accepted never end: rather than wait out a timer for them, wait (as long as that timer
    // was) until the other 450 have ended and 50 are active; both counts are then checked exactly.
    const ends: unknown[] = [];
    for (const sub of subs) void sub.ended.then((end) => ends.push(end.error));
    for (let i = 0; i < 80 && (ends.length < 450 || stack.gateway.subscriptions.activeCount() - before < 50); i++) await sleep(100);
    const refused = ends.filter((error) => error !== null && error !== undefined);
    expect(refused).toHaveLength(450);
    expect(JSON.stringify(refused[0])).toContain("RATE_LIMITED");
    expect(JSON.stringify(refused[0])).toContain("TOO_MANY_SUBSCRIPTIONS");
    expect(stack.gateway.subscriptions.activeCount() - before).toBe(50);
    subs.forEach((sub) => sub.dispose());
    await client.dispose();
    for (let i = 0; i < 50 && stack.gateway.subscriptions.activeCount() > before; i++) await sleep(100);
    expect(stack.gateway.subscriptions.activeCount()).toBe(before);
  });
});
