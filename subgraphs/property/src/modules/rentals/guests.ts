// Guests of a reservation: the guest book and the foreign police's data. Personal data: read
// and written only by whoever runs the unit (access.ts), never logged, and each read of guests'
// documents is audited (police.ts auditGuestAccess). Events and audit entries carry ids only.
import type { Guest } from "@ppt/db/client";
import { AppError, parseInput, requirePermission } from "@ppt/server-kit";
import { z } from "zod";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { runsUnit } from "./access.ts";
import { ageOn, dayOf } from "./dates.ts";
import { syncRegistration } from "./police.ts";
import { visibleReservation } from "./reservations.ts";

const localDate = z.iso.date().transform(dayOf);
const text = (max: number) => z.string().trim().max(max).nullish();

const guestSchema = z.object({
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  birthDate: localDate.nullish(),
  nationality: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "ISO 3166-1 alpha-2, e.g. SK, CZ, UA")
    .nullish(),
  documentType: z.enum(["ID_CARD", "PASSPORT", "RESIDENCE_PERMIT", "OTHER"]).nullish(),
  documentNumber: text(50),
  visaNumber: text(50),
  addressAbroad: text(500),
  purposeOfStay: text(100),
  stayFrom: localDate.nullish(),
  stayTo: localDate.nullish(),
});

function guestData(input: z.infer<typeof guestSchema>, reservation: { checkIn: Date; checkOut: Date }) {
  const stayFrom = input.stayFrom ?? reservation.checkIn;
  const stayTo = input.stayTo ?? reservation.checkOut;
  if (stayFrom < reservation.checkIn || stayTo > reservation.checkOut || stayTo < stayFrom) {
    throw AppError.badInput("The guest's stay must lie within the reservation", { field: "input.stayFrom" });
  }
  if (input.birthDate && input.birthDate > stayFrom) throw AppError.badInput("Born after the stay starts", { field: "input.birthDate" });
  return {
    firstName: input.firstName,
    lastName: input.lastName,
    birthDate: input.birthDate ?? null,
    ageAtArrival: input.birthDate ? ageOn(input.birthDate, stayFrom) : null,
    nationality: input.nationality ?? null,
    documentType: input.documentType ?? null,
    documentNumber: input.documentNumber ?? null,
    visaNumber: input.visaNumber ?? null,
    address: input.addressAbroad ?? null,
    purposeOfStay: input.purposeOfStay ?? null,
    stayFrom,
    stayTo,
  };
}

export async function addGuest(ctx: PropertyContext, reservationId: string, input: unknown): Promise<Guest> {
  requirePermission(ctx.caller, "rentals:write");
  const data = parseInput(guestSchema, input);
  const reservation = await visibleReservation(ctx, reservationId);
  if (reservation.status === "BLOCKED" || reservation.status === "CANCELLED")
    throw AppError.conflict("No guests on this reservation", { reason: "NOT_A_STAY" });
  const { guest, event } = await ctx.db.write(async (tx) => {
    const guest = await tx.guest.create({ data: { ...guestData(data, reservation), organizationId: reservation.organizationId, reservationId } });
    await syncRegistration(tx, guest);
    const event = await recordChange(tx, ctx, { entityType: "guest", entityId: guest.id, eventType: "rental.guest_added", payload: { reservationId } });
    return { guest, event };
  });
  ctx.events.committed(event);
  return guest;
}

export async function visibleGuest(ctx: PropertyContext, id: string): Promise<Guest> {
  requirePermission(ctx.caller, "rentals:read");
  const guest = await ctx.loaders.guest.load(id);
  const reservation = guest && (await ctx.loaders.reservation.load(guest.reservationId));
  if (!guest || !reservation || !(await runsUnit(ctx, reservation.unitId))) throw AppError.notFound("Guest");
  return guest;
}

export async function updateGuest(ctx: PropertyContext, id: string, input: unknown): Promise<Guest> {
  requirePermission(ctx.caller, "rentals:write");
  const data = parseInput(guestSchema, input);
  const current = await visibleGuest(ctx, id);
  if (current.anonymizedAt) throw AppError.conflict("The guest's personal data was removed after the retention period", { reason: "ANONYMIZED" });
  const reservation = (await ctx.loaders.reservation.load(current.reservationId))!;
  const { guest, event } = await ctx.db.write(async (tx) => {
    const guest = await tx.guest.update({ where: { id }, data: guestData(data, reservation) });
    const stayChanged = guest.stayFrom.getTime() !== current.stayFrom.getTime() || guest.stayTo.getTime() !== current.stayTo.getTime();
    await syncRegistration(tx, guest, { stayChanged });
    const event = await recordChange(tx, ctx, {
      entityType: "guest",
      entityId: id,
      eventType: "rental.guest_updated",
      payload: { reservationId: guest.reservationId },
    });
    return { guest, event };
  });
  ctx.events.committed(event);
  ctx.loaders.guest.clear(id).prime(id, guest);
  return guest;
}

export async function removeGuest(ctx: PropertyContext, id: string): Promise<boolean> {
  requirePermission(ctx.caller, "rentals:write");
  const guest = await visibleGuest(ctx, id);
  const event = await ctx.db.write(async (tx) => {
    await tx.guest.delete({ where: { id } });
    return recordChange(tx, ctx, { entityType: "guest", entityId: id, eventType: "rental.guest_removed", payload: { reservationId: guest.reservationId } });
  });
  ctx.events.committed(event);
  ctx.loaders.guest.clear(id);
  return true;
}

/** Records the guest's arrival or departure; the first arrival checks the reservation in, the last departure out. */
export async function recordPresence(ctx: PropertyContext, id: string, kind: "in" | "out"): Promise<Guest> {
  requirePermission(ctx.caller, "rentals:write");
  const current = await visibleGuest(ctx, id);
  if (kind === "in" && current.checkedInAt) throw AppError.conflict("Already checked in", { reason: "ALREADY_CHECKED_IN" });
  if (kind === "out" && (!current.checkedInAt || current.checkedOutAt)) throw AppError.conflict("Not checked in", { reason: "NOT_CHECKED_IN" });
  const { guest, event } = await ctx.db.write(async (tx) => {
    const guest = await tx.guest.update({ where: { id }, data: kind === "in" ? { checkedInAt: new Date() } : { checkedOutAt: new Date() } });
    const reservation = await tx.reservation.findUniqueOrThrow({ where: { id: guest.reservationId } });
    if (kind === "in" && (reservation.status === "CONFIRMED" || reservation.status === "TENTATIVE")) {
      await tx.reservation.update({ where: { id: reservation.id }, data: { status: "CHECKED_IN" } });
    }
    if (kind === "out" && reservation.status === "CHECKED_IN") {
      const stillIn = await tx.guest.count({ where: { reservationId: reservation.id, checkedInAt: { not: null }, checkedOutAt: null } });
      if (stillIn === 0) await tx.reservation.update({ where: { id: reservation.id }, data: { status: "CHECKED_OUT" } });
    }
    const event = await recordChange(tx, ctx, {
      entityType: "guest",
      entityId: id,
      eventType: kind === "in" ? "rental.guest_checked_in" : "rental.guest_checked_out",
      payload: { reservationId: reservation.id },
    });
    return { guest, event };
  });
  ctx.events.committed(event);
  ctx.loaders.guest.clear(id).prime(id, guest);
  ctx.loaders.reservation.clear(guest.reservationId);
  return guest;
}
