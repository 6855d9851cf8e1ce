// Reservations of a unit. No double booking is the database's job: an exclusion constraint over
// the unit and daterange(check_in, check_out, '[)') of every reservation not cancelled
// (migration 20261203182957_rentals). Whatever number of bookings race, the database keeps one
// and the others fail with 23P01, which becomes CONFLICT (reason DATES_TAKEN) here.
import type { Prisma, Reservation, ReservationStatus } from "@ppt/db/client";
import {
  AppError,
  decodeCursorOf,
  keysetOrderBy,
  keysetWhere,
  pageSize,
  parseInput,
  requirePermission,
  toConnection,
  type SortKey,
  type Tx,
} from "@ppt/server-kit";
import { z } from "zod";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { formatAmount, parseAmount } from "../financial/index.ts";
import { requireUnit, runsUnit } from "./access.ts";
import { ageOn, dayOf, nightsBetween } from "./dates.ts";
import { syncRegistration } from "./police.ts";

const localDate = z.iso.date().transform(dayOf);
const sources = ["DIRECT", "AIRBNB", "BOOKING", "OTHER"] as const;
const MAX_NIGHTS = 366;

/** Moves a reservation may make; CANCELLED, CHECKED_OUT and BLOCKED are final here (a block is the feed's). */
export const TRANSITIONS: Record<ReservationStatus, readonly ReservationStatus[]> = {
  TENTATIVE: ["CONFIRMED", "CANCELLED"],
  CONFIRMED: ["CHECKED_IN", "CANCELLED", "TENTATIVE"],
  CHECKED_IN: ["CHECKED_OUT"],
  CHECKED_OUT: [],
  CANCELLED: [],
  BLOCKED: [],
};

/** The exclusion constraint's SQLSTATE anywhere in the error's chain (pg, the driver adapter, Prisma). */
export function isDatesTaken(error: unknown): boolean {
  let current = error as
    | { code?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } }
    | undefined;
  for (let depth = 0; current && depth < 6; depth++) {
    if (current.code === "23P01" || current.originalCode === "23P01" || current.meta?.driverAdapterError?.cause?.originalCode === "23P01") return true;
    if (typeof current.message === "string" && current.message.includes("reservations_no_overlap")) return true;
    current = current.cause as typeof current;
  }
  return false;
}

/** A write that may claim nights another reservation holds: the database's refusal becomes CONFLICT DATES_TAKEN. */
async function claimingNights<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isDatesTaken(error)) throw AppError.conflict("Another reservation holds some of these nights", { reason: "DATES_TAKEN", field: "input.checkIn" });
    throw error;
  }
}

const money = z.string().trim().nullish();
const text = (max: number) => z.string().trim().max(max).nullish();

const createSchema = z.object({
  unitId: z.uuid(),
  checkIn: localDate,
  checkOut: localDate,
  source: z.enum(sources).nullish(),
  status: z.enum(["TENTATIVE", "CONFIRMED"]).nullish(),
  guestCount: z.number().int().min(1).max(50),
  totalPrice: money,
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullish(),
  contactName: text(255),
  contactEmail: z.email().max(255).nullish(),
  contactPhone: text(50),
  note: text(2000),
});

const updateSchema = createSchema.omit({ unitId: true, source: true, status: true, currency: true }).partial();

function checkDates(checkIn: Date, checkOut: Date): void {
  const nights = nightsBetween(checkIn, checkOut);
  if (nights < 1) throw AppError.badInput("Check-out must be after check-in", { field: "input.checkOut" });
  if (nights > MAX_NIGHTS) throw AppError.badInput(`At most ${MAX_NIGHTS} nights`, { field: "input.checkOut" });
}

const PRICE = /^\d{1,13}(?:\.\d{1,2})?$/;

/** A price as the Decimal(15,2) column holds it ("240.5" → "240.50"); ≥ 0, at most 2 decimals. */
function priceOf(value: string | null | undefined): string | null | undefined {
  if (value == null) return value;
  if (!PRICE.test(value)) throw AppError.badInput("An amount ≥ 0 with at most 2 decimals", { field: "input.totalPrice" });
  return formatAmount(parseAmount(value));
}

