// Exact non-negative rationals over BigInt, for ownership shares and everything computed from
// them. Shares of one unit must add up to at most exactly 1 (1/3 + 1/3 + 1/3 is 1, never
// 1.0000001); vote weights are sums of shares with unrelated denominators (684/10000 + 1/3 + …)
// and majorities are fractions of them, so two-thirds is never 0.6666667 and no majority is ever
// decided by rounding. The decimal string is for display only.

export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

/** A fraction as the API shows it: exact digits (they may exceed a 32-bit Int) and a rounded decimal. */
export interface ExactFraction {
  numerator: string;
  denominator: string;
  decimal: string;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

export function ratio(n: bigint | number, d: bigint | number = 1n): Ratio {
  const num = BigInt(n);
  const den = BigInt(d);
  if (den <= 0n || num < 0n) throw new RangeError(`not a non-negative fraction: ${num}/${den}`);
  const divisor = gcd(num, den) || 1n;
  return { n: num / divisor, d: den / divisor };
}

export const ZERO = ratio(0n);
export const ONE = ratio(1n);

export function add(a: Ratio, b: Ratio): Ratio {
  return ratio(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sum(values: Iterable<Ratio>): Ratio {
  let total = ZERO;
  for (const value of values) total = add(total, value);
  return total;
}

/** a / b, or null when b is zero (a share of nothing is undefined, not zero). */
export function divide(a: Ratio, b: Ratio): Ratio | null {
  return b.n === 0n ? null : ratio(a.n * b.d, a.d * b.n);
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Rounded half up to `places` decimals, trailing zeros dropped ("2/3" → "0.666667", "3/1" → "3"). */
export function decimalOf(r: Ratio, places = 6): string {
  const scale = 10n ** BigInt(places);
  const scaled = (r.n * scale * 2n + r.d) / (2n * r.d);
  const whole = scaled / scale;
  const fraction = (scaled % scale).toString().padStart(places, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole.toString();
}

export function exactFraction(r: Ratio): ExactFraction {
  return { numerator: r.n.toString(), denominator: r.d.toString(), decimal: decimalOf(r) };
}

/** A share as the API takes it: integers with 0 < numerator <= denominator. */
export interface Share {
  numerator: number;
  denominator: number;
}

export function isShare(f: Share): boolean {
  return Number.isSafeInteger(f.numerator) && Number.isSafeInteger(f.denominator) && f.numerator > 0 && f.denominator > 0 && f.numerator <= f.denominator;
}

/** True when the shares add up to at most one whole. */
export function sumsToAtMostOne(shares: readonly Share[]): boolean {
  return compare(sum(shares.map((s) => ratio(s.numerator, s.denominator))), ONE) <= 0;
}

/** In lowest terms, for display (stored shares keep the denominator they were given). */
export function reducedShare(f: Share): Share {
  const r = ratio(f.numerator, f.denominator);
  return { numerator: Number(r.n), denominator: Number(r.d) };
}
