import { describe, expect, it } from "vitest";
import { comparePrices, formatArea, formatMoney, formatPrice, parsePriceInput, pricePerSqm } from "./format.ts";

const NBSP = "\u00a0";

describe("money and area formatting (sk-SK)", () => {
  it("formats Decimal strings as Slovak euros, with cents only when there are any", () => {
    expect(formatMoney("149000", "EUR", "sk")).toBe(`149${NBSP}000${NBSP}€`);
    expect(formatMoney("149000.00", "EUR", "sk")).toBe(`149${NBSP}000${NBSP}€`);
    expect(formatMoney("650.5", "EUR", "sk")).toBe(`650,50${NBSP}€`);
    expect(formatPrice({ amount: "650.50", currency: "EUR" }, "RENT", " / mesiac", "sk")).toBe(`650,50${NBSP}€ / mesiac`);
  });

  it("keeps every digit of amounts beyond float precision", () => {
    expect(formatMoney("12345678901234567.89", "EUR", "sk")).toBe(`12${NBSP}345${NBSP}678${NBSP}901${NBSP}234${NBSP}567,89${NBSP}€`);
  });

  it("refuses what is not a decimal amount", () => {
    expect(() => formatMoney("1e5", "EUR", "sk")).toThrow(RangeError);
  });

  it("formats areas with a decimal comma", () => {
    expect(formatArea("68.40", "sk")).toBe("68,4 m²");
  });

  it("computes the price per m² exactly: whole euros for sale prices, cents for rents, none without an area", () => {
    expect(pricePerSqm("149000", "68.40")).toBe("2178"); // 2 178.36…
    expect(pricePerSqm("149000", "68.41")).toBe("2178"); // 2 178.04…
    expect(pricePerSqm("100050", "100")).toBe("1001"); // 1 000.50 rounds up
    expect(pricePerSqm("650", "68.4")).toBe("9.50"); // 9.5029…
    expect(pricePerSqm("650", "0")).toBeNull();
  });

  it("formats in English with the English marks (en-GB)", () => {
    expect(formatMoney("149000", "EUR", "en")).toBe("€149,000");
    expect(formatPrice({ amount: "650.5", currency: "EUR" }, "RENT", " / month", "en")).toBe("€650.50 / month");
    expect(formatArea("68.40", "en")).toBe("68.4 m²");
  });

  it("reads prices as people type them in either language", () => {
    expect(parsePriceInput("150,000", "en")).toBe("150000");
    expect(parsePriceInput("650.50", "en")).toBe("650.50");
    expect(parsePriceInput("650,5", "en")).toBeNull();
    expect(parsePriceInput("650.50", "sk")).toBe("650.50");
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
