import type { Resolvers } from "../../generated/graphql.ts";
import { localDateOf, unitById } from "../buildings/index.ts";
import { formatAmount } from "../financial/index.ts";
import * as calendar from "./calendar.ts";
import { nightsBetween } from "./dates.ts";
import * as guests from "./guests.ts";
import { rentalOccupancy } from "./occupancy.ts";
import * as police from "./police.ts";
import * as reservations from "./reservations.ts";
import { taxOfReservation, taxReport, taxView } from "./tax.ts";

export const rentalResolvers: Resolvers = {
  Query: {
    reservations: (_, { unitId, first, after }, ctx) => reservations.listReservations(ctx, unitId, first, after),
    reservationCalendar: (_, { unitId, from, to }, ctx) => reservations.reservationCalendar(ctx, unitId, from, to),
    reservation: (_, { id }, ctx) => reservations.visibleReservation(ctx, id),
    policeRegistrations: (_, { state }, ctx) => police.listPoliceRegistrations(ctx, state),
    accommodationTaxReport: (_, { municipality, month }, ctx) => taxReport(ctx, municipality, month),
    calendarFeeds: (_, { unitId }, ctx) => calendar.calendarFeedsOf(ctx, unitId),
    rentalOccupancy: (_, { unitId, month }, ctx) => rentalOccupancy(ctx, unitId, month),
  },
  Mutation: {
    createReservation: (_, { input }, ctx) => reservations.createReservation(ctx, input),
    updateReservation: (_, { id, input }, ctx) => reservations.updateReservation(ctx, id, input),
    setReservationStatus: (_, { id, status }, ctx) => reservations.setReservationStatus(ctx, id, status),
    cancelReservation: (_, { id }, ctx) => reservations.setReservationStatus(ctx, id, "CANCELLED"),
    addGuest: (_, { reservationId, input }, ctx) => guests.addGuest(ctx, reservationId, input),
    updateGuest: (_, { id, input }, ctx) => guests.updateGuest(ctx, id, input),
    removeGuest: (_, { id }, ctx) => guests.removeGuest(ctx, id),
    checkInGuest: (_, { id }, ctx) => guests.recordPresence(ctx, id, "in"),
    checkOutGuest: (_, { id }, ctx) => guests.recordPresence(ctx, id, "out"),
    markPoliceRegistrationSubmitted: (_, { id, reference }, ctx) => police.markSubmitted(ctx, id, reference),
    addCalendarImport: (_, { unitId, url, source }, ctx) => calendar.addCalendarImport(ctx, unitId, url, source),
    removeCalendarFeed: (_, { id }, ctx) => calendar.removeCalendarFeed(ctx, id),
    syncCalendarFeed: (_, { id }, ctx) => calendar.syncCalendarFeed(ctx, id),
    rotateCalendarExport: (_, { unitId }, ctx) => calendar.rotateCalendarExport(ctx, unitId),
  },
  Reservation: {
    __resolveReference: async ({ id }, ctx) => reservations.visibleReservation(ctx, id).catch(() => null),
    unit: async (r, _, ctx) => (await unitById(ctx, r.unitId))!,
    checkIn: (r) => localDateOf(r.checkIn)!,
    checkOut: (r) => localDateOf(r.checkOut)!,
    nights: (r) => nightsBetween(r.checkIn, r.checkOut),
    totalPrice: (r) => r.totalPrice?.toFixed(2) ?? null,
    createdAt: (r) => r.createdAt.toISOString(),
    guests: async (r, _, ctx) => {
      const rows = await ctx.loaders.guestsByReservation.load(r.id);
      if (rows.length) await police.auditGuestAccess(ctx, r.id);
      return rows;
    },
    policeRegistrations: (r, _, ctx) => ctx.loaders.policeRegistrationsByReservation.load(r.id),
    accommodationTax: async (r, _, ctx) => {
      const tax = await taxOfReservation(ctx, r);
      return tax && taxView(tax);
    },
  },
  Guest: {
    reservation: async (g, _, ctx) => (await ctx.loaders.reservation.load(g.reservationId))!,
    birthDate: (g) => localDateOf(g.birthDate),
    stayFrom: (g) => localDateOf(g.stayFrom)!,
    stayTo: (g) => localDateOf(g.stayTo)!,
    addressAbroad: (g) => g.address,
    checkedInAt: (g) => g.checkedInAt?.toISOString() ?? null,
    checkedOutAt: (g) => g.checkedOutAt?.toISOString() ?? null,
    isForeign: (g) => police.isForeign(g),
    anonymized: (g) => g.anonymizedAt !== null,
  },
  PoliceRegistration: {
    guest: async (p, _, ctx) => (await ctx.loaders.guest.load(p.guestId))!,
    reservation: async (p, _, ctx) => (await ctx.loaders.reservation.load(p.reservationId))!,
    state: (p) => police.stateOf(p),
    dueOn: (p) => localDateOf(p.dueOn)!,
    legalBasis: async (p, _, ctx) => (await ctx.loaders.policeReportingRule.load(p.ruleId))!.legalBasis,
    submittedAt: (p) => p.submittedAt?.toISOString() ?? null,
    needsResubmission: (p) => police.needsResubmission(p),
    report: (p, _, ctx) => police.reportOf(ctx, p),
  },
  AccommodationTaxReportRow: {
    amount: (r) => formatAmount(r.cents),
  },
  CalendarFeed: {
    unit: async (f, _, ctx) => (await unitById(ctx, f.unitId))!,
    url: (f) => (f.direction === "IMPORT" ? f.url : null),
    lastSyncedAt: (f) => f.lastSyncedAt?.toISOString() ?? null,
    conflicts: (f) => f.conflicts as { uid: string; checkIn: string; checkOut: string }[],
  },
};
