// Who owes what and for how long. Payments settle the oldest due prescription first (FIFO), the
// rule Slovak cooperatives apply unless the payer names the debt; a credit note settles exactly
// the prescription it cancels.
import { AppError } from "@ppt/server-kit";
import type { Cents } from "./money.ts";

export interface DuePrescription {
  id: string;
  /** Date the prescription (predpis) was issued, ISO. */
  issuedOn: string;
  dueOn: string;
  amount: Cents;
}

export interface Settlement {
  on: string;
  amount: Cents;
  /** A credit note: settles only this prescription. Absent for a payment. */
  cancels?: string;
}

export interface OpenItem {
  prescriptionId: string;
  dueOn: string;
  open: Cents;
}

export interface ArrearsAging {
  notYetDue: Cents;
  /** 0–30 days past due (due today counts as 0 days, and is not yet in arrears). */
  days0to30: Cents;
  days31to60: Cents;
  days61to90: Cents;
  over90: Cents;
  /** Overpayment carried as credit for the next prescriptions. */
  credit: Cents;
}

const dayMs = 86_400_000;
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

/** Open amounts per prescription as of a date, oldest due first, plus any unapplied credit. */
export function settleFifo(prescriptions: readonly DuePrescription[], settlements: readonly Settlement[], asOf: string): { open: OpenItem[]; credit: Cents } {
  const open = prescriptions
    .filter((p) => p.issuedOn <= asOf)
    .map((p) => ({ prescriptionId: p.id, dueOn: p.dueOn, open: p.amount }))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.prescriptionId.localeCompare(b.prescriptionId));
  const applicable = settlements.filter((s) => s.on <= asOf);
  for (const note of applicable.filter((s) => s.cancels !== undefined)) {
    const item = open.find((o) => o.prescriptionId === note.cancels);
    if (!item) throw AppError.badInput(`Credit note for unknown prescription ${note.cancels}`, { reason: "UNKNOWN_PRESCRIPTION" });
    item.open -= note.amount;
  }
  let credit = 0n;
  const payments = applicable.filter((s) => s.cancels === undefined).sort((a, b) => a.on.localeCompare(b.on));
  for (const payment of payments) {
    let left = payment.amount;
    for (const item of open) {
      if (left === 0n) break;
      if (item.open <= 0n) continue;
      const applied = item.open < left ? item.open : left;
      item.open -= applied;
      left -= applied;
    }
    credit += left;
  }
  return { open: open.filter((o) => o.open !== 0n), credit };
}

/** Arrears aging buckets (0–30, 31–60, 61–90, 90+ days past due) as of a date. */
export function arrearsAging(prescriptions: readonly DuePrescription[], settlements: readonly Settlement[], asOf: string): ArrearsAging {
  const { open, credit } = settleFifo(prescriptions, settlements, asOf);
  const aging: ArrearsAging = { notYetDue: 0n, days0to30: 0n, days31to60: 0n, days61to90: 0n, over90: 0n, credit };
  for (const item of open) {
    const days = daysBetween(item.dueOn, asOf);
    if (days <= 0) aging.notYetDue += item.open;
    else if (days <= 30) aging.days0to30 += item.open;
    else if (days <= 60) aging.days31to60 += item.open;
    else if (days <= 90) aging.days61to90 += item.open;
    else aging.over90 += item.open;
  }
  return aging;
}
