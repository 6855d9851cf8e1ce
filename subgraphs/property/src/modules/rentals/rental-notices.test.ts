// The rentals notices end to end, on RabbitMQ and a local SMTP server: the police registration
// reminder before a foreign guest's deadline and the overdue notice after it reach the unit's
// owner in-app and by e-mail (the overdue notice once, however often the job runs), a calendar
// conflict is told once however often the feed syncs, and another owner in the same building
// hears of none of it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addOwnership, createAccount, createBuilding, createOrganization, createUnit } from "@ppt/testing/fixtures";
import { startMailStack } from "@ppt/testing/mail-stack";
import type { TestSmtp } from "@ppt/testing/smtp";
import type { Stack } from "@ppt/testing/stack";
import { startPropertyWorker } from "../../jobs.ts";
import { httpIcsFetcher, syncCalendarImports, writePoliceRegistrationReminders } from "./index.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DAY = 86_400_000;

let smtp: TestSmtp;
let stack: Stack;
let stop: () => Promise<void>;
let server: Server;
let feedBody = "";
let feedUrl: string;
let org: string;
const units: string[] = [];
let owner: { id: string; email: string; token: string };
let neighbour: { id: string; email: string; token: string };

beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/calendar" }).end(feedBody));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/airbnb.ics`;
  // No scheduled jobs in this worker: the test runs them itself, at the times it chooses.
  ({ smtp, stack, stop } = await startMailStack((config) => startPropertyWorker(config, { port: 0, jobs: [] }), {
    MANAGEMENT_APP_URL: "https://sprava.example.sk",
  }));
  const db = stack.owner.prisma;
  org = (await createOrganization(db, "Apartmány Upozornenia")).id;
  const building = (await createBuilding(db, org, "Žilina", "Mariánske nám.", "3")).id;
  for (let i = 0; i < 2; i++) units.push((await createUnit(db, org, building, String(i + 1))).id);
  const account = async (firstName: string, unitId: string) => {
    const user = await createAccount(db, { password: "heslo-na-test-2024", organizationId: org, roles: ["owner"], firstName });
    await addOwnership(db, org, unitId, user.id);
    return { id: user.id, email: user.email, token: await stack.tokenFor(user.id, org, ["owner"]) };
  };
  owner = await account("Oľga", units[0]!);
  neighbour = await account("Norbert", units[1]!);
}, 120_000);

afterAll(async () => {
  await stop?.();
  await new Promise((resolve) => server?.close(resolve));
});

