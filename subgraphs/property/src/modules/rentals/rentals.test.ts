// The rentals module through the gateway: twenty concurrent bookings of the same nights leave
// exactly one (the database's exclusion constraint) while back-to-back stays are both accepted;
// status moves; a foreign guest's police report with every field and its deadline under the rule
// (overdue when past); the accommodation tax of a stay across a rate change with an exempt child
// and the month's report; the reminder job's events; the unit's owner and managers only (a
// neighbouring owner, a tenant and another organization see nothing); reservations with guests
// in constant statements.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, addOccupancy, addOwnership, createBuilding, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";
import { anonymizeExpiredGuests, writePoliceRegistrationReminders } from "./index.ts";

let stack: Stack;
let orgA: string;
let orgB: string;
const units: string[] = [];
const users = {} as Record<"manager" | "owner" | "tenant" | "neighbour" | "managerB", string>;
const tokens = {} as Record<keyof typeof users, string>;
const codeOf = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
const reasonOf = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.reason;

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  orgA = (await createOrganization(db, "Apartmány Hlavná")).id;
  orgB = (await createOrganization(db, "Iná správa")).id;
  const building = (await createBuilding(db, orgA, "Košice", "Hlavná", "12")).id;
  for (let i = 0; i < 6; i++) units.push((await createUnit(db, orgA, building, String(i + 1))).id);
  const roles: Record<keyof typeof users, [string, string[]]> = {
    manager: [orgA, ["manager"]],
    owner: [orgA, ["owner"]],
    tenant: [orgA, ["tenant"]],
    neighbour: [orgA, ["owner"]],
    managerB: [orgB, ["manager"]],
  };
  for (const [name, [org, role]] of Object.entries(roles) as [keyof typeof users, [string, string[]]][]) {
    users[name] = (await createUser(db, name, "Test")).id;
    await addMember(db, org, users[name]);
    tokens[name] = await stack.tokenFor(users[name], org, role);
  }
  await addOwnership(db, orgA, units[0]!, users.owner);
  await addOwnership(db, orgA, units[1]!, users.owner);
  await addOccupancy(db, orgA, units[0]!, users.tenant);
  await addOwnership(db, orgA, units[2]!, users.neighbour);
  // Košice's accommodation tax as data: 1.50 € per person-night until 1 June 2030, 2.00 € from 2 June; under 18 exempt.
  await db.accommodationTaxRule.createMany({
    data: [
      {
        municipality: "Košice",
        rateCents: 150,
        exemptUnderAge: 18,
        validFrom: new Date("2020-01-01"),
        validTo: new Date("2030-06-01"),
        legalBasis: "VZN test 1",
      },
      { municipality: "Košice", rateCents: 200, exemptUnderAge: 18, validFrom: new Date("2030-06-02"), legalBasis: "VZN test 2" },
    ],
  });
}, 120_000);

afterAll(() => stack?.stop());

