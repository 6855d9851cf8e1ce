// A cost allocated by consumption (issue 16): the period's consumption shares fed to the financial
// module's largest-remainder allocation give every unit its part, and the parts sum to the cost to
// the cent, each within one cent of its exact share.
import { Prisma } from "@ppt/db/client";
import { describe, expect, it } from "vitest";
import { allocate, parseAmount, sumCents } from "../financial/index.ts";
import { consumptionShares } from "./index.ts";

const periodOf = (consumptions: string[]) => ({
  units: consumptions.map((c, i) => ({
    periodId: "p",
    unitId: `u${i}`,
    consumption: new Prisma.Decimal(c),
    estimated: false,
    missing: c === "0",
  })),
});

/** "7.005" → 70050n: the consumption, exact. */
const tenThousandths = (decimal: string) => {
  const [whole, fraction = ""] = decimal.split(".");
  return BigInt(whole! + fraction.padEnd(4, "0"));
};

describe("the per-unit allocation of a cost by consumption", () => {
  it.each([
    ["1234.57", ["3.1", "0", "12.345", "7.005", "2.2"]],
    ["100.00", ["1", "1", "1"]],
    ["0.01", ["2.5", "2.5"]],
    ["98765.43", ["0.001", "999.999", "33.333", "33.333", "33.334", "17"]],
  ])("sums to the cost %s to the cent", (cost, consumptions) => {
    const total = parseAmount(cost);
    const shares = consumptionShares(periodOf(consumptions));
    const parts = allocate(total, shares);
    expect(parts.map((p) => p.unitId).sort()).toEqual(shares.map((s) => s.unitId).sort());
    expect(sumCents(parts.map((p) => p.amount))).toBe(total);
    // Each part is within one cent of its exact share (the meters' consumption × cost / total consumption).
    const weights = new Map(consumptions.map((c, i) => [`u${i}`, tenThousandths(c)]));
    const weightSum = sumCents(weights.values());
    for (const part of parts) {
      const exactTimesSum = total * weights.get(part.unitId)!;
      const diff = part.amount * weightSum - exactTimesSum;
      expect(diff < 0n ? -diff : diff).toBeLessThan(weightSum);
    }
  });

  it("gives a unit without consumption nothing", () => {
    const parts = allocate(parseAmount("50.00"), consumptionShares(periodOf(["0", "4"])));
    expect(parts.find((p) => p.unitId === "u0")!.amount).toBe(0n);
    expect(parts.find((p) => p.unitId === "u1")!.amount).toBe(5000n);
  });
});
