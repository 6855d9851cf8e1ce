// Calendar sync against a real local HTTP server serving .ics files: an Airbnb-style feed blocks
// its dates, a second import changes nothing, an event removed upstream is released, an overlap
// with a direct reservation is reported as a conflict and never overwrites it; the unit's own
// export imported into another unit yields the same nights, and rotating the export revokes it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, addOwnership, createBuilding, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";
import { httpIcsFetcher, syncCalendarImports } from "./index.ts";

let stack: Stack;
let server: Server;
let base: string;
let org: string;
const units: string[] = [];
let token: string;
const feeds = new Map<string, string>();

const vevent = (uid: string, start: string, end: string) =>
  [
    "BEGIN:VEVENT",
    `DTSTAMP:20300101T000000Z`,
    `DTSTART;VALUE=DATE:${start.replaceAll("-", "")}`,
    `DTEND;VALUE=DATE:${end.replaceAll("-", "")}`,
    `UID:${uid}`,
    "SUMMARY:Airbnb (Not available)",
    "END:VEVENT",
  ].join("\r\n");
const calendar = (...events: string[]) =>
  ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Airbnb Inc//Hosting Calendar 1.0//EN", ...events, "END:VCALENDAR", ""].join("\r\n");

beforeAll(async () => {
  server = createServer((req, res) => {
    const body = feeds.get(req.url ?? "");
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/calendar" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The Airbnb stand-in is a local server: this stack may fetch private addresses (production may not).
  stack = await startStack({ env: { OUTBOUND_ALLOW_PRIVATE_HOSTS: "true" } });
  const db = stack.owner.prisma;
  org = (await createOrganization(db, "Apartmány Kalendár")).id;
  const building = (await createBuilding(db, org, "Prešov", "Hlavná", "5")).id;
  for (let i = 0; i < 3; i++) units.push((await createUnit(db, org, building, String(i + 1))).id);
  const owner = (await createUser(db, "owner", "Calendar")).id;
  await addMember(db, org, owner);
  for (const unit of units) await addOwnership(db, org, unit, owner);
  token = await stack.tokenFor(owner, org, ["owner"]);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await new Promise((resolve) => server?.close(resolve));
});

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await stack.query(query, variables, token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

const SYNC = `mutation ($id: ID!) { syncCalendarFeed(id: $id) { added updated released conflicts feed { lastError conflicts { uid checkIn checkOut } } } }`;
const nights = async (unitId: string) =>
  (await ok(`query ($u: ID!) { reservationCalendar(unitId: $u, from: "2030-01-01", to: "2031-01-01") { checkIn checkOut status externalId } }`, { u: unitId }))
    .reservationCalendar as { checkIn: string; checkOut: string; status: string; externalId: string | null }[];

describe("calendar import", () => {
  let feedId: string;

  it("blocks an Airbnb feed's dates; a second import changes nothing", async () => {
    feeds.set("/airbnb.ics", calendar(vevent("a1@airbnb.com", "2030-09-01", "2030-09-04"), vevent("a2@airbnb.com", "2030-09-10", "2030-09-12")));
    feedId = (
      await ok(`mutation ($u: ID!, $url: String!) { addCalendarImport(unitId: $u, url: $url, source: AIRBNB) { id } }`, {
        u: units[0],
        url: `${base}/airbnb.ics`,
      })
    ).addCalendarImport.id;
    expect((await ok(SYNC, { id: feedId })).syncCalendarFeed).toMatchObject({ added: 2, updated: 0, released: 0, conflicts: 0 });
    expect(await nights(units[0]!)).toEqual([
      { checkIn: "2030-09-01", checkOut: "2030-09-04", status: "BLOCKED", externalId: "a1@airbnb.com" },
      { checkIn: "2030-09-10", checkOut: "2030-09-12", status: "BLOCKED", externalId: "a2@airbnb.com" },
    ]);
    expect((await ok(SYNC, { id: feedId })).syncCalendarFeed).toMatchObject({ added: 0, updated: 0, released: 0, conflicts: 0 });
    expect(await nights(units[0]!)).toHaveLength(2);
  });

  it("releases an event removed upstream and reports an overlap with a direct reservation as a conflict", async () => {
    await ok(`mutation ($u: ID!) { createReservation(input: { unitId: $u, checkIn: "2030-09-20", checkOut: "2030-09-23", guestCount: 2 }) { id } }`, {
      u: units[0],
    });
    feeds.set("/airbnb.ics", calendar(vevent("a1@airbnb.com", "2030-09-01", "2030-09-04"), vevent("a3@airbnb.com", "2030-09-22", "2030-09-25")));
    const result = (await ok(SYNC, { id: feedId })).syncCalendarFeed;
    expect(result).toMatchObject({ added: 0, released: 1, conflicts: 1 });
    expect(result.feed.conflicts).toEqual([{ uid: "a3@airbnb.com", checkIn: "2030-09-22", checkOut: "2030-09-25" }]);
    expect((await nights(units[0]!)).map((n) => [n.checkIn, n.status])).toEqual([
      ["2030-09-01", "BLOCKED"],
      ["2030-09-20", "CONFIRMED"],
    ]);
    const events = await stack.owner.prisma.outboxEvent.findMany({ where: { eventType: "rental.calendar_conflict", aggregateId: feedId } });
    expect(events).toHaveLength(1);
    // The scheduled job does the same through the port: nothing new, the conflict is not reported twice.
    expect(await syncCalendarImports({ prisma: stack.property.deps.prisma, fetchIcs: httpIcsFetcher({ timeoutMs: 2000, allowPrivateHosts: true }) })).toBe(1);
    expect(await stack.owner.prisma.outboxEvent.count({ where: { eventType: "rental.calendar_conflict", aggregateId: feedId } })).toBe(1);
  });

  it("refuses a feed over the size limit and keeps the error on the feed", async () => {
    feeds.set("/big.ics", calendar(...Array.from({ length: 50 }, (_, i) => vevent(`b${i}`, "2030-10-01", "2030-10-02"))));
    await expect(httpIcsFetcher({ maxBytes: 1000, allowPrivateHosts: true })(`${base}/big.ics`)).rejects.toThrow(/larger than 1000 bytes/);
  });

  it("by default fetches only public addresses: loopback, private and link-local hosts are refused before any request", async () => {
    let requests = 0;
    const counted = createServer((_req, res) => {
      requests++;
      res.end(calendar());
    });
    await new Promise<void>((resolve) => counted.listen(0, "127.0.0.1", resolve));
    const { port } = counted.address() as AddressInfo;
    const fetchIcs = httpIcsFetcher();
    for (const url of [
      `http://127.0.0.1:${port}/a.ics`,
      `http://localhost:${port}/a.ics`,
      "http://10.1.2.3/a.ics",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]/a.ics",
    ]) {
      await expect(fetchIcs(url), url).rejects.toMatchObject({ code: "BAD_USER_INPUT", details: { reason: "PRIVATE_ADDRESS" } });
    }
    expect(requests).toBe(0);
    await new Promise((resolve) => counted.close(resolve));
  });
});

describe("calendar export", () => {
  it("serves the unit's stays at a secret URL; imported back they block the same nights; rotating revokes it", async () => {
    await ok(`mutation ($u: ID!) { createReservation(input: { unitId: $u, checkIn: "2030-11-01", checkOut: "2030-11-05", guestCount: 1 }) { id } }`, {
      u: units[1],
    });
    await ok(`mutation ($u: ID!) { createReservation(input: { unitId: $u, checkIn: "2030-11-05", checkOut: "2030-11-06", guestCount: 1 }) { id } }`, {
      u: units[1],
    });
    const { path } = (await ok(`mutation ($u: ID!) { rotateCalendarExport(unitId: $u) { path feed { direction } } }`, { u: units[1] })).rotateCalendarExport;
    const exported = await fetch(new URL(path, stack.property.url));
    expect(exported.status).toBe(200);
    const ics = await exported.text();
    expect(ics).toContain("BEGIN:VCALENDAR");
    feeds.set("/export.ics", ics);
    const feedId = (
      await ok(`mutation ($u: ID!, $url: String!) { addCalendarImport(unitId: $u, url: $url, source: OTHER) { id } }`, {
        u: units[2],
        url: `${base}/export.ics`,
      })
    ).addCalendarImport.id;
    expect((await ok(SYNC, { id: feedId })).syncCalendarFeed).toMatchObject({ added: 2, conflicts: 0 });
    const original = (await nights(units[1]!)).map((n) => [n.checkIn, n.checkOut]);
    expect((await nights(units[2]!)).map((n) => [n.checkIn, n.checkOut])).toEqual(original);
    await ok(`mutation ($u: ID!) { rotateCalendarExport(unitId: $u) { path } }`, { u: units[1] });
    expect((await fetch(new URL(path, stack.property.url))).status).toBe(404);
  });
});