async function ok<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const result = await stack.query(query, variables, token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

const CREATE = `mutation ($input: CreateReservationInput!) { createReservation(input: $input) { id status checkIn checkOut nights totalPrice } }`;
const book = (unitId: string, checkIn: string, checkOut: string, token = tokens.owner, extra: Record<string, unknown> = {}) =>
  stack.query(CREATE, { input: { unitId, checkIn, checkOut, guestCount: 2, ...extra } }, token);

describe("reservations", () => {
  it("keeps exactly one of 20 concurrent bookings of overlapping nights; the others are CONFLICT DATES_TAKEN", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => book(units[0]!, `2030-03-${String(10 + (i % 3)).padStart(2, "0")}`, `2030-03-${String(14 + (i % 2))}`)),
    );
    const succeeded = results.filter((r) => !r.errors);
    expect(succeeded).toHaveLength(1);
    for (const failed of results.filter((r) => r.errors)) {
      expect(codeOf(failed)).toBe("CONFLICT");
      expect(reasonOf(failed)).toBe("DATES_TAKEN");
    }
    expect(
      await stack.owner.prisma.reservation.count({ where: { unitId: units[0], checkIn: { gte: new Date("2030-03-01"), lt: new Date("2030-04-01") } } }),
    ).toBe(1);
  });

  it("accepts back-to-back stays (check-out day = next check-in day) and keeps the price exact to the cent", async () => {
    const first = await book(units[1]!, "2030-04-01", "2030-04-05", tokens.owner, { totalPrice: "240.5" });
    const second = await book(units[1]!, "2030-04-05", "2030-04-08", tokens.owner, { totalPrice: "0.10" });
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(first.data.createReservation).toMatchObject({ nights: 4, totalPrice: "240.50" });
    expect(second.data.createReservation.totalPrice).toBe("0.10");
    expect(reasonOf(await book(units[1]!, "2030-04-04", "2030-04-06"))).toBe("DATES_TAKEN");
    expect(codeOf(await book(units[1]!, "2030-04-10", "2030-04-10"))).toBe("BAD_USER_INPUT");
    expect(codeOf(await book(units[1]!, "2030-04-10", "2030-04-11", tokens.owner, { totalPrice: "1.234" }))).toBe("BAD_USER_INPUT");
  });

  it("moves status only along allowed transitions; a cancellation frees the nights", async () => {
    const r = await book(units[1]!, "2030-05-01", "2030-05-03", tokens.owner, { status: "TENTATIVE" });
    const id = r.data.createReservation.id;
    const SET = `mutation ($id: ID!, $s: ReservationStatus!) { setReservationStatus(id: $id, status: $s) { status } }`;
    const bad = await stack.query(SET, { id, s: "CHECKED_OUT" }, tokens.owner);
    expect([codeOf(bad), reasonOf(bad)]).toEqual(["CONFLICT", "INVALID_TRANSITION"]);
    expect((await ok(SET, { id, s: "CONFIRMED" }, tokens.owner)).setReservationStatus.status).toBe("CONFIRMED");
    await ok(`mutation ($id: ID!) { cancelReservation(id: $id) { status } }`, { id }, tokens.owner);
    expect(reasonOf(await stack.query(SET, { id, s: "CONFIRMED" }, tokens.owner))).toBe("INVALID_TRANSITION");
    expect((await book(units[1]!, "2030-05-01", "2030-05-03")).errors).toBeUndefined();
  });
});

const ADD_GUEST = `mutation ($r: ID!, $input: GuestInput!) { addGuest(reservationId: $r, input: $input) { id isForeign stayFrom stayTo } }`;
const foreigner = {
  firstName: "Olena",
  lastName: "Kovalenko",
  birthDate: "1990-02-03",
  nationality: "UA",
  documentType: "PASSPORT",
  documentNumber: "FX123456",
  visaNumber: "V-778",
  addressAbroad: "vul. Khreshchatyk 1, Kyiv",
  purposeOfStay: "tourism",
};

