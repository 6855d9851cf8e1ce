import { expect, it } from "vitest";
import { changedByPercent, samePrice } from "./bulk-prices.ts";

it("changes a price by a percentage exactly, to the cent", () => {
  expect(changedByPercent("149000", 5)).toBe("156450");
  expect(changedByPercent("650.50", -2.5)).toBe("634.24");
  expect(changedByPercent("0.01", 50)).toBe("0.02");
  expect(changedByPercent("100", -150)).toBeNull();
});

it("compares amounts whatever their notation", () => {
  expect(samePrice("150000", "150000.00")).toBe(true);
  expect(samePrice("650.5", "650.50")).toBe(true);
  expect(samePrice("650.5", "650.05")).toBe(false);
});
