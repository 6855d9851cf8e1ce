import { describe, expect, it } from "vitest";
import { invoiceTotals, vatOn, vatRateOn } from "./vat-rates.ts";

describe("Slovak VAT rates", () => {
  it("picks the rate valid on the date of supply, across the 2025 change", () => {
    expect(vatRateOn("STANDARD", "2024-12-31").basisPoints).toBe(2000);
    expect(vatRateOn("STANDARD", "2025-01-01").basisPoints).toBe(2300);
    expect(vatRateOn("REDUCED", "2024-06-30").basisPoints).toBe(1000);
    expect(vatRateOn("REDUCED", "2025-03-01").basisPoints).toBe(1900);
    expect(vatRateOn("SECOND_REDUCED", "2025-03-01").basisPoints).toBe(500);
    expect(vatRateOn("EXEMPT", "2025-03-01").basisPoints).toBe(0);
  });

  it("refuses a date no rate covers", () => {
    expect(() => vatRateOn("SECOND_REDUCED", "2024-12-31")).toThrow(/No SECOND_REDUCED VAT rate/);
  });

  it("rounds the tax half-up to the cent", () => {
    expect(vatOn(1005n, 2300)).toBe(231n); // 2.3115
    expect(vatOn(50n, 1000)).toBe(5n);
    expect(vatOn(5n, 1000)).toBe(1n); // 0.5 cent rounds up
    expect(vatOn(5n, 1000, "HALF_EVEN")).toBe(0n);
  });

  it("computes VAT once per rate on the sum of the lines", () => {
    // Per line: 3 × round(0.10 × 23 %) = 3 × 0.02 = 0.06; per rate: round(0.30 × 23 %) = 0.07.
    const totals = invoiceTotals(
      [
        { net: 10n, category: "STANDARD" },
        { net: 10n, category: "STANDARD" },
        { net: 10n, category: "STANDARD" },
        { net: 10000n, category: "EXEMPT" },
      ],
      "2025-02-01",
    );
    expect(totals.breakdown.find((b) => b.category === "STANDARD")).toEqual({ category: "STANDARD", basisPoints: 2300, taxable: 30n, vat: 7n });
    expect(totals).toMatchObject({ subtotal: 10030n, vatTotal: 7n, total: 10037n });
  });
});