async function ok<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const result = await stack.query(query, variables, token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

const book = (unitId: string, checkIn: string, checkOut: string, token: string) =>
  ok(
    `mutation ($input: CreateReservationInput!) { createReservation(input: $input) { id } }`,
    { input: { unitId, checkIn, checkOut, guestCount: 1 } },
    token,
  ).then((d) => d.createReservation.id as string);

const notices = (userId: string, kind: string) => stack.owner.prisma.notification.findMany({ where: { userId, kind } });

it("reminds the owner before a foreign guest's deadline and tells them once when it passes; the neighbour hears nothing", { timeout: 120_000 }, async () => {
  const reservationId = await book(units[0]!, "2031-03-03", "2031-03-06", owner.token);
  await ok(
    `mutation ($r: ID!, $input: GuestInput!) { addGuest(reservationId: $r, input: $input) { id } }`,
    {
      r: reservationId,
      input: { firstName: "Olena", lastName: "Kovalenko", birthDate: "1990-02-03", nationality: "UA", documentType: "PASSPORT", documentNumber: "FX1" },
    },
    owner.token,
  );
  const registration = await stack.owner.prisma.policeRegistration.findFirstOrThrow({ where: { reservationId } });
  const dueOn = registration.dueOn.toISOString().slice(0, 10);
  const prisma = stack.property.deps.prisma;

  // The day before the deadline: the reminder.
  expect(await writePoliceRegistrationReminders({ prisma }, new Date(registration.dueOn.getTime() - DAY + 8 * 3600_000))).toBe(1);
  const reminder = await smtp.waitFor(owner.email, (m) => m.subject?.includes("nahlásiť polícii do") ?? false, 30_000);
  expect(reminder.subject).toBe(`Byt 1: ubytovanie cudzinca treba nahlásiť polícii do ${dueOn}`);
  // The mail names the unit and the date, never the guest.
  expect(reminder.text).not.toContain("Kovalenko");
  expect(JSON.stringify(reminder.headers.get("list"))).toContain("https://sprava.example.sk/odhlasenie-upozorneni?token=");

  // Past the deadline, unreported: two runs (as two replicas or a rerun would) write one notice.
  const after = new Date(registration.dueOn.getTime() + 2 * DAY);
  const runs = await Promise.all([writePoliceRegistrationReminders({ prisma }, after), writePoliceRegistrationReminders({ prisma }, after)]);
  expect(runs[0] + runs[1]).toBe(1);
  expect(await writePoliceRegistrationReminders({ prisma }, new Date(after.getTime() + DAY))).toBe(0);
  const overdue = await smtp.waitFor(owner.email, (m) => m.subject?.includes("uplynula") ?? false, 30_000);
  expect(overdue.subject).toBe(`Byt 1: lehota na nahlásenie ubytovania cudzinca uplynula ${dueOn}`);
  await sleep(2_000);
  expect(smtp.to(owner.email).filter((m) => m.subject?.includes("uplynula"))).toHaveLength(1);
  expect(await notices(owner.id, "rental.police_registration_due")).toHaveLength(1);
  const inApp = await notices(owner.id, "rental.police_registration_overdue");
  expect(inApp).toHaveLength(1);
  expect(inApp[0]).toMatchObject({ category: "rentals", data: expect.objectContaining({ policeRegistrationId: registration.id, dueOn }) });
  const list = await ok(`{ notifications(first: 10) { edges { node { category title } } } }`, {}, owner.token);
  expect(list.notifications.edges.map((e: any) => e.node.category)).toContain("RENTALS");

  expect(smtp.to(neighbour.email)).toHaveLength(0);
  expect(await stack.owner.prisma.notification.count({ where: { userId: neighbour.id } })).toBe(0);
});

it("tells the owner of a calendar conflict once across two syncs, and the neighbour nothing", { timeout: 120_000 }, async () => {
  await book(units[0]!, "2031-05-10", "2031-05-14", owner.token);
  await ok(`mutation ($u: ID!, $url: String!) { addCalendarImport(unitId: $u, url: $url, source: AIRBNB) { id } }`, { u: units[0], url: feedUrl }, owner.token);
  feedBody = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Airbnb Inc//Hosting Calendar 1.0//EN",
    "BEGIN:VEVENT",
    "DTSTAMP:20300101T000000Z",
    "DTSTART;VALUE=DATE:20310512",
    "DTEND;VALUE=DATE:20310515",
    "UID:conflict-1@airbnb.com",
    "SUMMARY:Reserved",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
  const prisma = stack.property.deps.prisma;
  const fetchIcs = httpIcsFetcher({ allowPrivateHosts: true });
  await syncCalendarImports({ prisma, fetchIcs });
  await syncCalendarImports({ prisma, fetchIcs });
  const mail = await smtp.waitFor(owner.email, (m) => m.subject?.includes("blokuje") ?? false, 30_000);
  expect(mail.subject).toBe("Byt 1: Airbnb blokuje 2031-05-12 – 2031-05-15, kde už máte rezerváciu");
  await sleep(2_000);
  expect(smtp.to(owner.email).filter((m) => m.subject?.includes("blokuje"))).toHaveLength(1);
  expect(await notices(owner.id, "rental.calendar_conflict")).toHaveLength(1);
  expect(smtp.to(neighbour.email)).toHaveLength(0);
  expect(await stack.owner.prisma.notification.count({ where: { userId: neighbour.id } })).toBe(0);
});
