// Money is an integer count of cents (bigint): floats cannot hold 0.10 exactly, and a cooperative's
// ledger must add up to the cent after thousands of postings. Amounts cross the API as decimal
// strings ("1000.00", as the schema's Decimal(15,2) columns print them) and are parsed here once.
import { AppError } from "@ppt/server-kit";

/** An amount in cents of its currency (EUR for everything this module handles). */
export type Cents = bigint;

/**
 * How a division that does not come out even is rounded, named so no caller relies on a default:
 * - HALF_UP: ties go away from zero (0.005 → 0.01, −0.005 → −0.01); Slovak "matematické zaokrúhľovanie",
 *   used for VAT per rate and for line totals.
 * - HALF_EVEN: ties go to the even neighbour (banker's rounding), unbiased over many roundings.
 * - DOWN: truncate toward zero.
 */
export type RoundingMode = "HALF_UP" | "HALF_EVEN" | "DOWN";

const decimalPattern = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal string into an integer scaled by 10^scale ("12.5" at scale 3 → 12500n).
 * More fraction digits than `scale` are refused, never silently rounded: they mean the input is wrong.
 */
export function parseDecimal(text: string, scale: number): bigint {
  const match = decimalPattern.exec(text.trim());
  if (!match) throw AppError.badInput(`Not a decimal number: "${text}"`, { reason: "INVALID_DECIMAL" });
  const [, sign, whole, fraction = ""] = match;
  if (fraction.length > scale) {
    throw AppError.badInput(`At most ${scale} decimal places allowed: "${text}"`, { reason: "TOO_MANY_DECIMALS" });
  }
  const value = BigInt(whole! + fraction.padEnd(scale, "0"));
  return sign === "-" ? -value : value;
}

/** Formats an integer scaled by 10^scale as a plain decimal string ("100000" at scale 2 → "1000.00"). */
export function formatDecimal(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? "-" : ""}${whole}${scale > 0 ? `.${fraction}` : ""}`;
}

/** "1000.00" → 100000n. */
export function parseAmount(text: string): Cents {
  return parseDecimal(text, 2);
}

/** 100000n → "1000.00" (the API's and the database's form). */
export function formatAmount(cents: Cents): string {
  return formatDecimal(cents, 2);
}

/** 123456n → "1 234,56 €" for Slovak documents (thin grouping with a no-break space). */
export function formatAmountSk(cents: Cents, currency = "EUR"): string {
  const [whole, fraction] = formatAmount(cents).split(".") as [string, string];
  const sign = whole.startsWith("-") ? "-" : "";
  const grouped = whole.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
  const symbol = currency === "EUR" ? "€" : currency;
  return `${sign}${grouped},${fraction}\u00a0${symbol}`;
}

/** numerator / denominator rounded to an integer by the named rule. */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator === 0n) throw new RangeError("Division by zero");
  if (denominator < 0n) return divideRounded(-numerator, -denominator, mode);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  const twiceRemainder = (magnitude % denominator) * 2n;
  if (mode === "HALF_UP" && twiceRemainder >= denominator) quotient += 1n;
  if (mode === "HALF_EVEN" && (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n))) {
    quotient += 1n;
  }
  return negative ? -quotient : quotient;
}

/** cents × numerator / denominator, rounded by the named rule (a share, a rate, a quantity). */
export function multiplyRatio(cents: Cents, numerator: bigint, denominator: bigint, mode: RoundingMode): Cents {
  return divideRounded(cents * numerator, denominator, mode);
}

export function sumCents(amounts: Iterable<Cents>): Cents {
  let total = 0n;
  for (const amount of amounts) total += amount;
  return total;
}
