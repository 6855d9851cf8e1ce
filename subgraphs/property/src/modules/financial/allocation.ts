// Splitting a cost over units. Every key is turned into exact rational weights (no floats), each
// unit gets the floor of its exact share, and the cents left over go one each to the largest
// remainders (Hamilton's method), so the parts always add up to the whole to the cent.
import { AppError } from "@ppt/server-kit";
import type { Share } from "../buildings/index.ts";
import { parseDecimal, type Cents } from "./money.ts";

/** The keys a cooperative splits costs by (zákon 182/1993 and the house rules). */
export type AllocationKey =
  | { kind: "OWNERSHIP_SHARE"; share: Share }
  /** m², decimal string with up to 2 places. */
  | { kind: "FLOOR_AREA"; area: string }
  | { kind: "PERSON_MONTHS"; personMonths: number }
  /** Meter units (m³, kWh, allocator units), decimal string with up to 3 places. */
  | { kind: "CONSUMPTION"; consumption: string };

export interface AllocationShare {
  unitId: string;
  key: AllocationKey;
}

export interface AllocatedPart {
  unitId: string;
  amount: Cents;
}

interface Weight {
  unitId: string;
  numerator: bigint;
  denominator: bigint;
}

function weightOf(share: AllocationShare): Weight {
  const { key, unitId } = share;
  switch (key.kind) {
    case "OWNERSHIP_SHARE":
      if (!Number.isSafeInteger(key.share.numerator) || !Number.isSafeInteger(key.share.denominator) || key.share.denominator <= 0) {
        throw AppError.badInput(`Invalid share of unit ${unitId}`, { reason: "INVALID_WEIGHT" });
      }
      return { unitId, numerator: BigInt(key.share.numerator), denominator: BigInt(key.share.denominator) };
    case "FLOOR_AREA":
      return { unitId, numerator: parseDecimal(key.area, 2), denominator: 100n };
    case "PERSON_MONTHS":
      if (!Number.isSafeInteger(key.personMonths)) throw AppError.badInput(`Invalid person-months of unit ${unitId}`, { reason: "INVALID_WEIGHT" });
      return { unitId, numerator: BigInt(key.personMonths), denominator: 1n };
    case "CONSUMPTION":
      return { unitId, numerator: parseDecimal(key.consumption, 3), denominator: 1000n };
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/**
 * Allocates `total` cents over the shares in proportion to their weights.
 * All shares must use the same key kind (mixing m² with persons has no meaning).
 * Ties between equal remainders go to the larger weight, then to the smaller unitId, so the
 * same input always gives the same split whatever order the units come in.
 */
export function allocate(total: Cents, shares: readonly AllocationShare[]): AllocatedPart[] {
  if (shares.length === 0) throw AppError.badInput("Nothing to allocate over", { reason: "NO_SHARES" });
  const kinds = new Set(shares.map((s) => s.key.kind));
  if (kinds.size > 1) throw AppError.badInput("All shares must use one allocation key", { reason: "MIXED_KEYS" });
  if (new Set(shares.map((s) => s.unitId)).size !== shares.length) {
    throw AppError.badInput("A unit appears twice in the allocation", { reason: "DUPLICATE_UNIT" });
  }
  const weights = shares.map(weightOf);
  if (weights.some((w) => w.numerator < 0n)) throw AppError.badInput("Weights cannot be negative", { reason: "INVALID_WEIGHT" });

  // Bring every weight to one common denominator so they become plain integers.
  const common = weights.reduce((lcm, w) => (lcm / gcd(lcm, w.denominator)) * w.denominator, 1n);
  const integral = weights.map((w) => ({ unitId: w.unitId, weight: w.numerator * (common / w.denominator) }));
  const weightSum = integral.reduce((sum, w) => sum + w.weight, 0n);
  if (weightSum === 0n) throw AppError.badInput("The weights add up to zero", { reason: "ZERO_WEIGHTS" });

  // A negative total (a refund) is split as its magnitude, then negated, so rounding stays symmetric.
  const negative = total < 0n;
  const magnitude = negative ? -total : total;
  const parts = integral.map((w) => {
    const exact = magnitude * w.weight;
    return { unitId: w.unitId, weight: w.weight, amount: exact / weightSum, remainder: exact % weightSum };
  });
  let leftover = magnitude - parts.reduce((sum, p) => sum + p.amount, 0n);
  const byRemainder = [...parts].sort(
    (a, b) =>
      (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1) ||
      (a.weight === b.weight ? 0 : a.weight > b.weight ? -1 : 1) ||
      (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0),
  );
  for (const part of byRemainder) {
    if (leftover === 0n) break;
    part.amount += 1n;
    leftover -= 1n;
  }
  return parts.map((p) => ({ unitId: p.unitId, amount: negative ? -p.amount : p.amount }));
}