export async function createReservation(ctx: PropertyContext, input: unknown): Promise<Reservation> {
  const data = parseInput(createSchema, input);
  await requireUnit(ctx, data.unitId, "rentals:write");
  checkDates(data.checkIn, data.checkOut);
  const { caller } = ctx;
  const { reservation, event } = await claimingNights(
    ctx.db.write(async (tx) => {
      const reservation = await tx.reservation.create({
        data: {
          organizationId: caller!.organizationId!,
          unitId: data.unitId,
          checkIn: data.checkIn,
          checkOut: data.checkOut,
          source: data.source ?? "DIRECT",
          status: data.status ?? "CONFIRMED",
          guestCount: data.guestCount,
          totalPrice: priceOf(data.totalPrice),
          currency: data.currency ?? "EUR",
          contactName: data.contactName,
          contactEmail: data.contactEmail,
          contactPhone: data.contactPhone,
          note: data.note,
        },
      });
      const event = await recordChange(tx, ctx, {
        entityType: "reservation",
        entityId: reservation.id,
        eventType: "rental.reservation_created",
        payload: { unitId: reservation.unitId, source: reservation.source, status: reservation.status },
      });
      return { reservation, event };
    }),
  );
  ctx.events.committed(event);
  return reservation;
}

/** A reservation of a unit the caller runs, else NOT_FOUND. */
export async function visibleReservation(ctx: PropertyContext, id: string): Promise<Reservation> {
  requirePermission(ctx.caller, "rentals:read");
  const reservation = await ctx.loaders.reservation.load(id);
  if (!reservation || !(await runsUnit(ctx, reservation.unitId))) throw AppError.notFound("Reservation");
  return reservation;
}

async function writableReservation(ctx: PropertyContext, id: string): Promise<Reservation> {
  requirePermission(ctx.caller, "rentals:write");
  const reservation = await visibleReservation(ctx, id);
  if (reservation.status === "BLOCKED") throw AppError.conflict("An imported block changes only with its calendar", { reason: "IMPORTED_BLOCK" });
  return reservation;
}

/**
 * The guests' stays under the reservation's new dates: a stay's end that equalled the old
 * check-in (check-out) moves with it, one the guest gave explicitly stays. A stay that would fall
 * outside the new dates refuses the whole change (BAD_USER_INPUT, reason GUESTS_OUTSIDE_STAY)
 * naming the guests, so the owner fixes their dates first; nothing is written.
 */
async function moveGuestStays(tx: Tx, current: Reservation, checkIn: Date, checkOut: Date): Promise<void> {
  const guests = await tx.guest.findMany({ where: { reservationId: current.id }, orderBy: { id: "asc" } });
  const moved = guests.map((guest) => {
    const stayFrom = guest.stayFrom.getTime() === current.checkIn.getTime() ? checkIn : guest.stayFrom;
    const stayTo = guest.stayTo.getTime() === current.checkOut.getTime() ? checkOut : guest.stayTo;
    return { guest, stayFrom, stayTo };
  });
  const outside = moved.filter((m) => m.stayFrom < checkIn || m.stayTo > checkOut || m.stayTo < m.stayFrom);
  if (outside.length)
    throw AppError.badInput("Some guests' stays would fall outside the new dates: change their stay dates first", {
      field: "input.checkIn",
      reason: "GUESTS_OUTSIDE_STAY",
      guestIds: outside.map((m) => m.guest.id),
    });
  for (const { guest, stayFrom, stayTo } of moved) {
    if (stayFrom.getTime() === guest.stayFrom.getTime() && stayTo.getTime() === guest.stayTo.getTime()) continue;
    const row = await tx.guest.update({
      where: { id: guest.id },
      data: { stayFrom, stayTo, ...(guest.birthDate ? { ageAtArrival: ageOn(guest.birthDate, stayFrom) } : {}) },
    });
    // The police registration's deadline follows the new arrival; a report already filed is to be filed again.
    await syncRegistration(tx, row, { stayChanged: true });
  }
}

