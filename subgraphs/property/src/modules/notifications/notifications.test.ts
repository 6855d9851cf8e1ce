// The notification centre through the gateway, with the property worker running in-process on
// the stack's database and Redis: a fault's status change reaches its reporter's live
// `notificationAdded`; a person who muted faults in-app gets no fault notice (while security
// preferences cannot be turned off); another person or organization can neither read nor mark
// someone's notifications (RLS on the person, not only the organization); a redelivered event
// creates nothing twice; and the list with its counts costs the same whatever its length.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, TenantDb } from "@ppt/server-kit";
import { addMemberWithRoles, createOrganization, createOwnedBuilding, createUser } from "@ppt/testing/fixtures";
import { liveClient, sleep, subscribe } from "@ppt/testing/live";
import { startStack, type Stack } from "@ppt/testing/stack";
import { connectDatabase, type DbHandle } from "@ppt/server-kit";
import { startPropertyWorker } from "../../jobs.ts";
import { inAppNotificationsConsumer } from "./in-app.ts";

let stack: Stack;
let worker: Awaited<ReturnType<typeof startPropertyWorker>>;
let role: DbHandle;
let org: string;
let buildingId: string;
let managerId: string;
let manager: string;
let owners: { id: string; unitId: string; token: string }[];

const LIST = `query($first: Int, $unread: Boolean) { notifications(first: $first, unreadOnly: $unread) { totalCount unreadCount edges { node { id kind category title read data } } } }`;

async function gql(query: string, variables: Record<string, unknown>, token: string) {
  const res = await stack.query(query, variables, token);
  expect(res.errors).toBeUndefined();
  return res.data;
}

async function reportFault(token: string, unitId: string, title: string): Promise<string> {
  const data = await gql(
    `mutation($input: ReportFaultInput!) { reportFault(input: $input) { id } }`,
    { input: { buildingId, unitId, title, description: "Test" } },
    token,
  );
  return data.reportFault.id;
}

const move = (faultId: string, status: string) =>
  gql(`mutation($id: ID!, $status: FaultStatus!) { changeFaultStatus(id: $id, status: $status) { id } }`, { id: faultId, status }, manager);

/** Waits until the worker created `count` notifications for the user (read as the owner of the database). */
async function notificationsOf(userId: string, count: number, kind?: string) {
  for (let i = 0; i < 100; i++) {
    const rows = await stack.owner.prisma.notification.findMany({ where: { userId, ...(kind ? { kind } : {}) } });
    if (rows.length >= count) return rows;
    await sleep(100);
  }
  return stack.owner.prisma.notification.findMany({ where: { userId, ...(kind ? { kind } : {}) } });
}

beforeAll(async () => {
  stack = await startStack({ redis: true });
  org = (await createOrganization(stack.owner.prisma, "SVB Oznámenia")).id;
  const house = await createOwnedBuilding(stack.owner.prisma, org, 3);
  buildingId = house.buildingId;
  managerId = (await createUser(stack.owner.prisma, "Mária", "Správcová")).id;
  await addMemberWithRoles(stack.owner.prisma, org, managerId, ["manager"]);
  manager = await stack.tokenFor(managerId, org, ["manager"]);
  owners = [];
  for (const unit of house.units) {
    await addMemberWithRoles(stack.owner.prisma, org, unit.ownerId, ["owner"]);
    owners.push({ id: unit.ownerId, unitId: unit.unitId, token: await stack.tokenFor(unit.ownerId, org, ["owner"]) });
  }
  worker = await startPropertyWorker(stack.config, { port: 0, logger: createLogger("property-worker", "silent") });
  role = connectDatabase(stack.config.databaseUrl("property"), { max: 2 });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await role?.close();
  await stack?.stop();
});

describe("notificationAdded", () => {
  it("reaches the reporter through the gateway when their fault changes status", async () => {
    const reporter = owners[0]!;
    const faultId = await reportFault(reporter.token, reporter.unitId, "Kvapká kohútik");
    const client = liveClient(stack.gateway.url, reporter.token);
    const live = subscribe(client, `subscription { notificationAdded { kind category title read data } }`);
    for (let i = 0; i < 50 && stack.gateway.subscriptions.clientCount() < 1; i++) await sleep(50);
    await sleep(300);
    await move(faultId, "TRIAGED");
    const [event] = await live.take(1, 15_000);
    expect(event!.data.notificationAdded).toMatchObject({
      kind: "fault.status_changed",
      category: "FAULTS",
      title: "Porucha „Kvapká kohútik“ je posúdená",
      read: false,
      data: { faultId, status: "TRIAGED", previousStatus: "NEW" },
    });
    live.dispose();
    await client.dispose();
    // The manager, who reported nothing but manages, heard of the new fault; not of the status change they made themselves.
    const managerRows = await notificationsOf(managerId, 1, "fault.reported");
    expect(managerRows.map((r) => r.data)).toContainEqual(expect.objectContaining({ faultId }));
    expect(await stack.owner.prisma.notification.count({ where: { userId: managerId, kind: "fault.status_changed" } })).toBe(0);
  });
});

