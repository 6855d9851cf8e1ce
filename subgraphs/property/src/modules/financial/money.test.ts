import { describe, expect, it } from "vitest";
import { divideRounded, formatAmount, formatAmountSk, formatDecimal, multiplyRatio, parseAmount, parseDecimal } from "./money.ts";

describe("money", () => {
  it("parses and formats decimal strings without floats", () => {
    expect(parseAmount("1000.00")).toBe(100000n);
    expect(parseAmount("0.1")).toBe(10n);
    expect(parseAmount("-12.05")).toBe(-1205n);
    expect(parseAmount("7")).toBe(700n);
    expect(formatAmount(100000n)).toBe("1000.00");
    expect(formatAmount(5n)).toBe("0.05");
    expect(formatAmount(-5n)).toBe("-0.05");
    expect(formatDecimal(12500n, 3)).toBe("12.500");
    expect(parseDecimal("12.5", 3)).toBe(12500n);
  });

  it("refuses garbage and extra decimals instead of rounding them away", () => {
    expect(() => parseAmount("1,000.00")).toThrow(/Not a decimal/);
    expect(() => parseAmount("1e3")).toThrow(/Not a decimal/);
    expect(() => parseAmount("0.005")).toThrow(/At most 2/);
    expect(() => parseAmount("")).toThrow();
  });

  it("formats Slovak amounts with grouping and a decimal comma", () => {
    expect(formatAmountSk(123456789n)).toBe("1\u00a0234\u00a0567,89\u00a0€");
    expect(formatAmountSk(-5000n)).toBe("-50,00\u00a0€");
  });

  it("rounds half-up away from zero and half-even to the even neighbour", () => {
    expect(divideRounded(5n, 2n, "HALF_UP")).toBe(3n);
    expect(divideRounded(-5n, 2n, "HALF_UP")).toBe(-3n);
    expect(divideRounded(5n, 2n, "HALF_EVEN")).toBe(2n);
    expect(divideRounded(7n, 2n, "HALF_EVEN")).toBe(4n);
    expect(divideRounded(-7n, 2n, "HALF_EVEN")).toBe(-4n);
    expect(divideRounded(26n, 10n, "HALF_EVEN")).toBe(3n);
    expect(divideRounded(24n, 10n, "HALF_UP")).toBe(2n);
    expect(divideRounded(29n, 10n, "DOWN")).toBe(2n);
    expect(divideRounded(5n, -2n, "HALF_UP")).toBe(-3n);
    // 10.05 € × 23 % = 2.3115 → 2.31
    expect(multiplyRatio(1005n, 2300n, 10000n, "HALF_UP")).toBe(231n);
    expect(() => divideRounded(1n, 0n, "HALF_UP")).toThrow(RangeError);
  });
});
