// Display formatting (sk-SK). Decimal values arrive as strings and are formatted as strings:
// Intl.NumberFormat formats them exactly, with no float in between.

const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const dateTime = new Intl.DateTimeFormat("sk-SK", { dateStyle: "medium", timeStyle: "short" });

/** "68.40" → "68,4 m²". */
export function formatArea(sqm: string): string {
  if (!DECIMAL.test(sqm)) throw new RangeError(`Not a decimal area: ${sqm}`);
  return `${new Intl.NumberFormat("sk-SK", { maximumFractionDigits: 2 }).format(sqm as `${number}`)} m²`;
}

/** An exact share as it is written in the land register: "684/10000". */
export function formatFraction(fraction: { numerator: number; denominator: number }): string {
  return `${fraction.numerator}/${fraction.denominator}`;
}

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

export function fullName(person: { firstName: string; lastName: string } | null | undefined): string {
  return person ? `${person.firstName} ${person.lastName}` : "—";
}

export function formatAddress(building: { street: string | null; streetNumber?: string | null; city: string }): string {
  return `${[building.street, building.streetNumber].filter(Boolean).join(" ")}, ${building.city}`;
}

const percent = new Intl.NumberFormat("sk-SK", { style: "percent", maximumFractionDigits: 2 });

/** An exact fraction of votes as counted: "3" for whole votes, "2/5" for shares. */
export function formatExact(fraction: { numerator: string; denominator: string }): string {
  return fraction.denominator === "1" ? fraction.numerator : `${fraction.numerator}/${fraction.denominator}`;
}

/** A decimal string as a percentage, exactly ("0.666667" → "66,67 %"). */
export function formatPercent(decimal: string): string {
  if (!DECIMAL.test(decimal)) throw new RangeError(`Not a decimal: ${decimal}`);
  return percent.format(decimal as `${number}`);
}
