// Accommodation tax (daň za ubytovanie): each municipality sets, by its own generally binding
// regulation, a rate per person and night and its exemptions (e.g. children under an age). The
// rates live as data with validity dates (property.accommodation_tax_rules; the organization's
// own row wins over the platform's for the same night). The tax of a stay is summed night by
// night, so a rate that changes during the stay applies from its first night on. Guests recorded
// on the reservation count with their own stay and age on each night; a stay without recorded
// guests counts guestCount adults.
import type { AccommodationTaxRule, Guest, Reservation } from "@ppt/db/client";
import { AppError, type Tx } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { formatAmount, type Cents } from "../financial/index.ts";
import { unitsRunBy } from "./access.ts";
import { addDays, ageOn, dayOf, isoDay } from "./dates.ts";

export interface StayTax {
  municipality: string;
  cents: Cents;
  taxedPersonNights: number;
  exemptPersonNights: number;
}

export interface TaxReportRowView extends StayTax {
  reservation: Reservation;
}

type Person = Pick<Guest, "birthDate" | "stayFrom" | "stayTo"> & { ageAtArrival?: number | null };

/** The rule for one night: the organization's own before the platform's, the latest valid_from first. */
export function ruleForNight(rules: readonly AccommodationTaxRule[], night: Date): AccommodationTaxRule | null {
  const fitting = rules.filter((r) => r.validFrom <= night && (r.validTo === null || r.validTo >= night));
  fitting.sort((a, b) => Number(b.organizationId !== null) - Number(a.organizationId !== null) || b.validFrom.getTime() - a.validFrom.getTime());
  return fitting[0] ?? null;
}

/**
 * A guest's age on a night: from the birth date, or — once the personal data is gone after the
 * retention period — the age at arrival that was kept (the same unless a birthday fell in the stay).
 */
function ageOnNight(person: Person, night: Date): number | null {
  if (person.birthDate) return ageOn(person.birthDate, night);
  return person.ageAtArrival ?? null;
}

/** Tax of a stay's nights within [from, to) (the whole stay by default). */
export function taxOfStay(
  reservation: Pick<Reservation, "checkIn" | "checkOut" | "guestCount">,
  guests: readonly Person[],
  rules: readonly AccommodationTaxRule[],
  municipality: string,
  from: Date = reservation.checkIn,
  to: Date = reservation.checkOut,
): StayTax {
  const persons: Person[] = guests.length
    ? [...guests]
    : Array.from({ length: reservation.guestCount }, () => ({
        birthDate: null,
        ageAtArrival: null,
        stayFrom: reservation.checkIn,
        stayTo: reservation.checkOut,
      }));
  const result: StayTax = { municipality, cents: 0n, taxedPersonNights: 0, exemptPersonNights: 0 };
  const start = from > reservation.checkIn ? from : reservation.checkIn;
  const end = to < reservation.checkOut ? to : reservation.checkOut;
  for (let night = start; night < end; night = addDays(night, 1)) {
    const rule = ruleForNight(rules, night);
    for (const person of persons) {
      if (night < person.stayFrom || night >= person.stayTo) continue;
      const exempt = rule?.exemptUnderAge != null && (ageOnNight(person, night) ?? Infinity) < rule.exemptUnderAge;
      if (exempt || !rule) {
        result.exemptPersonNights += exempt ? 1 : 0;
        continue;
      }
      result.taxedPersonNights += 1;
      result.cents += BigInt(rule.rateCents);
    }
  }
  return result;
}

export function rulesOf(tx: Tx, municipality: string, from: Date, to: Date): Promise<AccommodationTaxRule[]> {
  return tx.accommodationTaxRule.findMany({
    where: { municipality: { equals: municipality, mode: "insensitive" }, validFrom: { lt: to }, OR: [{ validTo: null }, { validTo: { gte: from } }] },
  });
}

async function municipalityOf(ctx: PropertyContext, unitId: string): Promise<string | null> {
  const unit = await ctx.loaders.unit.load(unitId);
  const building = unit && (await ctx.loaders.building.load(unit.buildingId));
  return building?.city ?? null;
}

/** The stay's tax (the resolver of Reservation.accommodationTax); null without a rule for the municipality. */
export async function taxOfReservation(ctx: PropertyContext, reservation: Reservation): Promise<StayTax | null> {
  if (reservation.status === "CANCELLED" || reservation.status === "BLOCKED") return null;
  const municipality = await municipalityOf(ctx, reservation.unitId);
  if (!municipality) return null;
  const rules = await ctx.db.read((tx) => rulesOf(tx, municipality, reservation.checkIn, reservation.checkOut));
  if (rules.length === 0) return null;
  const guests = await ctx.loaders.guestsByReservation.load(reservation.id);
  return taxOfStay(reservation, guests, rules, municipality);
}

export const taxView = (tax: StayTax) => ({ ...tax, amount: formatAmount(tax.cents) });

/** The month's tax in one municipality over the units the caller runs: nights within the month only. */
export async function taxReport(ctx: PropertyContext, municipality: string, month: string) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw AppError.badInput("Month as YYYY-MM", { field: "month" });
  const unitIds = await unitsRunBy(ctx);
  const from = dayOf(`${month}-01`);
  const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  const { reservations, rules } = await ctx.db.read(async (tx) => ({
    reservations: await tx.reservation.findMany({
      where: {
        ...(unitIds === null ? {} : { unitId: { in: unitIds } }),
        status: { notIn: ["CANCELLED", "BLOCKED"] },
        checkIn: { lt: to },
        checkOut: { gt: from },
      },
      orderBy: [{ checkIn: "asc" }, { id: "asc" }],
    }),
    rules: await rulesOf(tx, municipality, from, to),
  }));
  const places = await Promise.all(reservations.map((r) => municipalityOf(ctx, r.unitId)));
  const here = reservations.filter((_, i) => places[i]?.toLocaleLowerCase("sk") === municipality.toLocaleLowerCase("sk"));
  const guests = await Promise.all(here.map((r) => ctx.loaders.guestsByReservation.load(r.id)));
  const rows: TaxReportRowView[] = here.map((reservation, i) => ({ reservation, ...taxOfStay(reservation, guests[i]!, rules, municipality, from, to) }));
  const total = rows.reduce((sum, r) => ({ cents: sum.cents + r.cents, taxed: sum.taxed + r.taxedPersonNights, exempt: sum.exempt + r.exemptPersonNights }), {
    cents: 0n,
    taxed: 0,
    exempt: 0,
  });
  const csv = [
    "reservation_id,check_in,check_out,taxed_person_nights,exempt_person_nights,amount_eur",
    ...rows.map((r) =>
      [r.reservation.id, isoDay(r.reservation.checkIn), isoDay(r.reservation.checkOut), r.taxedPersonNights, r.exemptPersonNights, formatAmount(r.cents)].join(
        ",",
      ),
    ),
    `total,,,${total.taxed},${total.exempt},${formatAmount(total.cents)}`,
    "",
  ].join("\n");
  return {
    municipality,
    month,
    taxedPersonNights: total.taxed,
    exemptPersonNights: total.exempt,
    amount: formatAmount(total.cents),
    rows,
    csv,
  };
}
