// Occupancy and income of a unit per month: nights let (stays not cancelled; imported blocks
// counted apart, their income is the platform's to report), the occupancy rate over the month's
// days, and income by source — each stay's price spread evenly over its nights, in cents, the
// remainder cents going to its first nights so the parts always add up to the price.
import type { Reservation, ReservationSource } from "@ppt/db/client";
import { AppError } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { requireUnit } from "./access.ts";
import { addDays, dayOf, nightsBetween } from "./dates.ts";
import { formatCents } from "./money.ts";

const priceCents = (r: Reservation) => (r.totalPrice === null ? 0 : Math.round(Number(r.totalPrice.times(100).toFixed(0))));

/** The stay's income of the nights within [from, to). */
export function incomeWithin(r: Reservation, from: Date, to: Date): number {
  const nights = nightsBetween(r.checkIn, r.checkOut);
  const total = priceCents(r);
  const base = Math.floor(total / nights);
  const remainder = total - base * nights;
  let cents = 0;
  for (let i = 0, night = r.checkIn; i < nights; i++, night = addDays(night, 1)) {
    if (night >= from && night < to) cents += base + (i < remainder ? 1 : 0);
  }
  return cents;
}

export async function rentalOccupancy(ctx: PropertyContext, unitId: string, month: string) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw AppError.badInput("Month as YYYY-MM", { field: "month" });
  await requireUnit(ctx, unitId);
  const from = dayOf(`${month}-01`);
  const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  const stays = await ctx.db.read((tx) =>
    tx.reservation.findMany({
      where: { unitId, status: { not: "CANCELLED" }, checkIn: { lt: to }, checkOut: { gt: from } },
      orderBy: [{ checkIn: "asc" }, { id: "asc" }],
    }),
  );
  const within = (r: Reservation) => nightsBetween(r.checkIn > from ? r.checkIn : from, r.checkOut < to ? r.checkOut : to);
  const days = nightsBetween(from, to);
  const bySource = new Map<ReservationSource, { nights: number; cents: number }>();
  let nights = 0;
  let blockedNights = 0;
  for (const stay of stays) {
    if (stay.status === "BLOCKED") {
      blockedNights += within(stay);
      continue;
    }
    const part = bySource.get(stay.source) ?? { nights: 0, cents: 0 };
    part.nights += within(stay);
    part.cents += incomeWithin(stay, from, to);
    bySource.set(stay.source, part);
    nights += within(stay);
  }
  const incomeBySource = [...bySource].map(([source, p]) => ({ source, nights: p.nights, amount: formatCents(p.cents) }));
  const totalCents = [...bySource.values()].reduce((sum, p) => sum + p.cents, 0);
  const csv = [
    "month,source,nights,income_eur",
    ...incomeBySource.map((s) => `${month},${s.source},${s.nights},${s.amount}`),
    `${month},BLOCKED,${blockedNights},`,
    `${month},TOTAL,${nights},${formatCents(totalCents)}`,
    "",
  ].join("\n");
  return {
    month,
    days,
    nights,
    blockedNights,
    occupancyRate: Math.round(((nights + blockedNights) / days) * 10_000) / 10_000,
    income: formatCents(totalCents),
    incomeBySource,
    csv,
  };
}
