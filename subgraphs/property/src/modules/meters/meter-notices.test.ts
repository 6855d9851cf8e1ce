// The meters notices end to end, on RabbitMQ and a local SMTP server: the reminder before a
// reading period closes reaches the owner and the tenant of a unit still without a reading, in-app
// and by e-mail, and not the neighbour whose unit has already read its meter; a rejected reading
// reaches the person who submitted it with the manager's reason, and nobody else.
import { afterAll, beforeAll, expect, it } from "vitest";
import { addOccupancy, addOwnership, createAccount, createBuilding, createOrganization, createUnit } from "@ppt/testing/fixtures";
import { startMailStack } from "@ppt/testing/mail-stack";
import type { TestSmtp } from "@ppt/testing/smtp";
import type { Stack } from "@ppt/testing/stack";
import { startPropertyWorker } from "../../jobs.ts";
import { writeMeterReminders } from "./index.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

type Person = { id: string; email: string; token: string };

let smtp: TestSmtp;
let stack: Stack;
let stop: () => Promise<void>;
let org: string;
let building: string;
const units: string[] = [];
const meters: string[] = [];
let manager: Person;
let owner: Person;
let tenant: Person;
let neighbour: Person;

beforeAll(async () => {
  // No scheduled jobs in this worker: the test runs the reminder job itself.
  ({ smtp, stack, stop } = await startMailStack((config) => startPropertyWorker(config, { port: 0, jobs: [] }), {
    MANAGEMENT_APP_URL: "https://sprava.example.sk",
  }));
  const db = stack.owner.prisma;
  org = (await createOrganization(db, "Merače Upozornenia")).id;
  building = (await createBuilding(db, org, "Prešov", "Hlavná", "12")).id;
  for (let i = 0; i < 2; i++) units.push((await createUnit(db, org, building, String(i + 1))).id);
  const account = async (firstName: string, role: string): Promise<Person> => {
    const user = await createAccount(db, { password: "heslo-na-test-2024", organizationId: org, roles: [role], firstName });
    return { id: user.id, email: user.email, token: await stack.tokenFor(user.id, org, [role]) };
  };
  manager = await account("Mária", "manager");
  owner = await account("Oľga", "owner");
  tenant = await account("Tibor", "tenant");
  neighbour = await account("Norbert", "owner");
  await addOwnership(db, org, units[0]!, owner.id);
  await addOccupancy(db, org, units[0]!, tenant.id);
  await addOwnership(db, org, units[1]!, neighbour.id);
  for (const [i, unitId] of units.entries()) {
    const created = await ok(
      `mutation ($input: CreateMeterInput!) { createMeter(input: $input) { id } }`,
      { input: { buildingId: building, unitId, kind: "WATER_COLD", serialNumber: `SV-N${i}`, installedOn: "2025-01-01", initialReading: "10" } },
      manager.token,
    );
    meters.push(created.createMeter.id);
  }
  await ok(
    `mutation ($input: OpenMeterReadingPeriodInput!) { openMeterReadingPeriod(input: $input) { id } }`,
    {
      input: {
        buildingId: building,
        kind: "WATER_COLD",
        periodStart: daysFromNow(-30),
        periodEnd: daysFromNow(0),
        opensOn: daysFromNow(-1),
        closesOn: daysFromNow(2),
      },
    },
    manager.token,
  );
}, 120_000);

afterAll(async () => {
  await stop?.();
});

async function ok<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const result = await stack.query(query, variables, token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

const submit = (meterId: string, value: string, token: string) =>
  ok(`mutation ($input: SubmitMeterReadingInput!) { submitMeterReading(input: $input) { id } }`, { input: { meterId, value } }, token).then(
    (d) => d.submitMeterReading.id as string,
  );

const notices = (userId: string, kind: string) => stack.owner.prisma.notification.findMany({ where: { userId, kind } });

it("reminds the owner and the tenant of a unit still without a reading; the neighbour who read theirs hears nothing", { timeout: 120_000 }, async () => {
  await submit(meters[1]!, "14.5", neighbour.token);
  expect(await writeMeterReminders({ prisma: stack.property.deps.prisma })).toBe(1);
  const subject = `Nahláste stav meračov studenej vody do ${daysFromNow(2)}`;
  for (const person of [owner, tenant]) {
    const mail = await smtp.waitFor(person.email, (m) => m.subject?.startsWith("Nahláste stav") ?? false, 30_000);
    expect(mail.subject).toBe(subject);
    expect(JSON.stringify(mail.headers.get("list"))).toContain("https://sprava.example.sk/odhlasenie-upozorneni?token=");
    const inApp = await notices(person.id, "meter.reading_due");
    expect(inApp).toHaveLength(1);
    expect(inApp[0]).toMatchObject({ category: "meters", data: expect.objectContaining({ buildingId: building, kind: "WATER_COLD" }) });
  }
  const list = await ok(`{ notifications(first: 10) { edges { node { category title } } } }`, {}, tenant.token);
  expect(list.notifications.edges.map((e: any) => e.node.category)).toContain("METERS");
  await sleep(2_000);
  expect(smtp.to(neighbour.email)).toHaveLength(0);
  expect(await stack.owner.prisma.notification.count({ where: { userId: neighbour.id } })).toBe(0);
});

it("tells the tenant who submitted a rejected reading the manager's reason, and nobody else", { timeout: 120_000 }, async () => {
  const readingId = await submit(meters[0]!, "13.2", tenant.token);
  const reason = "Na fotografii je iný merač";
  await ok(
    `mutation ($id: ID!, $note: String) { reviewMeterReading(id: $id, decision: REJECT, note: $note) { status } }`,
    { id: readingId, note: reason },
    manager.token,
  );
  const mail = await smtp.waitFor(tenant.email, (m) => m.subject?.includes("zamietnutý") ?? false, 30_000);
  expect(mail.subject).toMatch(/^Váš odpočet merača studenej vody z \d{4}-\d{2}-\d{2} bol zamietnutý$/);
  expect(mail.text).toContain(`Dôvod: ${reason}`);
  const inApp = await notices(tenant.id, "meter.reading_rejected");
  expect(inApp).toHaveLength(1);
  expect(inApp[0]).toMatchObject({ category: "meters", body: expect.stringContaining(reason), data: expect.objectContaining({ meterReadingId: readingId }) });
  await sleep(2_000);
  for (const other of [owner, neighbour, manager]) {
    expect(smtp.to(other.email).filter((m) => m.subject?.includes("zamietnutý"))).toHaveLength(0);
    expect(await notices(other.id, "meter.reading_rejected")).toHaveLength(0);
  }
});