describe("preferences", () => {
  it("a person who muted faults in-app gets no fault notice; others still do", async () => {
    const muted = owners[1]!;
    const set = await gql(
      `mutation($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { timeZone language quietHours { start end } channels { category channel enabled mutable } } }`,
      {
        input: {
          timeZone: "Europe/Vienna",
          language: "EN",
          quietHours: { start: "22:00", end: "06:30" },
          channels: [{ category: "FAULTS", channel: "IN_APP", enabled: false }],
        },
      },
      muted.token,
    );
    const prefs = set.updateNotificationPreferences;
    expect(prefs).toMatchObject({ timeZone: "Europe/Vienna", language: "EN", quietHours: { start: "22:00", end: "06:30" } });
    expect(prefs.channels).toContainEqual({ category: "FAULTS", channel: "IN_APP", enabled: false, mutable: true });
    expect(prefs.channels).toContainEqual({ category: "SECURITY", channel: "IN_APP", enabled: true, mutable: false });

    const faultId = await reportFault(muted.token, muted.unitId, "Nejde zvonček");
    await move(faultId, "TRIAGED");
    // The manager's notice of the report proves the worker handled that fault's events.
    await notificationsOf(managerId, 2, "fault.reported");
    await sleep(500);
    expect(await stack.owner.prisma.notification.count({ where: { userId: muted.id } })).toBe(0);
  });

  it("security notices cannot be turned off", async () => {
    const res = await stack.query(
      `mutation($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { timeZone } }`,
      { input: { channels: [{ category: "SECURITY", channel: "EMAIL", enabled: false }] } },
      owners[2]!.token,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("access", () => {
  it("another person of the organization cannot read or mark someone's notifications", async () => {
    const reporter = owners[0]!;
    const mine = await notificationsOf(reporter.id, 1);
    const other = owners[2]!;
    const theirView = await gql(LIST, {}, other.token);
    expect(theirView.notifications.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(mine[0]!.id);
    const marked = await gql(`mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`, { ids: [mine[0]!.id] }, other.token);
    expect(marked.markNotificationsRead).toBe(0);
    expect((await stack.owner.prisma.notification.findUniqueOrThrow({ where: { id: mine[0]!.id } })).readAt).toBeNull();
    // RLS itself, not only the service's where clause: the same organization, another person.
    const asOther = new TenantDb(role.prisma, { organizationId: org, userId: other.id });
    expect(await asOther.read((tx) => tx.notification.findMany({ where: { id: mine[0]!.id } }))).toEqual([]);
    expect(await asOther.write((tx) => tx.notification.updateMany({ where: { id: mine[0]!.id }, data: { readAt: new Date() } }))).toEqual({ count: 0 });
    await asOther.close();
    // The owner marks it read.
    expect((await gql(`mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`, { ids: [mine[0]!.id] }, reporter.token)).markNotificationsRead).toBe(1);
    expect((await gql(`{ unreadNotificationCount }`, {}, reporter.token)).unreadNotificationCount).toBe(mine.length - 1);
  });

  it("another organization sees nothing, whoever it names", async () => {
    const reporter = owners[0]!;
    const otherOrg = (await createOrganization(stack.owner.prisma, "Iná správa")).id;
    // The same person, acting in another organization.
    await addMemberWithRoles(stack.owner.prisma, otherOrg, reporter.id, ["owner"]);
    const elsewhere = await stack.tokenFor(reporter.id, otherOrg, ["owner"]);
    const view = await gql(LIST, {}, elsewhere);
    expect(view.notifications).toMatchObject({ totalCount: 0, unreadCount: 0, edges: [] });
    expect((await gql(`mutation { markNotificationsRead(all: true) }`, {}, elsewhere)).markNotificationsRead).toBe(0);
    const asOtherOrg = new TenantDb(role.prisma, { organizationId: otherOrg, userId: reporter.id });
    expect(await asOtherOrg.read((tx) => tx.notification.count())).toBe(0);
    await asOtherOrg.close();
    // Signed out: UNAUTHENTICATED.
    expect((await stack.query(`{ unreadNotificationCount }`, {})).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("the in-app handler", () => {
  it("creates an event's notifications once, however often the event is delivered", async () => {
    const reporter = owners[0]!;
    const faultId = await reportFault(reporter.token, reporter.unitId, "Bliká svetlo");
    const event = {
      id: crypto.randomUUID(),
      eventType: "fault.status_changed",
      aggregateType: "fault",
      aggregateId: faultId,
      organizationId: org,
      payload: { buildingId, from: "NEW", to: "TRIAGED", actorId: managerId },
      createdAt: new Date().toISOString(),
    };
    const { handle } = inAppNotificationsConsumer({ prisma: role.prisma });
    const consume = (e: typeof event) => handle(e, { attempt: 1 });
    const before = await stack.owner.prisma.notification.count({ where: { userId: reporter.id } });
    await consume(event);
    await consume(event);
    await Promise.all([consume(event), consume(event)]).catch(() => undefined);
    expect(await stack.owner.prisma.notification.count({ where: { userId: reporter.id } })).toBe(before + 1);
  });
});

describe("the list", () => {
  it("pages with counts in the same number of statements whatever its length", async () => {
    const reporter = owners[0]!;
    const count = async (first: number) => {
      const before = stack.queryCount();
      const data = await gql(LIST, { first }, reporter.token);
      return { statements: stack.queryCount() - before, edges: data.notifications.edges.length, data };
    };
    const one = await count(1);
    const many = await count(50);
    expect(many.edges).toBeGreaterThan(one.edges);
    expect(many.statements).toBe(one.statements);
    const unread = await gql(LIST, { unread: true }, reporter.token);
    expect(unread.notifications.edges.every((e: { node: { read: boolean } }) => !e.node.read)).toBe(true);
    expect(unread.notifications.totalCount).toBe(unread.notifications.unreadCount);
  });
});
