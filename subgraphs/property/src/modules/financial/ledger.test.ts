import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Ledger, type Posting } from "./ledger.ts";

const prescription = (id: string, unit: string, amount: bigint, postedOn = "2025-01-01"): Posting => ({
  id,
  postedOn,
  description: "Predpis záloh",
  lines: [
    { accountId: `unit:${unit}`, side: "DEBIT", amount },
    { accountId: "advances", side: "CREDIT", amount },
  ],
});
const payment = (id: string, unit: string, amount: bigint, postedOn = "2025-01-15"): Posting => ({
  id,
  postedOn,
  description: "Úhrada",
  lines: [
    { accountId: "bank", side: "DEBIT", amount },
    { accountId: `unit:${unit}`, side: "CREDIT", amount },
  ],
});

describe("ledger", () => {
  it("refuses unbalanced, one-sided, zero or negative postings", () => {
    const ledger = new Ledger();
    const base = prescription("p1", "a", 100n);
    expect(() => ledger.post({ ...base, lines: [base.lines[0]!, { ...base.lines[1]!, amount: 99n }] })).toThrow(/unbalanced by 1 cents/);
    expect(() => ledger.post({ ...base, lines: [base.lines[0]!] })).toThrow(/at least two/);
    expect(() =>
      ledger.post({
        ...base,
        lines: [
          { ...base.lines[0]!, amount: 0n },
          { ...base.lines[1]!, amount: 0n },
        ],
      }),
    ).toThrow(/positive/);
    expect(() => ledger.post({ ...base, lines: [base.lines[0]!, { ...base.lines[0]!, side: "DEBIT" }] })).toThrow(/unbalanced/);
    expect(() => ledger.post({ ...base, postedOn: "1.1.2025" })).toThrow(/Invalid posting date/);
    expect(ledger.postings).toHaveLength(0);
  });

  it("derives balances from postings as of any date", () => {
    const ledger = new Ledger([prescription("p1", "a", 5000n, "2025-01-01"), payment("pay1", "a", 3000n, "2025-01-20")]);
    expect(ledger.balance("unit:a", "2025-01-10")).toBe(5000n);
    expect(ledger.balance("unit:a")).toBe(2000n);
    expect(ledger.balance("bank", "2024-12-31")).toBe(0n);
    expect([...ledger.balances().values()].reduce((s, b) => s + b, 0n)).toBe(0n);
  });

  it("cancels only by a credit note, once, and never a credit note itself", () => {
    const ledger = new Ledger([prescription("p1", "a", 5000n)]);
    const note = ledger.cancel("p1", { id: "cn1", postedOn: "2025-02-01", description: "Dobropis" });
    expect(note.cancels).toBe("p1");
    expect(ledger.balance("unit:a")).toBe(0n);
    expect(ledger.balance("unit:a", "2025-01-31")).toBe(5000n);
    expect(ledger.isCancelled("p1")).toBe(true);
    expect(() => ledger.cancel("p1", { id: "cn2", postedOn: "2025-02-01", description: "again" })).toThrow(/already cancelled/);
    expect(() => ledger.cancel("cn1", { id: "cn3", postedOn: "2025-02-01", description: "x" })).toThrow(/credit note cannot be cancelled/);
    expect(() => ledger.post({ ...payment("cn4", "a", 10n), cancels: "p1" })).toThrow();
    expect(() => ledger.post(prescription("p1", "b", 1n))).toThrow(/exists/);
    expect(Object.isFrozen(ledger.postings[0])).toBe(true);
  });

  it("property: after any sequence of postings, payments, credit notes and cancellations the ledger sums to zero", () => {
    const operation = fc.oneof(
      fc.record({ op: fc.constant("prescribe" as const), unit: fc.constantFrom("a", "b", "c"), amount: fc.bigInt({ min: 1n, max: 1_000_000n }) }),
      fc.record({ op: fc.constant("pay" as const), unit: fc.constantFrom("a", "b", "c"), amount: fc.bigInt({ min: 1n, max: 1_000_000n }) }),
      fc.record({ op: fc.constant("cancel" as const), pick: fc.nat() }),
      fc.record({ op: fc.constant("unbalanced" as const), amount: fc.bigInt({ min: 1n, max: 1_000_000n }) }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(operation, fc.integer({ min: 1, max: 28 })), { maxLength: 60 }), (operations) => {
        const ledger = new Ledger();
        operations.forEach(([operation, day], i) => {
          const postedOn = `2025-03-${String(day).padStart(2, "0")}`;
          switch (operation.op) {
            case "prescribe":
              ledger.post(prescription(`p${i}`, operation.unit, operation.amount, postedOn));
              break;
            case "pay":
              ledger.post(payment(`pay${i}`, operation.unit, operation.amount, postedOn));
              break;
            case "cancel": {
              const candidates = ledger.postings.filter((p) => p.cancels === undefined && !ledger.isCancelled(p.id));
              const target = candidates[operation.pick % Math.max(candidates.length, 1)];
              if (target) ledger.cancel(target.id, { id: `cn${i}`, postedOn, description: "Dobropis" });
              break;
            }
            case "unbalanced": {
              const count = ledger.postings.length;
              const bad = prescription(`bad${i}`, "a", operation.amount, postedOn);
              expect(() => ledger.post({ ...bad, lines: [bad.lines[0]!, { ...bad.lines[1]!, amount: operation.amount + 1n }] })).toThrow();
              expect(ledger.postings).toHaveLength(count);
              break;
            }
          }
        });
        for (const asOf of [undefined, "2025-03-10", "2025-03-20"]) {
          const balances = ledger.balances(asOf);
          expect([...balances.values()].reduce((s, b) => s + b, 0n)).toBe(0n);
          for (const [accountId, balance] of balances) {
            const fromPostings = ledger.postings
              .filter((p) => asOf === undefined || p.postedOn <= asOf)
              .flatMap((p) => p.lines)
              .filter((l) => l.accountId === accountId)
              .reduce((s, l) => s + (l.side === "DEBIT" ? l.amount : -l.amount), 0n);
            expect(balance).toBe(fromPostings);
            expect(ledger.balance(accountId, asOf)).toBe(balance);
          }
        }
        for (const posting of ledger.postings) expect(posting.lines.reduce((s, l) => s + (l.side === "DEBIT" ? l.amount : -l.amount), 0n)).toBe(0n);
      }),
      { numRuns: 200 },
    );
  });
});
