import { describe, expect, it } from "vitest";
import { arrearsAging, settleFifo, type DuePrescription } from "./arrears.ts";

const monthly: DuePrescription[] = [
  { id: "2025-01", issuedOn: "2025-01-01", dueOn: "2025-01-15", amount: 10000n },
  { id: "2025-02", issuedOn: "2025-02-01", dueOn: "2025-02-15", amount: 10000n },
  { id: "2025-03", issuedOn: "2025-03-01", dueOn: "2025-03-15", amount: 10000n },
  { id: "2025-04", issuedOn: "2025-04-01", dueOn: "2025-04-15", amount: 10000n },
  { id: "2025-05", issuedOn: "2025-05-01", dueOn: "2025-05-31", amount: 10000n },
];

describe("arrears", () => {
  it("settles the oldest due prescription first", () => {
    const { open, credit } = settleFifo(monthly, [{ on: "2025-03-20", amount: 15000n }], "2025-03-31");
    expect(open).toEqual([
      { prescriptionId: "2025-02", dueOn: "2025-02-15", open: 5000n },
      { prescriptionId: "2025-03", dueOn: "2025-03-15", open: 10000n },
    ]);
    expect(credit).toBe(0n);
  });

  it("ages what is open into 0–30, 31–60, 61–90 and 90+ day buckets", () => {
    // As of 2025-05-20: Jan is 125 days late, Feb 94, Mar 66, Apr 35, May not yet due.
    const aging = arrearsAging(monthly, [{ on: "2025-02-01", amount: 5000n }], "2025-05-20");
    expect(aging).toEqual({ notYetDue: 10000n, days0to30: 0n, days31to60: 10000n, days61to90: 10000n, over90: 15000n, credit: 0n });
    expect(arrearsAging(monthly, [], "2025-01-16")).toMatchObject({ days0to30: 10000n, notYetDue: 0n });
    expect(arrearsAging(monthly, [], "2025-01-15")).toMatchObject({ days0to30: 0n, notYetDue: 10000n });
    // Bucket edges: 30, 31, 60, 61, 90 and 91 days after 2025-01-15.
    const january = monthly.slice(0, 1);
    expect(arrearsAging(january, [], "2025-02-14")).toMatchObject({ days0to30: 10000n, days31to60: 0n });
    expect(arrearsAging(january, [], "2025-02-15")).toMatchObject({ days0to30: 0n, days31to60: 10000n });
    expect(arrearsAging(january, [], "2025-03-16")).toMatchObject({ days31to60: 10000n, days61to90: 0n });
    expect(arrearsAging(january, [], "2025-03-17")).toMatchObject({ days31to60: 0n, days61to90: 10000n });
    expect(arrearsAging(january, [], "2025-04-15")).toMatchObject({ days61to90: 10000n, over90: 0n });
    expect(arrearsAging(january, [], "2025-04-16")).toMatchObject({ days61to90: 0n, over90: 10000n });
  });

  it("ignores payments after the date and carries an overpayment as credit", () => {
    const settlements = [
      { on: "2025-01-10", amount: 12500n },
      { on: "2025-06-01", amount: 100000n },
    ];
    expect(arrearsAging(monthly.slice(0, 1), settlements, "2025-01-31")).toMatchObject({ credit: 2500n, days0to30: 0n });
  });

  it("a credit note settles the prescription it cancels, not the oldest", () => {
    const { open } = settleFifo(monthly.slice(0, 3), [{ on: "2025-03-05", amount: 10000n, cancels: "2025-03" }], "2025-03-31");
    expect(open.map((o) => o.prescriptionId)).toEqual(["2025-01", "2025-02"]);
    expect(() => settleFifo(monthly, [{ on: "2025-01-01", amount: 1n, cancels: "nope" }], "2025-12-31")).toThrow(/unknown prescription/);
  });
});
