// Money and calendar days in the reader's language. Amounts arrive as exact decimal strings and are
// formatted as strings (Intl.NumberFormat takes them without a float in between); a LocalDate is a
// day, not an instant, so it is formatted in UTC and never shifts by the reader's time zone.
import { INTL_TAG, type Locale } from "@ppt/client-shared";

const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const moneyFormats = new Map<string, Intl.NumberFormat>();
const dayFormats = new Map<Locale, Intl.DateTimeFormat>();

export interface MoneyValue {
  amount: string;
  currency: string;
}

/** "1234.50" EUR → "1 234,50 €" (sk), "€1,234.50" (en). */
export function formatMoney(locale: Locale, money: MoneyValue): string {
  if (!DECIMAL.test(money.amount)) throw new RangeError(`Not a decimal: ${money.amount}`);
  const key = `${locale}:${money.currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(INTL_TAG[locale], { style: "currency", currency: money.currency });
    moneyFormats.set(key, format);
  }
  return format.format(money.amount as `${number}`);
}

/** "2025-03-15" → "15. 3. 2025" (sk), "15 Mar 2025" (en). */
export function formatDay(locale: Locale, day: string): string {
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_TAG[locale], { dateStyle: "medium", timeZone: "UTC" });
    dayFormats.set(locale, format);
  }
  return format.format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}

/** Whether an exact amount is above zero (a debt), without a float. */
export function isPositive(amount: string): boolean {
  return DECIMAL.test(amount) && !amount.startsWith("-") && /[1-9]/.test(amount);
}

/** Today as a LocalDate in the reader's calendar. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

const decimalFormats = new Map<Locale, Intl.NumberFormat>();

/** An exact decimal (a meter value, a consumption) in the reader's language: "2.500" → "2,5" (sk). */
export function formatDecimal(locale: Locale, value: string): string {
  if (!DECIMAL.test(value)) return value;
  let format = decimalFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(INTL_TAG[locale], { maximumFractionDigits: 3 });
    decimalFormats.set(locale, format);
  }
  return format.format(value as `${number}`);
}
