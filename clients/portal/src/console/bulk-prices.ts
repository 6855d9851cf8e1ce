// Price arithmetic of the bulk edit, exact in whole cents (BigInt): a price never passes through a float.

function cents(decimal: string): bigint {
  const [whole = "0", fraction = ""] = decimal.split(".");
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0").slice(0, 2));
}

function decimalOf(value: bigint): string {
  const whole = value / 100n;
  const rest = value % 100n;
  return rest === 0n ? String(whole) : `${whole}.${String(rest).padStart(2, "0")}`;
}

/** `price` changed by `percent` (e.g. 5 or -2.5), rounded half up to the cent; null when the result would be negative. */
export function changedByPercent(price: string, percent: number): string | null {
  const basisPoints = BigInt(Math.round(percent * 100));
  const changed = (cents(price) * (10_000n + basisPoints) + 5_000n) / 10_000n;
  return changed < 0n ? null : decimalOf(changed);
}

/** Whether two Decimal strings are the same amount ("150000" and "150000.00"). */
export function samePrice(a: string, b: string): boolean {
  return cents(a) === cents(b);
}
