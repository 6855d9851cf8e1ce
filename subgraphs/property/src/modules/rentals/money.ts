// Prices exact to the cent: integers of cents in code, "240.50" strings at the edges, Decimal(15,2)
// in the database. Never a float. (The financial module has no public index to import from.)
import { AppError } from "@ppt/server-kit";

const AMOUNT = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

export function parseCents(value: string, field: string): number {
  const match = AMOUNT.exec(value.trim());
  if (!match) throw AppError.badInput("An amount ≥ 0 with at most 2 decimals", { field });
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