describe("guests and police registration", () => {
  it("gives a foreign guest a police report with every field, due five days after check-in (§ 113 of Act No. 404/2011)", async () => {
    const r = (await book(units[0]!, "2030-05-31", "2030-06-03")).data.createReservation;
    await ok(ADD_GUEST, { r: r.id, input: foreigner }, tokens.owner);
    await ok(ADD_GUEST, { r: r.id, input: { firstName: "Ján", lastName: "Novák", birthDate: "1985-01-01", nationality: "SK" } }, tokens.owner);
    const data = await ok(
      `query ($id: ID!) { reservation(id: $id) { guests { lastName isForeign } policeRegistrations { state dueOn legalBasis report guest { lastName } } } }`,
      { id: r.id },
      tokens.owner,
    );
    expect(data.reservation.guests.map((g: any) => g.isForeign)).toEqual([true, false]);
    expect(data.reservation.policeRegistrations).toHaveLength(1);
    const reg = data.reservation.policeRegistrations[0];
    // Friday 31 May 2030 + five calendar days (the weekend counts).
    expect(reg).toMatchObject({ state: "DUE", dueOn: "2030-06-05", guest: { lastName: "Kovalenko" } });
    expect(reg.legalBasis).toContain("404/2011");
    expect(reg.legalBasis).toContain("§ 113 písm. c)");
    expect(reg.report).toContain("§ 113 písm. c)");
    for (const field of [
      "<surname>Kovalenko</surname>",
      "<givenNames>Olena</givenNames>",
      "<dateOfBirth>1990-02-03</dateOfBirth>",
      "<nationality>UA</nationality>",
      "<travelDocumentType>PASSPORT</travelDocumentType>",
      "<travelDocumentNumber>FX123456</travelDocumentNumber>",
      "<visaNumber>V-778</visaNumber>",
      "<addressAbroad>vul. Khreshchatyk 1, Kyiv</addressAbroad>",
      "<purposeOfStay>tourism</purposeOfStay>",
      "<stayFrom>2030-05-31</stayFrom>",
      "<stayTo>2030-06-03</stayTo>",
      "<street>Hlavná</street>",
      "<municipality>Košice</municipality>",
    ]) {
      expect(reg.report).toContain(field);
    }
    const audit = await stack.owner.prisma.auditLog.count({ where: { organizationId: orgA, action: "rental.guest_data_read" } });
    expect(audit).toBeGreaterThanOrEqual(1);
  });

  it("shows a report past its deadline as overdue, and the job tells of it once", async () => {
    const r = (await book(units[1]!, "2026-11-20", "2026-11-22")).data.createReservation;
    await ok(ADD_GUEST, { r: r.id, input: { ...foreigner, firstName: "Petr", nationality: "CZ" } }, tokens.owner);
    const overdue = await ok(`{ policeRegistrations(state: OVERDUE) { dueOn reservation { id } } }`, {}, tokens.owner);
    expect(overdue.policeRegistrations).toEqual([{ dueOn: "2026-11-25", reservation: { id: r.id } }]);
    const written = await writePoliceRegistrationReminders({ prisma: stack.property.deps.prisma });
    expect(written).toBeGreaterThanOrEqual(1);
    // Already past its deadline: the overdue notice, not the reminder.
    const events = await stack.owner.prisma.outboxEvent.findMany({
      where: { eventType: { in: ["rental.police_registration_due", "rental.police_registration_overdue"] }, organizationId: orgA },
    });
    const mine = events.filter((e) => (e.payload as { reservationId: string }).reservationId === r.id);
    expect(mine.map((e) => [e.eventType, (e.payload as { dueOn: string }).dueOn])).toEqual([["rental.police_registration_overdue", "2026-11-25"]]);
    expect(JSON.stringify(events.map((e) => e.payload))).not.toContain("Kovalenko");
    expect(await writePoliceRegistrationReminders({ prisma: stack.property.deps.prisma })).toBe(0);
  });

  it("records check-in and check-out, moving the reservation along", async () => {
    const r = (await book(units[1]!, "2030-07-01", "2030-07-02")).data.createReservation;
    const g = (await ok(ADD_GUEST, { r: r.id, input: { firstName: "A", lastName: "B", nationality: "SK" } }, tokens.owner)).addGuest;
    await ok(`mutation ($id: ID!) { checkInGuest(id: $id) { checkedInAt } }`, { id: g.id }, tokens.owner);
    await ok(`mutation ($id: ID!) { checkOutGuest(id: $id) { checkedOutAt } }`, { id: g.id }, tokens.owner);
    const after = await ok(`query ($id: ID!) { reservation(id: $id) { status } }`, { id: r.id }, tokens.owner);
    expect(after.reservation.status).toBe("CHECKED_OUT");
  });
});

