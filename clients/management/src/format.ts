// Display formatting in the reader's language (Intl). Decimal values arrive as strings and are
// formatted as strings: Intl.NumberFormat formats them exactly, with no float in between.
import { INTL_TAG, type Locale } from "@ppt/client-shared";

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

function asDecimal(value: string): `${number}` {
  if (!DECIMAL.test(value)) throw new RangeError(`Not a decimal: ${value}`);
  return value as `${number}`;
}

/** The locale-dependent formatters, built once per language (Intl formatters are costly to create). */
export interface Formatter {
  /** "68.40" → "68,4 m²" (sk), "68.4 m²" (en). */
  area(sqm: string): string;
  dateTime(iso: string): string;
  /** A decimal string as a percentage, exactly ("0.666667" → "66,67 %" in sk, "66.67%" in en). */
  percent(decimal: string): string;
  number(value: number): string;
}

const formatters = new Map<Locale, Formatter>();

export function formatterFor(locale: Locale): Formatter {
  const known = formatters.get(locale);
  if (known) return known;
  const tag = INTL_TAG[locale];
  const area = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short" });
  const percent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 2 });
  const number = new Intl.NumberFormat(tag);
  const formatter: Formatter = {
    area: (sqm) => `${area.format(asDecimal(sqm))} m²`,
    dateTime: (iso) => dateTime.format(new Date(iso)),
    percent: (decimal) => percent.format(asDecimal(decimal)),
    number: (value) => number.format(value),
  };
  formatters.set(locale, formatter);
  return formatter;
}

/** An exact share as it is written in the land register: "684/10000". */
export function formatFraction(fraction: { numerator: number; denominator: number }): string {
  return `${fraction.numerator}/${fraction.denominator}`;
}

export function fullName(person: { firstName: string; lastName: string } | null | undefined): string {
  return person ? `${person.firstName} ${person.lastName}` : "—";
}

export function formatAddress(building: { street: string | null; streetNumber?: string | null; city: string }): string {
  return `${[building.street, building.streetNumber].filter(Boolean).join(" ")}, ${building.city}`;
}

/** An exact fraction of votes as counted: "3" for whole votes, "2/5" for shares. */
export function formatExact(fraction: { numerator: string; denominator: string }): string {
  return fraction.denominator === "1" ? fraction.numerator : `${fraction.numerator}/${fraction.denominator}`;
}
