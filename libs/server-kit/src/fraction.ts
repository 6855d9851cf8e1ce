// Exact fractions (ownership shares, unit shares of common parts): BigInt arithmetic only, so
// 1/3 + 1/3 + 1/3 is exactly 1 and no float rounding ever lets a unit be owned 100.0000001 %.
export interface Fraction {
  numerator: number;
  denominator: number;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** A valid share: 0 < numerator <= denominator, integers. */
export function isShare(f: Fraction): boolean {
  return Number.isSafeInteger(f.numerator) && Number.isSafeInteger(f.denominator) && f.numerator > 0 && f.denominator > 0 && f.numerator <= f.denominator;
}

/** The exact sum as a reduced BigInt fraction. */
export function sumFractions(fractions: readonly Fraction[]): { numerator: bigint; denominator: bigint } {
  let numerator = 0n;
  let denominator = 1n;
  for (const f of fractions) {
    numerator = numerator * BigInt(f.denominator) + BigInt(f.numerator) * denominator;
    denominator *= BigInt(f.denominator);
    const divisor = gcd(numerator, denominator) || 1n;
    numerator /= divisor;
    denominator /= divisor;
  }
  return { numerator, denominator };
}

/** True when the fractions add up to at most 1. */
export function sumsToAtMostOne(fractions: readonly Fraction[]): boolean {
  const sum = sumFractions(fractions);
  return sum.numerator <= sum.denominator;
}

/** The fraction in lowest terms (for display; stored shares keep the denominator they were given). */
export function reduceFraction(f: Fraction): Fraction {
  const divisor = Number(gcd(BigInt(f.numerator), BigInt(f.denominator)) || 1n);
  return { numerator: f.numerator / divisor, denominator: f.denominator / divisor };
}