describe("changing a reservation's dates", () => {
  const UPDATE = `mutation ($id: ID!, $input: UpdateReservationInput!) { updateReservation(id: $id, input: $input) { checkIn checkOut } }`;
  const VIEW = `query ($id: ID!) { reservation(id: $id) { checkIn checkOut guests { firstName stayFrom stayTo }
    policeRegistrations { id state dueOn needsResubmission reference report } } }`;

  it("refuses new dates that would leave a guest's explicit stay outside, changing nothing", async () => {
    const r = (await book(units[1]!, "2031-06-02", "2031-06-06")).data.createReservation;
    await ok(ADD_GUEST, { r: r.id, input: foreigner }, tokens.owner);
    await ok(
      ADD_GUEST,
      { r: r.id, input: { firstName: "Bystrík", lastName: "B", nationality: "SK", stayFrom: "2031-06-03", stayTo: "2031-06-05" } },
      tokens.owner,
    );
    const before = await ok(VIEW, { id: r.id }, tokens.owner);
    const refused = await stack.query(UPDATE, { id: r.id, input: { checkIn: "2031-06-09", checkOut: "2031-06-12" } }, tokens.owner);
    expect([codeOf(refused), reasonOf(refused)]).toEqual(["BAD_USER_INPUT", "GUESTS_OUTSIDE_STAY"]);
    expect(refused.errors?.[0]?.extensions?.guestIds).toHaveLength(1);
    expect(await ok(VIEW, { id: r.id }, tokens.owner)).toEqual(before);
    // The nights it would have taken are still free.
    expect((await book(units[1]!, "2031-06-09", "2031-06-12")).errors).toBeUndefined();
  });

  it("moves the guests' stays that followed the old dates and the police deadline with them; a submitted report is flagged to file again", async () => {
    const r = (await book(units[1]!, "2031-07-07", "2031-07-11")).data.createReservation;
    await ok(ADD_GUEST, { r: r.id, input: foreigner }, tokens.owner);
    await ok(
      ADD_GUEST,
      { r: r.id, input: { firstName: "Bystrík", lastName: "B", nationality: "SK", stayFrom: "2031-07-08", stayTo: "2031-07-10" } },
      tokens.owner,
    );
    const [registration] = (await ok(VIEW, { id: r.id }, tokens.owner)).reservation.policeRegistrations;
    // Monday 7 July 2031 + five days: Saturday 12 July.
    expect(registration).toMatchObject({ state: "DUE", dueOn: "2031-07-12", needsResubmission: false });
    await ok(`mutation ($id: ID!) { markPoliceRegistrationSubmitted(id: $id, reference: "HP-1") { id } }`, { id: registration.id }, tokens.owner);

    // One night later in, the same check-out: the foreigner's stay follows both ends, the explicit one stays.
    expect((await ok(UPDATE, { id: r.id, input: { checkIn: "2031-07-08" } }, tokens.owner)).updateReservation).toEqual({
      checkIn: "2031-07-08",
      checkOut: "2031-07-11",
    });
    const after = (await ok(VIEW, { id: r.id }, tokens.owner)).reservation;
    expect(after.guests.map((g: any) => [g.firstName, g.stayFrom, g.stayTo])).toEqual([
      ["Olena", "2031-07-08", "2031-07-11"],
      ["Bystrík", "2031-07-08", "2031-07-10"],
    ]);
    // Tuesday 8 July + five days: Sunday 13 July; the report says the new stay and is to be filed again.
    expect(after.policeRegistrations).toHaveLength(1);
    expect(after.policeRegistrations[0]).toMatchObject({ id: registration.id, state: "DUE", dueOn: "2031-07-13", needsResubmission: true, reference: "HP-1" });
    expect(after.policeRegistrations[0].report).toContain("<stayFrom>2031-07-08</stayFrom>");
    await ok(`mutation ($id: ID!) { markPoliceRegistrationSubmitted(id: $id, reference: "HP-2") { id } }`, { id: registration.id }, tokens.owner);
    const filed = (await ok(VIEW, { id: r.id }, tokens.owner)).reservation.policeRegistrations[0];
    expect(filed).toMatchObject({ state: "SUBMITTED", needsResubmission: false, reference: "HP-2" });

    // A change of price alone moves nothing.
    await ok(UPDATE, { id: r.id, input: { totalPrice: "300.00" } }, tokens.owner);
    expect((await ok(VIEW, { id: r.id }, tokens.owner)).reservation.policeRegistrations[0]).toMatchObject({ state: "SUBMITTED", needsResubmission: false });
  });
});

