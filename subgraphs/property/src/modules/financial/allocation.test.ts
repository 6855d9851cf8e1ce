import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate, type AllocationShare } from "./allocation.ts";
import { parseAmount } from "./money.ts";

const sum = (parts: { amount: bigint }[]) => parts.reduce((s, p) => s + p.amount, 0n);

describe("allocate (largest remainder)", () => {
  it("splits 1,000.00 € over three 1/3 shares to the cent, the odd cent by a fixed rule", () => {
    const shares: AllocationShare[] = ["c", "a", "b"].map((unitId) => ({ unitId, key: { kind: "OWNERSHIP_SHARE", share: { numerator: 1, denominator: 3 } } }));
    const parts = allocate(parseAmount("1000.00"), shares);
    expect(sum(parts)).toBe(100000n);
    // Equal remainders and weights: the smallest unitId gets the extra cent, whatever the input order.
    expect(parts).toEqual([
      { unitId: "c", amount: 33333n },
      { unitId: "a", amount: 33334n },
      { unitId: "b", amount: 33333n },
    ]);
  });

  it("splits over 72 units with uneven shares and sums exactly", () => {
    const shares: AllocationShare[] = Array.from({ length: 72 }, (_, i) => ({
      unitId: `u${String(i).padStart(2, "0")}`,
      key: { kind: "OWNERSHIP_SHARE", share: { numerator: 37 + ((i * 17) % 53), denominator: 5000 + i } },
    }));
    for (const total of ["1000.00", "0.71", "123456.79", "-250.03"]) {
      const parts = allocate(parseAmount(total), shares);
      expect(parts).toHaveLength(72);
      expect(sum(parts)).toBe(parseAmount(total));
    }
  });

  it("splits by floor area, person-months and consumption", () => {
    expect(
      allocate(1000n, [
        { unitId: "a", key: { kind: "FLOOR_AREA", area: "75.50" } },
        { unitId: "b", key: { kind: "FLOOR_AREA", area: "24.5" } },
      ]),
    ).toEqual([
      { unitId: "a", amount: 755n },
      { unitId: "b", amount: 245n },
    ]);
    expect(
      allocate(1200n, [
        { unitId: "a", key: { kind: "PERSON_MONTHS", personMonths: 24 } },
        { unitId: "b", key: { kind: "PERSON_MONTHS", personMonths: 12 } },
        { unitId: "c", key: { kind: "PERSON_MONTHS", personMonths: 0 } },
      ]),
    ).toEqual([
      { unitId: "a", amount: 800n },
      { unitId: "b", amount: 400n },
      { unitId: "c", amount: 0n },
    ]);
    expect(
      sum(
        allocate(10000n, [
          { unitId: "a", key: { kind: "CONSUMPTION", consumption: "12.345" } },
          { unitId: "b", key: { kind: "CONSUMPTION", consumption: "0.001" } },
          { unitId: "c", key: { kind: "CONSUMPTION", consumption: "7" } },
        ]),
      ),
    ).toBe(10000n);
  });

  it("refuses zero, negative, mixed or duplicate weights", () => {
    expect(() => allocate(100n, [{ unitId: "a", key: { kind: "PERSON_MONTHS", personMonths: 0 } }])).toThrow(/add up to zero/);
    expect(() => allocate(100n, [{ unitId: "a", key: { kind: "PERSON_MONTHS", personMonths: -1 } }])).toThrow(/negative/);
    expect(() =>
      allocate(100n, [
        { unitId: "a", key: { kind: "PERSON_MONTHS", personMonths: 1 } },
        { unitId: "b", key: { kind: "FLOOR_AREA", area: "1" } },
      ]),
    ).toThrow(/one allocation key/);
    expect(() =>
      allocate(100n, [
        { unitId: "a", key: { kind: "PERSON_MONTHS", personMonths: 1 } },
        { unitId: "a", key: { kind: "PERSON_MONTHS", personMonths: 1 } },
      ]),
    ).toThrow(/twice/);
    expect(() => allocate(100n, [])).toThrow(/Nothing/);
  });

  it("property: parts sum to the total and each is within one cent of its exact share", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -10_000_000_000n, max: 10_000_000_000n }),
        fc.array(fc.record({ numerator: fc.integer({ min: 0, max: 100_000 }), denominator: fc.integer({ min: 1, max: 10_000 }) }), {
          minLength: 1,
          maxLength: 80,
        }),
        (total, fractions) => {
          fc.pre(fractions.some((f) => f.numerator > 0));
          const shares: AllocationShare[] = fractions.map((share, i) => ({ unitId: `u${i}`, key: { kind: "OWNERSHIP_SHARE", share } }));
          const parts = allocate(total, shares);
          expect(sum(parts)).toBe(total);
          // Exact share as a rational: total × w_i / Σw, compared without division.
          const lcm = fractions.reduce((l, f) => l * BigInt(f.denominator), 1n);
          const weights = fractions.map((f) => BigInt(f.numerator) * (lcm / BigInt(f.denominator)));
          const weightSum = weights.reduce((s, w) => s + w, 0n);
          parts.forEach((part, i) => {
            const difference = part.amount * weightSum - total * weights[i]!;
            expect(difference < 0n ? -difference : difference).toBeLessThan(weightSum);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
