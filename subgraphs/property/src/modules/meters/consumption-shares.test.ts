// The consumption the settlement allocates by: each unit's period consumption as an exact
// 3-place decimal weight (the financial module's CONSUMPTION allocation key), summing to the
// building's total without rounding.
import { Prisma } from "@ppt/db/client";
import { describe, expect, it } from "vitest";
import { consumptionShares } from "./index.ts";

describe("consumption shares for the settlement", () => {
  it("gives every unit its consumption as an exact decimal weight that sums to the total", () => {
    const units = ["3.1", "0", "12.345", "7.0005", "2.2"].map((c, i) => ({
      periodId: "p",
      unitId: `u${i}`,
      consumption: new Prisma.Decimal(c),
      estimated: false,
      missing: c === "0",
    }));
    const shares = consumptionShares({ units });
    expect(shares.map((s) => s.key.consumption)).toEqual(["3.100", "0.000", "12.345", "7.001", "2.200"]);
    expect(shares.every((s) => s.key.kind === "CONSUMPTION")).toBe(true);
    const sum = shares.reduce((total, s) => total + BigInt(s.key.consumption.replace(".", "")), 0n);
    expect(sum).toBe(24_646n);
  });
});
