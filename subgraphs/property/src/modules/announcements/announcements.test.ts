// Announcements through the graph: scoped to an organization, a building or an entrance,
// scheduled ones invisible until their time, comments, and per-user read state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, addOccupancy, createBuilding, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let buildingX: string;
let buildingY: string;
let entranceA: string;
let entranceB: string;
let manager: string;
let resident: string;
let other: string;

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const org = (await createOrganization(db)).id;
  buildingX = (await createBuilding(db, org, "Trnava", "Hlavná", "1")).id;
  buildingY = (await createBuilding(db, org, "Trnava", "Vajanského", "2")).id;
  entranceA = (await db.entrance.create({ data: { organizationId: org, buildingId: buildingX, designation: "A" } })).id;
  entranceB = (await db.entrance.create({ data: { organizationId: org, buildingId: buildingX, designation: "B" } })).id;
  const unitX = await db.unit.update({ where: { id: (await createUnit(db, org, buildingX, "1")).id }, data: { entranceId: entranceA } });
  const unitY = (await createUnit(db, org, buildingY, "1")).id;
  const ids = [];
  for (const name of ["Správca", "Obyvateľ", "Iný"]) {
    const id = (await createUser(db, name, "Test")).id;
    await addMember(db, org, id);
    ids.push(id);
  }
  await addOccupancy(db, org, unitX.id, ids[1]!);
  await addOccupancy(db, org, unitY, ids[2]!);
  manager = await stack.tokenFor(ids[0]!, org, ["manager"]);
  resident = await stack.tokenFor(ids[1]!, org, ["tenant"]);
  other = await stack.tokenFor(ids[2]!, org, ["tenant"]);
});
afterAll(() => stack?.stop());

async function announce(input: Record<string, unknown>) {
  const result = await stack.query(
    `mutation ($input: CreateAnnouncementInput!) { createAnnouncement(input: $input) { id status publishedAt } }`,
    { input: { body: "Text oznamu", ...input } },
    manager,
  );
  expect(result.errors).toBeUndefined();
  return result.data.createAnnouncement as { id: string; status: string; publishedAt: string | null };
}

const titles = async (token: string) =>
  (
    (await stack.query(`{ announcements(first: 50) { edges { node { title pinned } } } }`, {}, token)).data.announcements.edges as { node: { title: string } }[]
  ).map((e) => e.node.title);

describe("announcements", () => {
  it("shows residents what is addressed to them, once published and not before", async () => {
    await announce({ title: "Celé družstvo", publish: true });
    await announce({ title: "Budova X", buildingId: buildingX, publish: true, pinned: true });
    await announce({ title: "Vchod A", buildingId: buildingX, entranceId: entranceA, publish: true });
    await announce({ title: "Vchod B", buildingId: buildingX, entranceId: entranceB, publish: true });
    await announce({ title: "Budova Y", buildingId: buildingY, publish: true });
    await announce({ title: "Koncept", buildingId: buildingX });
    const scheduled = await announce({ title: "Odstávka vody", buildingId: buildingX, publishAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(scheduled.status).toBe("SCHEDULED");

    expect(await titles(resident)).toEqual(["Budova X", "Vchod A", "Celé družstvo"]);
    expect(await titles(other)).toEqual(["Budova Y", "Celé družstvo"]);
    expect((await stack.query(`query ($id: ID!) { announcement(id: $id) { id } }`, { id: scheduled.id }, resident)).errors?.[0]?.extensions?.code).toBe(
      "NOT_FOUND",
    );
    const staffAll = await stack.query(`{ announcements(first: 50, filter: { includeUnpublished: true }) { totalCount } }`, {}, manager);
    expect(staffAll.data.announcements.totalCount).toBe(7);

    // Once its time has come, the scheduled one appears without any job having run.
    await stack.owner.prisma.announcement.update({ where: { id: scheduled.id }, data: { publishedAt: new Date(Date.now() - 1000) } });
    expect(await titles(resident)).toContain("Odstávka vody");
  });

  it("counts unread announcements per user and marks them read idempotently", async () => {
    const count = async (token: string) => (await stack.query(`{ unreadAnnouncementsCount }`, {}, token)).data.unreadAnnouncementsCount as number;
    const before = await count(resident);
    expect(before).toBe((await titles(resident)).length);
    const first = (await stack.query(`{ announcements(first: 1) { edges { node { id readByMe } } } }`, {}, resident)).data.announcements.edges[0].node;
    expect(first.readByMe).toBe(false);
    for (let i = 0; i < 2; i++) {
      const marked = await stack.query(`mutation ($id: ID!) { markAnnouncementRead(id: $id) { readByMe } }`, { id: first.id }, resident);
      expect(marked.data.markAnnouncementRead.readByMe).toBe(true);
    }
    expect(await count(resident)).toBe(before - 1);
    expect(await count(other)).toBe((await titles(other)).length);
  });

  it("takes residents' comments on what they can see", async () => {
    const target = await announce({ title: "Diskusia", buildingId: buildingX, publish: true });
    const comment = (token: string) =>
      stack.query(`mutation ($id: ID!) { commentOnAnnouncement(announcementId: $id, body: "Súhlasím") { author { firstName } } }`, { id: target.id }, token);
    expect((await comment(resident)).data.commentOnAnnouncement.author.firstName).toBe("Obyvateľ");
    expect((await comment(other)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const read = await stack.query(
      `query ($id: ID!) { announcement(id: $id) { comments(first: 10) { totalCount edges { node { body } } } } }`,
      { id: target.id },
      resident,
    );
    expect(read.data.announcement.comments.totalCount).toBe(1);
  });
});
