// Slovak VAT rates as data with their validity, so an invoice is taxed at the rate of its date of
// supply and a future change is one more row. Act 222/2004 as amended by Act 278/2024 (from 2025).
import { AppError } from "@ppt/server-kit";
import { divideRounded, sumCents, type Cents, type RoundingMode } from "./money.ts";

export type VatCategory = "STANDARD" | "REDUCED" | "SECOND_REDUCED" | "EXEMPT";

export interface VatRate {
  country: "SK";
  category: VatCategory;
  /** Hundredths of a percent: 2300 = 23.00 % (the schema's Decimal(5,2) percent × 100). */
  basisPoints: number;
  /** First day the rate applies (ISO date, inclusive). */
  validFrom: string;
  /** Last day the rate applies (ISO date, inclusive); open when absent. */
  validTo?: string;
}

export const slovakVatRates: readonly VatRate[] = [
  { country: "SK", category: "STANDARD", basisPoints: 2000, validFrom: "2011-01-01", validTo: "2024-12-31" },
  { country: "SK", category: "REDUCED", basisPoints: 1000, validFrom: "2007-01-01", validTo: "2024-12-31" },
  { country: "SK", category: "STANDARD", basisPoints: 2300, validFrom: "2025-01-01" },
  { country: "SK", category: "REDUCED", basisPoints: 1900, validFrom: "2025-01-01" },
  { country: "SK", category: "SECOND_REDUCED", basisPoints: 500, validFrom: "2025-01-01" },
  // Exempt supplies (e.g. renting flats, §38) carry no tax at any date.
  { country: "SK", category: "EXEMPT", basisPoints: 0, validFrom: "1993-01-01" },
];

/** The rate of a category on a date (ISO "YYYY-MM-DD"); refuses a date no rate covers. */
export function vatRateOn(category: VatCategory, date: string, rates: readonly VatRate[] = slovakVatRates): VatRate {
  const rate = rates.find((r) => r.category === category && r.validFrom <= date && (r.validTo === undefined || date <= r.validTo));
  if (!rate) throw AppError.badInput(`No ${category} VAT rate on ${date}`, { reason: "NO_VAT_RATE" });
  return rate;
}

/** VAT on a net amount at a rate, half-up to the cent (the Slovak rule for the tax per rate). */
export function vatOn(net: Cents, basisPoints: number, mode: RoundingMode = "HALF_UP"): Cents {
  return divideRounded(net * BigInt(basisPoints), 10_000n, mode);
}

export interface TaxableLine {
  /** Net amount of the line in cents (quantity × unit price already rounded). */
  net: Cents;
  category: VatCategory;
}

export interface VatBreakdown {
  category: VatCategory;
  basisPoints: number;
  taxable: Cents;
  vat: Cents;
}

export interface InvoiceTotals {
  subtotal: Cents;
  vatTotal: Cents;
  total: Cents;
  breakdown: VatBreakdown[];
}

/**
 * Totals of an invoice: VAT is computed once per rate on the sum of its lines (EN 16931 BR-CO-17),
 * not per line, so the tax shown equals the tax declared.
 */
export function invoiceTotals(lines: readonly TaxableLine[], supplyDate: string, rates: readonly VatRate[] = slovakVatRates): InvoiceTotals {
  const byCategory = new Map<VatCategory, Cents>();
  for (const line of lines) byCategory.set(line.category, (byCategory.get(line.category) ?? 0n) + line.net);
  const breakdown = [...byCategory].map(([category, taxable]) => {
    const rate = vatRateOn(category, supplyDate, rates);
    return { category, basisPoints: rate.basisPoints, taxable, vat: vatOn(taxable, rate.basisPoints) };
  });
  const subtotal = sumCents(breakdown.map((b) => b.taxable));
  const vatTotal = sumCents(breakdown.map((b) => b.vat));
  return { subtotal, vatTotal, total: subtotal + vatTotal, breakdown };
}