describe("accommodation tax", () => {
  it("taxes two adults and exempts a child over three nights across a rate change; the month's report agrees", async () => {
    const r = (await book(units[4]!, "2030-05-31", "2030-06-03", tokens.manager, { guestCount: 3 })).data.createReservation;
    await ok(ADD_GUEST, { r: r.id, input: { firstName: "Eva", lastName: "A", birthDate: "1980-01-01", nationality: "SK" } }, tokens.manager);
    await ok(ADD_GUEST, { r: r.id, input: { firstName: "Igor", lastName: "A", birthDate: "1979-01-01", nationality: "SK" } }, tokens.manager);
    await ok(ADD_GUEST, { r: r.id, input: { firstName: "Mia", lastName: "A", birthDate: "2025-01-01", nationality: "SK" } }, tokens.manager);
    const tax = await ok(
      `query ($id: ID!) { reservation(id: $id) { accommodationTax { amount taxedPersonNights exemptPersonNights municipality } } }`,
      { id: r.id },
      tokens.manager,
    );
    // 2 adults × (1.50 + 1.50 + 2.00) = 10.00; the child's 3 nights exempt.
    expect(tax.reservation.accommodationTax).toEqual({ amount: "10.00", taxedPersonNights: 6, exemptPersonNights: 3, municipality: "Košice" });
    const report = await ok(
      `query { accommodationTaxReport(municipality: "Košice", month: "2030-06") { amount taxedPersonNights exemptPersonNights rows { amount reservation { id } } csv } }`,
      {},
      tokens.manager,
    );
    const row = report.accommodationTaxReport.rows.find((x: any) => x.reservation.id === r.id);
    // June only: 2 adults × (1.50 + 2.00) = 7.00.
    expect(row.amount).toBe("7.00");
    expect(report.accommodationTaxReport.csv.split("\n")[0]).toBe("reservation_id,check_in,check_out,taxed_person_nights,exempt_person_nights,amount_eur");
  });
});

describe("occupancy and income", () => {
  it("counts a month's nights, occupancy and income by source to the cent, a stay across months split by its nights", async () => {
    await book(units[1]!, "2030-04-28", "2030-05-01", tokens.owner, { source: "BOOKING", totalPrice: "100.00" });
    const data = await ok(
      `query ($u: ID!) { rentalOccupancy(unitId: $u, month: "2030-04") { days nights blockedNights occupancyRate income incomeBySource { source nights amount } csv } }`,
      { u: units[1] },
      tokens.owner,
    );
    // DIRECT: 4 + 3 nights for 240.50 + 0.10; BOOKING: 3 nights of 100.00 (33.34 + 33.33 + 33.33), all in April.
    expect(data.rentalOccupancy).toMatchObject({ days: 30, nights: 10, blockedNights: 0, occupancyRate: 0.3333, income: "340.60" });
    expect(data.rentalOccupancy.incomeBySource).toEqual([
      { source: "DIRECT", nights: 7, amount: "240.60" },
      { source: "BOOKING", nights: 3, amount: "100.00" },
    ]);
    expect(data.rentalOccupancy.csv).toContain("2030-04,TOTAL,10,340.60");
  });
});