export async function updateReservation(ctx: PropertyContext, id: string, input: unknown): Promise<Reservation> {
  const data = parseInput(updateSchema, input);
  const current = await writableReservation(ctx, id);
  if (current.status === "CANCELLED" || current.status === "CHECKED_OUT") throw AppError.conflict("A closed reservation cannot change", { reason: "CLOSED" });
  const checkIn = data.checkIn ?? current.checkIn;
  const checkOut = data.checkOut ?? current.checkOut;
  checkDates(checkIn, checkOut);
  const datesChanged = checkIn.getTime() !== current.checkIn.getTime() || checkOut.getTime() !== current.checkOut.getTime();
  const { reservation, event } = await claimingNights(
    ctx.db.write(async (tx) => {
      const reservation = await tx.reservation.update({
        where: { id },
        data: { ...data, totalPrice: priceOf(data.totalPrice) },
      });
      if (datesChanged) await moveGuestStays(tx, current, checkIn, checkOut);
      const event = await recordChange(tx, ctx, {
        entityType: "reservation",
        entityId: id,
        eventType: "rental.reservation_updated",
        payload: { unitId: reservation.unitId },
      });
      return { reservation, event };
    }),
  );
  ctx.events.committed(event);
  ctx.loaders.reservation.clear(id).prime(id, reservation);
  if (datesChanged) {
    ctx.loaders.guestsByReservation.clear(id);
    ctx.loaders.policeRegistrationsByReservation.clear(id);
  }
  return reservation;
}

export async function setReservationStatus(ctx: PropertyContext, id: string, status: ReservationStatus): Promise<Reservation> {
  const current = await writableReservation(ctx, id);
  if (!TRANSITIONS[current.status].includes(status)) {
    throw AppError.conflict(`A ${current.status} reservation cannot become ${status}`, { reason: "INVALID_TRANSITION", from: current.status, to: status });
  }
  // TENTATIVE again after a cancellation is not a move; a re-activation could collide only here.
  const { reservation, event } = await claimingNights(
    ctx.db.write(async (tx) => {
      // The status it was read with: a concurrent move makes this update match nothing.
      const moved = await tx.reservation.updateMany({
        where: { id, status: current.status },
        data: { status, ...(status === "CANCELLED" ? { cancelledAt: new Date() } : {}) },
      });
      if (moved.count === 0) throw AppError.conflict("The reservation changed meanwhile; reload it", { reason: "STALE" });
      const reservation = await tx.reservation.findUniqueOrThrow({ where: { id } });
      const event = await recordChange(tx, ctx, {
        entityType: "reservation",
        entityId: id,
        eventType: "rental.reservation_status_changed",
        payload: { unitId: reservation.unitId, from: current.status, to: status },
      });
      return { reservation, event };
    }),
  );
  ctx.events.committed(event);
  ctx.loaders.reservation.clear(id).prime(id, reservation);
  return reservation;
}

const ORDER: SortKey[] = [
  { field: "checkIn", direction: "desc" },
  { field: "id", direction: "desc" },
];

export async function listReservations(ctx: PropertyContext, unitId: string, first?: number | null, after?: string | null) {
  await requireUnit(ctx, unitId);
  const limit = pageSize(first);
  const cursor = decodeCursorOf(after, ["timestamp", "uuid"]);
  const where: Prisma.ReservationWhereInput = { unitId };
  const rows = await ctx.db.read((tx) =>
    tx.reservation.findMany({ where: { AND: [where, keysetWhere(ORDER, cursor)] }, orderBy: keysetOrderBy(ORDER), take: limit + 1 }),
  );
  for (const row of rows) ctx.loaders.reservation.prime(row.id, row);
  return toConnection(
    rows,
    limit,
    (r) => [r.checkIn.toISOString(), r.id],
    () => ctx.db.read((tx) => tx.reservation.count({ where })),
  );
}

/** Reservations and blocks (not cancelled) with a night in [from, to). */
export async function reservationCalendar(ctx: PropertyContext, unitId: string, from: string, to: string): Promise<Reservation[]> {
  await requireUnit(ctx, unitId);
  const start = dayOf(from);
  const end = dayOf(to);
  if (!(end > start) || nightsBetween(start, end) > 731) throw AppError.badInput("`to` must be after `from`, at most two years", { field: "to" });
  const rows = await ctx.db.read((tx) =>
    tx.reservation.findMany({
      where: { unitId, status: { not: "CANCELLED" }, checkIn: { lt: end }, checkOut: { gt: start } },
      orderBy: [{ checkIn: "asc" }, { id: "asc" }],
    }),
  );
  for (const row of rows) ctx.loaders.reservation.prime(row.id, row);
  return rows;
}
