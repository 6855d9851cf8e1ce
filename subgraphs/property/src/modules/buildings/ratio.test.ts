// Exact share arithmetic: sums of shares compared with 1 without any rounding.
import { describe, expect, it } from "vitest";
import { isShare, ratio, reducedShare, sum, sumsToAtMostOne } from "./ratio.ts";

describe("fractions", () => {
  it("adds tenths and thirds to exactly one", () => {
    expect(
      sumsToAtMostOne([
        { numerator: 1, denominator: 10 },
        { numerator: 2, denominator: 10 },
        { numerator: 7, denominator: 10 },
      ]),
    ).toBe(true);
    expect(sum([1, 2, 3].map(() => ratio(1, 3)))).toEqual({ n: 1n, d: 1n });
  });

  it("notices an excess of one part in a trillion, with large coprime denominators", () => {
    const shares = [
      { numerator: 999_999, denominator: 1_000_000 },
      { numerator: 999_983, denominator: 999_983_000_000 },
      { numerator: 1, denominator: 1_000_000_000_000 },
    ];
    expect(sumsToAtMostOne(shares)).toBe(false);
    expect(sumsToAtMostOne(shares.slice(0, 2))).toBe(true);
  });

  it("accepts only shares in (0, 1]", () => {
    expect(isShare({ numerator: 1, denominator: 1 })).toBe(true);
    expect(isShare({ numerator: 0, denominator: 1 })).toBe(false);
    expect(isShare({ numerator: 3, denominator: 2 })).toBe(false);
    expect(isShare({ numerator: 1.5, denominator: 2 })).toBe(false);
    expect(reducedShare({ numerator: 6523, denominator: 100000 })).toEqual({ numerator: 6523, denominator: 100000 });
    expect(reducedShare({ numerator: 25, denominator: 100 })).toEqual({ numerator: 1, denominator: 4 });
  });
});
