// Occupancy and income of a unit per month: nights let (stays not cancelled; imported blocks
// counted apart, their income is the platform's to report), the occupancy rate over the month's
// days, and income by source — each stay's price spread evenly over its nights, in cents, the
// remainder cents going to its first nights so the parts always add up to the price.
import type { Reservation, ReservationSource } from "@ppt/db/client";
import { AppError } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { formatAmount, parseAmount, sumCents, type Cents } from "../financial/index.ts";
import { requireUnit } from "./access.ts";
import { addDays, dayOf, nightsBetween } from "./dates.ts";

const priceCents = (r: Reservation): Cents => (r.totalPrice === null ? 0n : parseAmount(r.totalPrice.toFixed(2)));

/** The stay's income of the nights within [from, to). */
export function incomeWithin(r: Reservation, from: Date, to: Date): Cents {
  const nights = nightsBetween(r.checkIn, r.checkOut);
  const total = priceCents(r);
  const base = total / BigInt(nights);
  const remainder = total - base * BigInt(nights);
  let cents = 0n;
  for (let i = 0, night = r.checkIn; i < nights; i++, night = addDays(night, 1)) {
    if (night >= from && night < to) cents += base + (BigInt(i) < remainder ? 1n : 0n);
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
  const bySource = new Map<ReservationSource, { nights: number; cents: Cents }>();
  let nights = 0;
  let blockedNights = 0;
  for (const stay of stays) {
    if (stay.status === "BLOCKED") {
      blockedNights += within(stay);
      continue;
    }
    const part = bySource.get(stay.source) ?? { nights: 0, cents: 0n };
    part.nights += within(stay);
    part.cents += incomeWithin(stay, from, to);
    bySource.set(stay.source, part);
    nights += within(stay);
  }
  const incomeBySource = [...bySource].map(([source, p]) => ({ source, nights: p.nights, amount: formatAmount(p.cents) }));
  const totalCents = sumCents([...bySource.values()].map((p) => p.cents));
  const csv = [
    "month,source,nights,income_eur",
    ...incomeBySource.map((s) => `${month},${s.source},${s.nights},${s.amount}`),
    `${month},BLOCKED,${blockedNights},`,
    `${month},TOTAL,${nights},${formatAmount(totalCents)}`,
    "",
  ].join("\n");
  return {
    month,
    days,
    nights,
    blockedNights,
    occupancyRate: Math.round(((nights + blockedNights) / days) * 10_000) / 10_000,
    income: formatAmount(totalCents),
    incomeBySource,
    csv,
  };
}
