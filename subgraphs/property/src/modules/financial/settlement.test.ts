import { describe, expect, it } from "vitest";
import type { AllocationShare } from "./allocation.ts";
import { settleBuilding, type BuildingSettlementInput } from "./settlement.ts";
import { settlementPdf } from "./settlement-pdf.ts";
import { extractText } from "unpdf";

const area = (unitId: string, m2: string): AllocationShare => ({ unitId, key: { kind: "FLOOR_AREA", area: m2 } });
const persons = (unitId: string, n: number): AllocationShare => ({ unitId, key: { kind: "PERSON_MONTHS", personMonths: n } });

const input: BuildingSettlementInput = {
  year: 2025,
  services: [
    { serviceId: "heat", name: "Teplo na vykurovanie", actualCost: 300001n, shares: [area("1", "62.40"), area("2", "48.10"), area("3", "75.00")] },
    { serviceId: "elevator", name: "Výťah", actualCost: 72000n, shares: [persons("1", 24), persons("2", 12), persons("3", 36)] },
  ],
  advancesPaid: new Map([
    [
      "1",
      new Map([
        ["heat", 90000n],
        ["elevator", 30000n],
      ]),
    ],
    [
      "2",
      new Map([
        ["heat", 90000n],
        ["elevator", 12000n],
      ]),
    ],
    ["3", new Map([["heat", 100000n]])],
  ]),
};

describe("annual settlement", () => {
  it("allocates every service's cost in full and sets it against each unit's advances", () => {
    const settlements = settleBuilding(input);
    expect(settlements.map((s) => s.unitId)).toEqual(["1", "2", "3"]);
    for (const serviceId of ["heat", "elevator"]) {
      const allocated = settlements
        .flatMap((s) => s.lines)
        .filter((l) => l.serviceId === serviceId)
        .reduce((sum, l) => sum + l.cost, 0n);
      expect(allocated).toBe(input.services.find((s) => s.serviceId === serviceId)!.actualCost);
    }
    const [first, second, third] = settlements;
    // Heat 3,000.01 € × 62.40 / 185.50 = 1,009.17 €; elevator 720 € × 24/72 = 240 €.
    expect(first!.lines).toEqual([
      { serviceId: "heat", name: "Teplo na vykurovanie", allocationKey: "FLOOR_AREA", cost: 100917n, advancesPaid: 90000n, difference: -10917n },
      { serviceId: "elevator", name: "Výťah", allocationKey: "PERSON_MONTHS", cost: 24000n, advancesPaid: 30000n, difference: 6000n },
    ]);
    expect(first).toMatchObject({ totalCost: 124917n, totalAdvances: 120000n, difference: -4917n, result: "ARREAR" });
    expect(second).toMatchObject({ result: "OVERPAYMENT" });
    expect(third!.totalAdvances).toBe(100000n);
    expect(second!.difference).toBe(second!.totalAdvances - second!.totalCost);
  });

  it("refuses advances of a unit outside the building", () => {
    expect(() => settleBuilding({ ...input, advancesPaid: new Map([["9", new Map([["heat", 1n]])]]) })).toThrow(/Unit 9/);
  });

  it("prints a PDF with Slovak diacritics, the unit and the totals", async () => {
    const [settlement] = settleBuilding(input);
    const pdf = await settlementPdf(settlement!, {
      organizationName: "Spoločenstvo vlastníkov bytov Hlboká 12",
      buildingAddress: "Hlboká 12, 811 04 Bratislava",
      unitLabel: "Byt č. 1 (1. poschodie)",
      ownerName: "Ľubomír Šťastný",
      issuedOn: "2026-03-31",
      iban: "SK31 1200 0000 1987 4263 7541",
      variableSymbol: "1001",
    });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Vyúčtovanie služieb za rok 2025");
    expect(flat).toContain("Byt č. 1 (1. poschodie)");
    expect(flat).toContain("Ľubomír Šťastný");
    expect(flat).toContain("1 249,17 €"); // total cost
    expect(flat).toContain("1 200,00 €"); // advances
    expect(flat).toContain("Nedoplatok: 49,17 €");
  });
});
