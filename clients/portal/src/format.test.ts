import { describe, expect, it } from "vitest";
import { comparePrices, formatArea, formatMoney, formatPrice, parsePriceInput } from "./format.ts";

const NBSP = "\u00a0";

describe("money and area formatting (sk-SK)", () => {
  it("formats Decimal strings as Slovak euros, with cents only when there are any", () => {
    expect(formatMoney("149000", "EUR")).toBe(`149${NBSP}000${NBSP}€`);
    expect(formatMoney("149000.00", "EUR")).toBe(`149${NBSP}000${NBSP}€`);
    expect(formatMoney("650.5", "EUR")).toBe(`650,50${NBSP}€`);
    expect(formatPrice({ amount: "650.50", currency: "EUR" }, "RENT", " / mesiac")).toBe(`650,50${NBSP}€ / mesiac`);
  });

  it("keeps every digit of amounts beyond float precision", () => {
    expect(formatMoney("12345678901234567.89", "EUR")).toBe(`12${NBSP}345${NBSP}678${NBSP}901${NBSP}234${NBSP}567,89${NBSP}€`);
  });

  it("refuses what is not a decimal amount", () => {
    expect(() => formatMoney("1e5", "EUR")).toThrow(RangeError);
  });

  it("formats areas with a decimal comma", () => {
    expect(formatArea("68.40")).toBe("68,4 m²");
  });

  it("reads prices as people type them and compares them exactly", () => {
    expect(parsePriceInput("150 000")).toBe("150000");
    expect(parsePriceInput("650,50")).toBe("650.50");
    expect(parsePriceInput("-5")).toBeNull();
    expect(parsePriceInput("1.234")).toBeNull();
    expect(comparePrices("9007199254740993.01", "9007199254740993.00")).toBe(1);
    expect(comparePrices("100.5", "100.50")).toBe(0);
  });
});
