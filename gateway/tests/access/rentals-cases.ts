// Access cases of the rentals module. Only the unit's owner (userA owns unitA) and managers run
// its rentals: the owner of another unit of the building (neighbourA) gets what a missing id gets.
import type { AccessCase, DeniedCaller } from "./cases.ts";

const neighbour: DeniedCaller = { who: "the owner of another unit of the building", as: (w) => ({ userId: w.neighbourA, roles: ["owner"] }), gets: "missing" };
const byId = (field: string, permission: AccessCase["permission"], document: string, variables: AccessCase["variables"]): AccessCase => ({
  field,
  document,
  variables,
  permission,
  kind: "byId",
  denied: [neighbour],
});
const list = (field: string, document: string, variables: AccessCase["variables"] = () => ({})): AccessCase => ({
  field,
  document,
  variables,
  permission: "rentals:read",
  kind: "list",
  denied: [{ ...neighbour, gets: { hidden: (w) => [w.reservationA, w.guestA, w.policeRegistrationA] } }],
});

export const rentalsCases: AccessCase[] = [
  byId(
    "Query.reservations",
    "rentals:read",
    `query ($u: ID!) { reservations(unitId: $u) { totalCount edges { node { id guests { id lastName } } } } }`,
    (w) => ({ u: w.unitA }),
  ),
  byId(
    "Query.reservationCalendar",
    "rentals:read",
    `query ($u: ID!) { reservationCalendar(unitId: $u, from: "2030-01-01", to: "2030-12-31") { id } }`,
    (w) => ({ u: w.unitA }),
  ),
  byId(
    "Query.reservation",
    "rentals:read",
    `query ($id: ID!) { reservation(id: $id) { id guests { id documentNumber } policeRegistrations { id report } } }`,
    (w) => ({ id: w.reservationA }),
  ),
  list("Query.policeRegistrations", `{ policeRegistrations { id state guest { id lastName } reservation { id } } }`),
  list("Query.accommodationTaxReport", `{ accommodationTaxReport(municipality: "Košice", month: "2030-03") { amount rows { reservation { id } } csv } }`),
  byId("Query.rentalOccupancy", "rentals:read", `query ($u: ID!) { rentalOccupancy(unitId: $u, month: "2030-03") { nights income csv } }`, (w) => ({
    u: w.unitA,
  })),
  byId("Query.calendarFeeds", "rentals:read", `query ($u: ID!) { calendarFeeds(unitId: $u) { id url } }`, (w) => ({ u: w.unitA })),
  byId(
    "Mutation.createReservation",
    "rentals:write",
    `mutation ($u: ID!) { createReservation(input: { unitId: $u, checkIn: "2030-06-01", checkOut: "2030-06-03", guestCount: 2 }) { id } }`,
    (w) => ({ u: w.unitA }),
  ),
  byId("Mutation.updateReservation", "rentals:write", `mutation ($id: ID!) { updateReservation(id: $id, input: { note: "x" }) { id } }`, (w) => ({
    id: w.reservationA,
  })),
  byId("Mutation.setReservationStatus", "rentals:write", `mutation ($id: ID!) { setReservationStatus(id: $id, status: CHECKED_IN) { id } }`, (w) => ({
    id: w.reservationA,
  })),
  byId("Mutation.cancelReservation", "rentals:write", `mutation ($id: ID!) { cancelReservation(id: $id) { id } }`, (w) => ({ id: w.reservationA })),
  byId("Mutation.addGuest", "rentals:write", `mutation ($r: ID!) { addGuest(reservationId: $r, input: { firstName: "X", lastName: "Y" }) { id } }`, (w) => ({
    r: w.reservationA,
  })),
  byId("Mutation.updateGuest", "rentals:write", `mutation ($id: ID!) { updateGuest(id: $id, input: { firstName: "X", lastName: "Y" }) { id } }`, (w) => ({
    id: w.guestA,
  })),
  byId("Mutation.removeGuest", "rentals:write", `mutation ($id: ID!) { removeGuest(id: $id) }`, (w) => ({ id: w.guestA })),
  byId("Mutation.checkInGuest", "rentals:write", `mutation ($id: ID!) { checkInGuest(id: $id) { id } }`, (w) => ({ id: w.guestA })),
  byId("Mutation.checkOutGuest", "rentals:write", `mutation ($id: ID!) { checkOutGuest(id: $id) { id } }`, (w) => ({ id: w.guestA })),
  byId(
    "Mutation.markPoliceRegistrationSubmitted",
    "rentals:write",
    `mutation ($id: ID!) { markPoliceRegistrationSubmitted(id: $id, reference: "R1") { id } }`,
    (w) => ({
      id: w.policeRegistrationA,
    }),
  ),
  byId(
    "Mutation.addCalendarImport",
    "rentals:write",
    `mutation ($u: ID!) { addCalendarImport(unitId: $u, url: "https://example.com/a.ics", source: BOOKING) { id } }`,
    (w) => ({ u: w.unitA }),
  ),
  byId("Mutation.removeCalendarFeed", "rentals:write", `mutation ($id: ID!) { removeCalendarFeed(id: $id) }`, (w) => ({ id: w.calendarFeedA })),
  byId("Mutation.syncCalendarFeed", "rentals:write", `mutation ($id: ID!) { syncCalendarFeed(id: $id) { added } }`, (w) => ({ id: w.calendarFeedA })),
  byId("Mutation.rotateCalendarExport", "rentals:write", `mutation ($u: ID!) { rotateCalendarExport(unitId: $u) { path } }`, (w) => ({ u: w.unitA })),
];
