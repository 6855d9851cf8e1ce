// Which subgraph requests get the long (bulk) timeout: an organization's month issued for every
// unit or a statement of thousands of entries must not be cut at the ordinary write timeout.
import { describe, expect, it } from "vitest";
import { OperationBudgets } from "../src/subgraph-fetch.ts";

const budgets = new OperationBudgets({ readMs: 1, writeMs: 2, bulkMs: 3 });

describe("subgraph request budgets", () => {
  it("gives the finance bulk mutations the bulk budget", () => {
    expect(budgets.budgetOf(`mutation ($p: String!, $k: String!) { issueInvoices(period: $p, idempotencyKey: $k) { issued } }`)).toBe("bulk");
    expect(budgets.timeoutMs(`mutation ($c: String!, $k: String!) { importBankStatement(format: CAMT053, content: $c, idempotencyKey: $k) { created } }`)).toBe(
      3,
    );
  });

  it("keeps other writes and reads at theirs", () => {
    expect(budgets.budgetOf(`mutation ($k: String!) { recordPayment(input: { idempotencyKey: $k }) { id } }`)).toBe("write");
    expect(budgets.budgetOf(`{ invoices { edges { node { id } } } }`)).toBe("read");
  });
});
