import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCamt053 } from "./camt053.ts";
import { matchEntries, type OpenPrescription } from "./matching.ts";

const entries = parseCamt053(readFileSync(new URL("./fixtures/camt053-tatra-2025-03.xml", import.meta.url), "utf8")).entries;

const march: OpenPrescription[] = [
  { id: "1001-03", variableSymbol: "1001", dueOn: "2025-03-15", open: 15000n, knownPayerIbans: [] },
  { id: "1002-03", variableSymbol: "1002", dueOn: "2025-03-15", open: 15000n, knownPayerIbans: [] },
  { id: "1003-03", variableSymbol: "0000001003", dueOn: "2025-03-15", open: 15000n, knownPayerIbans: [] },
  { id: "1004-04", variableSymbol: "1004", dueOn: "2025-04-15", open: 18050n, knownPayerIbans: ["SK31 5600 0000 0044 0001 2359"] },
];

describe("matching bank entries to prescriptions", () => {
  it("classifies the sample statement: matched, partial, overpayment, by IBAN, unmatched", () => {
    const result = matchEntries(entries, march);
    expect(result.map((m) => [m.status, m.matchedBy, m.settlements, m.credit])).toEqual([
      ["MATCHED", "VARIABLE_SYMBOL", [{ prescriptionId: "1001-03", amount: 15000n }], 0n],
      ["PARTIAL", "VARIABLE_SYMBOL", [{ prescriptionId: "1002-03", amount: 10000n }], 0n],
      ["OVERPAYMENT", "VARIABLE_SYMBOL", [{ prescriptionId: "1003-03", amount: 15000n }], 5000n],
      ["MATCHED", "AMOUNT_AND_IBAN", [{ prescriptionId: "1004-04", amount: 18050n }], 0n],
      ["UNMATCHED", undefined, [], 0n],
      ["UNMATCHED", undefined, [], 0n],
    ]);
  });

  it("pays a unit's oldest open prescriptions first and never settles a euro twice", () => {
    const unit = [
      { id: "feb", variableSymbol: "1001", dueOn: "2025-02-15", open: 5000n, knownPayerIbans: [] },
      { id: "mar", variableSymbol: "1001", dueOn: "2025-03-15", open: 15000n, knownPayerIbans: [] },
    ];
    const [first] = matchEntries([entries[0]!, entries[0]!], unit);
    expect(first!.settlements).toEqual([
      { prescriptionId: "feb", amount: 5000n },
      { prescriptionId: "mar", amount: 10000n },
    ]);
    const [, second] = matchEntries([entries[0]!, entries[0]!], unit);
    expect(second).toMatchObject({ status: "OVERPAYMENT", credit: 10000n, settlements: [{ prescriptionId: "mar", amount: 5000n }] });
  });

  it("does not guess between two equal prescriptions, nor trust an invalid IBAN", () => {
    const byIban = entries[3]!;
    const twins = [march[3]!, { ...march[3]!, id: "other", variableSymbol: "2000" }];
    expect(matchEntries([byIban], twins)[0]!.status).toBe("UNMATCHED");
    const typo = { ...march[3]!, knownPayerIbans: ["SK3156000000004400012358"] };
    expect(matchEntries([byIban], [typo])[0]!.status).toBe("UNMATCHED");
  });
});
