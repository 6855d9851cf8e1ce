// Display formatting of money and areas. Amounts arrive as Decimal strings and are handed to
// Intl.NumberFormat as strings (exact decimal formatting): a price is never turned into a float.
import type { TransactionType } from "./generated/graphql.ts";

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** Whether the Decimal string has a non-zero fraction ("650.50" yes, "149000.00" no). */
function hasFraction(decimal: string): boolean {
  return /\.\d*[1-9]/.test(decimal);
}

function asNumericString(decimal: string): `${number}` {
  if (!DECIMAL.test(decimal)) throw new RangeError(`Not a decimal amount: ${decimal}`);
  return decimal as `${number}`;
}

/** "149000" EUR → "149 000 €", "650.50" → "650,50 €" (sk-SK, with non-breaking spaces). */
export function formatMoney(amount: string, currency: string): string {
  const cents = hasFraction(amount) ? 2 : 0;
  return new Intl.NumberFormat("sk-SK", { style: "currency", currency, minimumFractionDigits: cents, maximumFractionDigits: 2 }).format(
    asNumericString(amount),
  );
}

/** A listing's price; rents are per month. */
export function formatPrice(price: { amount: string; currency: string }, transactionType: TransactionType, perMonth: string): string {
  return formatMoney(price.amount, price.currency) + (transactionType === "RENT" ? perMonth : "");
}

/** "68.40" → "68,4 m²". */
export function formatArea(sqm: string): string {
  return `${new Intl.NumberFormat("sk-SK", { maximumFractionDigits: 2 }).format(asNumericString(sqm))} m²`;
}

/**
 * A price typed by a person ("150 000", "650,50", "650.5") as a Decimal string for the API, or
 * null when it is not a plain non-negative amount with at most two decimals.
 */
export function parsePriceInput(text: string): string | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  return /^\d+(?:\.\d{1,2})?$/.test(compact) ? compact : null;
}

/** Compares two amounts from parsePriceInput exactly (as whole cents in BigInt, not floats). */
export function comparePrices(a: string, b: string): number {
  const cents = (value: string) => {
    const [whole = "0", fraction = ""] = value.split(".");
    return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0"));
  };
  const diff = cents(a) - cents(b);
  return diff === 0n ? 0 : diff > 0n ? 1 : -1;
}
