// Display formatting of money, areas and dates in the reader's language. Amounts arrive as
// Decimal strings and are handed to Intl.NumberFormat as strings (exact decimal formatting): a
// price is never turned into a float.
import type { TransactionType } from "./generated/graphql.ts";
import { INTL_TAG, type Locale } from "@ppt/client-shared";

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** Whether the Decimal string has a non-zero fraction ("650.50" yes, "149000.00" no). */
function hasFraction(decimal: string): boolean {
  return /\.\d*[1-9]/.test(decimal);
}

function asNumericString(decimal: string): `${number}` {
  if (!DECIMAL.test(decimal)) throw new RangeError(`Not a decimal amount: ${decimal}`);
  return decimal as `${number}`;
}

/** "149000" EUR → "149 000 €", "650.50" → "650,50 €" (sk, with non-breaking spaces); "€149,000", "€650.50" (en). */
export function formatMoney(amount: string, currency: string, locale: Locale): string {
  const cents = hasFraction(amount) ? 2 : 0;
  return new Intl.NumberFormat(INTL_TAG[locale], { style: "currency", currency, minimumFractionDigits: cents, maximumFractionDigits: 2 }).format(
    asNumericString(amount),
  );
}

/** A listing's price; rents are per month. */
export function formatPrice(price: { amount: string; currency: string }, transactionType: TransactionType, perMonth: string, locale: Locale): string {
  return formatMoney(price.amount, price.currency, locale) + (transactionType === "RENT" ? perMonth : "");
}

/** "68.40" → "68,4 m²" (sk), "68.4 m²" (en). */
export function formatArea(sqm: string, locale: Locale): string {
  return `${new Intl.NumberFormat(INTL_TAG[locale], { maximumFractionDigits: 2 }).format(asNumericString(sqm))} m²`;
}

/** A Decimal string in hundredths ("68.4" → 6840n); at most two decimals count. */
function hundredths(decimal: string): bigint {
  const [whole = "0", fraction = ""] = asNumericString(decimal).replace("-", "").split(".");
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0").slice(0, 2));
}

/**
 * The price per m² as a Decimal string, exact in BigInt (never through a float), rounded half up:
 * to whole units from 100 a m² up (sale prices: "2178"), to cents below (rents: "9.50"). Null
 * without a positive area.
 */
export function pricePerSqm(amount: string, sqm: string): string | null {
  const area = hundredths(sqm);
  if (area <= 0n) return null;
  const cents = (hundredths(amount) * 100n * 2n + area) / (2n * area);
  if (cents >= 10_000n) return String((cents + 50n) / 100n);
  return `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
}

/** The formatters of one language, as the screens get them from useI18n(). */
export interface Formatter {
  money(amount: string, currency: string): string;
  price(price: { amount: string; currency: string }, transactionType: TransactionType, perMonth: string): string;
  area(sqm: string): string;
  date(iso: string): string;
  dateTime(iso: string): string;
}

export function formatterFor(locale: Locale): Formatter {
  const date = new Intl.DateTimeFormat(INTL_TAG[locale], { dateStyle: "medium" });
  const dateTime = new Intl.DateTimeFormat(INTL_TAG[locale], { dateStyle: "medium", timeStyle: "short" });
  return {
    money: (amount, currency) => formatMoney(amount, currency, locale),
    price: (price, transactionType, perMonth) => formatPrice(price, transactionType, perMonth, locale),
    area: (sqm) => formatArea(sqm, locale),
    date: (iso) => date.format(new Date(iso)),
    dateTime: (iso) => dateTime.format(new Date(iso)),
  };
}

/**
 * A price typed by a person ("150 000", "650,50", "650.5"; in English "150,000", "650.50") as a
 * Decimal string for the API, or null when it is not a plain non-negative amount with at most two
 * decimals. In Slovak the comma is the decimal mark; in English it groups thousands. The URL's
 * canonical form ("650.50") reads the same in both, so links work in either language.
 */
export function parsePriceInput(text: string, locale: Locale = "sk"): string | null {
  const spaced = text.replace(/[\s\u00a0\u202f]/g, "");
  const compact = locale === "en" ? spaced.replace(/,(?=\d{3}(?:\D|$))/g, "") : spaced.replace(",", ".");
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
