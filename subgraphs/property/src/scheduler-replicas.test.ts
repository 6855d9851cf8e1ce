// Two property workers (two replicas of the scheduler, and two consumers of the same RabbitMQ
// queues) on one database: each due vote is closed once, each vote ending within 24 hours gets
// one `vote.closing_soon`, a scheduled announcement is published once at its instant (and not
// announced before), every run is in platform.job_runs once per scheduled time, and each
// resident gets exactly one "closed" and one "ends within 24 hours" mail per vote (counted at an
// SMTP server started here).
import { createLogger } from "@ppt/server-kit";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addMember, createOrganization, createOwnedBuilding, createUser } from "@ppt/testing/fixtures";
import { sleep } from "@ppt/testing/live";
import { startTestSmtp, type TestSmtp } from "@ppt/testing/smtp";
import { startStack, type Stack } from "@ppt/testing/stack";
import { startPropertyWorker } from "./jobs.ts";

let stack: Stack;
let smtp: TestSmtp;
let org: string;
let managerToken: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  // With the broker the workers (not the subgraphs) run the consumers: both take from the same queues.
  stack = await startStack({ redis: true, broker: true, env: { ...smtp.env, MANAGEMENT_APP_URL: "https://sprava.example.sk" } });
  org = (await createOrganization(stack.owner.prisma, "SVB Dvaja plánovači")).id;
  const manager = (await createUser(stack.owner.prisma, "Peter", "Plánovač")).id;
  await addMember(stack.owner.prisma, org, manager);
  managerToken = await stack.tokenFor(manager, org, ["manager"]);
});

afterAll(async () => {
  await stack?.stop();
  await smtp?.stop();
});

async function openVote(buildingId: string, endsAt: Date, title = "Výmena výťahu"): Promise<string> {
  const created = await stack.query(
    `mutation ($input: CreateVoteInput!) { createVote(input: $input) { id } }`,
    {
      input: {
        buildingId,
        title,
        options: [{ label: "Áno" }, { label: "Nie" }],
        matterType: "WRITTEN_BALLOT",
        endsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      },
    },
    managerToken,
  );
  expect(created.errors).toBeUndefined();
  const id: string = created.data.createVote.id;
  expect((await stack.query(`mutation ($id: ID!) { publishVote(id: $id) { id } }`, { id }, managerToken)).errors).toBeUndefined();
  await stack.owner.prisma.vote.update({ where: { id }, data: { endsAt } });
  return id;
}

const eventCount = (aggregateId: string, eventType: string) => stack.owner.prisma.outboxEvent.count({ where: { aggregateId, eventType } });

it("two scheduler replicas close each vote once, remind of each once and publish each scheduled announcement once", { timeout: 180_000 }, async () => {
  const house = await createOwnedBuilding(stack.owner.prisma, org, 2);
  const due = await Promise.all([1, 2, 3].map((i) => openVote(house.buildingId, new Date(Date.now() - i * 1_000), `Uzavreté ${i}`)));
  const soon = await Promise.all([1, 2, 3].map((i) => openVote(house.buildingId, new Date(Date.now() + i * 3_600_000), `Končiace ${i}`)));
  const later = await openVote(house.buildingId, new Date(Date.now() + 3 * 86_400_000));
  const scheduled = await stack.query(
    `mutation ($input: CreateAnnouncementInput!) { createAnnouncement(input: $input) { id status } }`,
    { input: { title: "Odstávka vody", body: "V stredu od 8:00.", buildingId: house.buildingId, publishAt: new Date(Date.now() + 2_000).toISOString() } },
    managerToken,
  );
  expect(scheduled.errors).toBeUndefined();
  const announcementId: string = scheduled.data.createAnnouncement.id;
  expect(scheduled.data.createAnnouncement.status).toBe("SCHEDULED");
  // Scheduling it announces nothing yet.
  expect(await eventCount(announcementId, "announcement.published")).toBe(0);
  expect(await eventCount(announcementId, "announcement.scheduled")).toBe(1);

  const logger = createLogger("property-worker", "silent");
  const residents = await Promise.all(
    house.units.map(async (unit) => (await stack.owner.prisma.user.findUniqueOrThrow({ where: { id: unit.ownerId } })).email),
  );
  const workers = await Promise.all([0, 1].map(() => startPropertyWorker(stack.config, { port: 0, cron: "* * * * * *", logger })));
  try {
    const settled = async () =>
      (await stack.owner.prisma.vote.count({ where: { id: { in: due }, status: "CLOSED" } })) === due.length &&
      (await stack.owner.prisma.announcement.findUniqueOrThrow({ where: { id: announcementId } })).status === "PUBLISHED";
    for (let i = 0; i < 100 && !(await settled()); i++) await sleep(100);
    expect(await settled()).toBe(true);
    // More ticks with both replicas running: nothing happens twice. The replicas race for each
    // tick, so one may win several in a row; keep ticking (bounded) until each has won one.
    const runners = async () =>
      (
        await stack.owner.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(DISTINCT runner)::int AS n FROM platform.job_runs WHERE job_name = 'property.close-due-votes'`
      )[0]!.n;
    await sleep(3_000);
    for (let i = 0; i < 40 && (await runners()) < 2; i++) await sleep(500);
    // Each resident's mail of each closed and each closing vote, while both workers consume.
    for (const email of residents)
      for (const subject of [
        ...[1, 2, 3].map((i) => `Hlasovanie sa skončilo: Uzavreté ${i}`),
        ...[1, 2, 3].map((i) => `Hlasovanie sa končí do 24 hodín: Končiace ${i}`),
      ])
        await smtp.waitFor(email, (mail) => mail.subject === subject, 60_000);
    await sleep(2_000);
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }

  for (const id of due) {
    expect(await eventCount(id, "vote.closed")).toBe(1);
    expect((await stack.owner.prisma.vote.findUniqueOrThrow({ where: { id } })).tallyVersion).toBe(2n);
  }
  for (const id of soon) {
    expect(await eventCount(id, "vote.closing_soon")).toBe(1);
    expect((await stack.owner.prisma.vote.findUniqueOrThrow({ where: { id } })).status).toBe("PUBLISHED");
  }
  expect(await eventCount(later, "vote.closing_soon")).toBe(0);
  expect(await eventCount(announcementId, "announcement.published")).toBe(1);
  // One mail per resident and vote, however many workers consumed.
  for (const email of residents) {
    const subjects = smtp.to(email).map((mail) => mail.subject);
    for (const i of [1, 2, 3]) {
      expect(subjects.filter((subject) => subject === `Hlasovanie sa skončilo: Uzavreté ${i}`)).toHaveLength(1);
      expect(subjects.filter((subject) => subject === `Hlasovanie sa končí do 24 hodín: Končiace ${i}`)).toHaveLength(1);
    }
  }

  // Both replicas took part, and each scheduled time of a job ran once (the table's unique key),
  // every run recorded as succeeded.
  const runs = await stack.owner.prisma.$queryRaw<{ runner: string; status: string; scheduled_at: Date }[]>`
    SELECT runner, status::text AS status, scheduled_at FROM platform.job_runs WHERE job_name = 'property.close-due-votes'`;
  expect(runs.length).toBeGreaterThanOrEqual(3);
  expect(new Set(runs.map((run) => run.scheduled_at.toISOString())).size).toBe(runs.length);
  expect(new Set(runs.map((run) => run.runner)).size).toBe(2);
  expect(runs.every((run) => run.status === "succeeded")).toBe(true);
});