describe("retention", () => {
  it("removes guests' personal data after the retention period while the month's tax report keeps its totals", async () => {
    const r = (await book(units[4]!, "2020-06-10", "2020-06-13", tokens.manager)).data.createReservation;
    await ok(ADD_GUEST, { r: r.id, input: { ...foreigner, birthDate: "1980-05-05" } }, tokens.manager);
    await ok(ADD_GUEST, { r: r.id, input: { ...foreigner, firstName: "Dmytro", birthDate: "2015-05-05" } }, tokens.manager);
    const REPORT = `query { accommodationTaxReport(municipality: "Košice", month: "2020-06") { amount taxedPersonNights exemptPersonNights } }`;
    const before = (await ok(REPORT, {}, tokens.manager)).accommodationTaxReport;
    // One adult × 3 nights × 1.50; the child (5) exempt.
    expect(before).toEqual({ amount: "4.50", taxedPersonNights: 3, exemptPersonNights: 3 });
    expect(await anonymizeExpiredGuests({ prisma: stack.property.deps.prisma })).toBeGreaterThanOrEqual(2);
    expect((await ok(REPORT, {}, tokens.manager)).accommodationTaxReport).toEqual(before);
    const guests = await stack.owner.prisma.guest.findMany({ where: { reservationId: r.id } });
    expect(guests.map((g) => [g.lastName, g.birthDate, g.documentNumber, g.visaNumber, g.address, g.anonymizedAt !== null])).toEqual([
      ["—", null, null, null, null, true],
      ["—", null, null, null, null, true],
    ]);
    const view = await ok(`query ($id: ID!) { reservation(id: $id) { guests { anonymized lastName } } }`, { id: r.id }, tokens.manager);
    expect(view.reservation.guests).toEqual([
      { anonymized: true, lastName: "—" },
      { anonymized: true, lastName: "—" },
    ]);
    // Recent stays keep their guests.
    expect(await stack.owner.prisma.guest.count({ where: { lastName: "Kovalenko", anonymizedAt: null } })).toBeGreaterThan(0);
  });
});

describe("access", () => {
  let id: string;
  beforeAll(async () => {
    id = (await book(units[0]!, "2030-08-01", "2030-08-03")).data.createReservation.id;
    await ok(ADD_GUEST, { r: id, input: foreigner }, tokens.owner);
  });

  it("lets the unit's manager see the stay and its guests", async () => {
    const data = await ok(`query ($id: ID!) { reservation(id: $id) { guests { documentNumber } } }`, { id }, tokens.manager);
    expect(data.reservation.guests[0].documentNumber).toBe("FX123456");
  });

  it("shows a neighbouring owner, a tenant of the unit and another organization nothing", async () => {
    for (const who of ["neighbour", "tenant", "managerB"] as const) {
      const one = await stack.query(`query ($id: ID!) { reservation(id: $id) { id guests { lastName } } }`, { id }, tokens[who]);
      expect(one.data?.reservation ?? null, who).toBeNull();
      expect(["NOT_FOUND", "FORBIDDEN"]).toContain(codeOf(one));
      const list = await stack.query(`query ($u: ID!) { reservations(unitId: $u) { totalCount } }`, { u: units[0] }, tokens[who]);
      expect(["NOT_FOUND", "FORBIDDEN"], who).toContain(codeOf(list));
      const regs = await stack.query(`{ policeRegistrations { id } }`, {}, tokens[who]);
      expect(regs.data?.policeRegistrations ?? [], who).toEqual([]);
      const booking = await book(units[0]!, "2031-01-01", "2031-01-02", tokens[who]);
      expect(["NOT_FOUND", "FORBIDDEN"], who).toContain(codeOf(booking));
    }
  });
});

describe("statements", () => {
  it("lists reservations with their guests and police registrations in as many statements for 6 stays as for 2", async () => {
    const query = `query ($u: ID!) { reservations(unitId: $u, first: 50) { edges { node { id guests { lastName } policeRegistrations { state } } } } }`;
    const seed = async (unitId: string, count: number) => {
      for (let i = 0; i < count; i++) {
        const r = (await book(unitId, `2031-02-${String(1 + i * 2).padStart(2, "0")}`, `2031-02-${String(2 + i * 2).padStart(2, "0")}`, tokens.manager)).data
          .createReservation;
        await ok(ADD_GUEST, { r: r.id, input: { ...foreigner, lastName: `G${i}` } }, tokens.manager);
      }
    };
    await seed(units[3]!, 2);
    await seed(units[5]!, 6);
    const count = async (unitId: string) => {
      const before = stack.queryCount();
      const data = await ok(query, { u: unitId }, tokens.manager);
      return { statements: stack.queryCount() - before, stays: data.reservations.edges.length };
    };
    const two = await count(units[3]!);
    const six = await count(units[5]!);
    expect([two.stays, six.stays]).toEqual([2, 6]);
    expect(six.statements).toBe(two.statements);
  });
});
