// The financial module through the gateway: a manager sets advance-payment rules, issues months,
// records a payment (a retry with the same key returns it, another amount under the key is
// CONFLICT), imports the CAMT.053 fixture (matched, partial, over, unmatched; again: duplicates
// only), matches the unmatched payment and reads balances, arrears, the repair fund and PAY by
// square. Owners see their own unit's money only; a tenant sees none and cannot issue; another organization
// sees nothing. A page of 50 invoices with unit, owners, items and payments costs the statements
// of a page of 5.
import { readFileSync } from "node:fs";
import { addMember, addOccupancy, createOrganization, createOwnedBuilding, createUser } from "@ppt/testing/fixtures";
import { startStack, type GraphQLResponse, type Stack } from "@ppt/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPayBySquare } from "./pay-by-square.ts";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const codeOf = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code;
function ok<T = any>(result: GraphQLResponse<T>): T {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

const SET_RULE = /* GraphQL */ `
  mutation ($input: SetAdvancePaymentRuleInput!) {
    setAdvancePaymentRule(input: $input) {
      id
      fund
      amount {
        amount
        currency
      }
      validFrom
      validTo
      unit {
        id
      }
    }
  }
`;
const ISSUE = /* GraphQL */ `
  mutation ($period: String!, $key: String!) {
    issueInvoices(period: $period, idempotencyKey: $key) {
      issued
      total {
        amount
        currency
      }
    }
  }
`;
const RECORD = /* GraphQL */ `
  mutation ($input: RecordPaymentInput!) {
    recordPayment(input: $input) {
      id
      matchStatus
      amount {
        amount
      }
      unit {
        id
      }
    }
  }
`;
const IMPORT = /* GraphQL */ `
  mutation ($content: String!, $key: String!) {
    importBankStatement(format: CAMT053, content: $content, idempotencyKey: $key) {
      entries
      created
      duplicates
      matched
      partial
      overpaid
      unmatched
      outgoingSkipped
    }
  }
`;
const BALANCE = /* GraphQL */ `
  query ($unitId: ID!, $asOf: LocalDate) {
    unitBalance(unitId: $unitId, asOf: $asOf) {
      amount
      currency
    }
  }
`;

const fixture = readFileSync(new URL("./bank-statements/fixtures/camt053-tatra-2025-03.xml", import.meta.url), "utf8");

describe("money through the gateway", () => {
  let org: string;
  let manager: string;
  let units: { unitId: string; ownerId: string }[];
  let buildingId: string;

  beforeAll(async () => {
    const db = stack.owner.prisma;
    org = (await createOrganization(db, "SVB Tatranská")).id;
    manager = (await createUser(db, "Správca", "Peňazí")).id;
    await addMember(db, org, manager);
    ({ buildingId, units } = await createOwnedBuilding(db, org, 4));
  });

  it("sets rules, issues months, records and imports payments, and shows balances, arrears and the repair fund", async () => {
    const token = await stack.tokenFor(manager, org, ["manager"]);
    // Units 1–3 pay 150.00 from March; unit 4 pays 180.50 from February.
    for (const [index, { unitId }] of units.entries()) {
      const from = index === 3 ? "2025-02-01" : "2025-03-01";
      const repair = index === 3 ? "130.50" : "100.00";
      const rule = ok(
        await stack.query(SET_RULE, { input: { unitId, fund: "REPAIR_FUND", description: "Fond opráv", amount: repair, validFrom: from } }, token),
      );
      expect(rule.setAdvancePaymentRule).toMatchObject({ fund: "REPAIR_FUND", amount: { amount: repair, currency: "EUR" }, validFrom: from, validTo: null });
      ok(await stack.query(SET_RULE, { input: { unitId, fund: "OPERATING", description: "Správa", amount: "50.00", validFrom: from } }, token));
    }
    // A bad amount is refused with a stable code.
    expect(
      codeOf(
        await stack.query(
          SET_RULE,
          { input: { unitId: units[0]!.unitId, fund: "OPERATING", description: "X", amount: "1.001", validFrom: "2025-03-01" } },
          token,
        ),
      ),
    ).toBe("BAD_USER_INPUT");

    expect(ok(await stack.query(ISSUE, { period: "2025-02", key: "issue-2025-02" }, token)).issueInvoices).toEqual({
      issued: 1,
      total: { amount: "180.50", currency: "EUR" },
    });

    // Unit 4 pays February by hand from its IBAN: a retry is the same payment, another amount under the key is CONFLICT.
    const payment = { unitId: units[3]!.unitId, amount: "180.50", paidOn: "2025-02-10", payerIban: "SK3156000000004400012359", idempotencyKey: "pay-u4-feb" };
    const first = ok(await stack.query(RECORD, { input: payment }, token)).recordPayment;
    expect(first).toMatchObject({ matchStatus: "MATCHED", amount: { amount: "180.50" }, unit: { id: units[3]!.unitId } });
    const retry = ok(await stack.query(RECORD, { input: payment }, token)).recordPayment;
    expect(retry.id).toBe(first.id);
    expect(await stack.owner.prisma.payment.count({ where: { organizationId: org } })).toBe(1);
    expect(codeOf(await stack.query(RECORD, { input: { ...payment, amount: "181.50" } }, token))).toBe("CONFLICT");
    expect(await stack.owner.prisma.payment.count({ where: { organizationId: org } })).toBe(1);

    const march = ok(await stack.query(ISSUE, { period: "2025-03", key: "issue-2025-03" }, token)).issueInvoices;
    expect(march).toEqual({ issued: 4, total: { amount: "630.50", currency: "EUR" } });
    // The same key again: the first answer, nothing issued twice.
    expect(ok(await stack.query(ISSUE, { period: "2025-03", key: "issue-2025-03" }, token)).issueInvoices).toEqual(march);
    expect(codeOf(await stack.query(ISSUE, { period: "2025-04", key: "issue-2025-03" }, token))).toBe("CONFLICT");

    const imported = ok(await stack.query(IMPORT, { content: fixture, key: "camt-2025-03" }, token)).importBankStatement;
    expect(imported).toMatchObject({ created: 5, duplicates: 0, matched: 2, partial: 1, overpaid: 1, unmatched: 1, outgoingSkipped: 1 });
    // The same statement under another key: every entry is a duplicate, no payment is added.
    const again = ok(await stack.query(IMPORT, { content: fixture, key: "camt-2025-03-again" }, token)).importBankStatement;
    expect(again).toMatchObject({ created: 0, duplicates: 5, matched: 0, unmatched: 0 });
    expect(await stack.owner.prisma.payment.count({ where: { organizationId: org } })).toBe(6);

    const balances = await Promise.all(
      units.map(async ({ unitId }) => ok(await stack.query(BALANCE, { unitId, asOf: "2025-03-31" }, token)).unitBalance.amount),
    );
    expect(balances).toEqual(["0.00", "50.00", "-50.00", "0.00"]);

    // The unmatched payment waits in the queue; the manager assigns it to unit 2.
    const queue = ok(
      await stack.query(`{ unmatchedPayments(first: 10) { totalCount edges { node { id amount { amount } payerName unit { id } } } } }`, {}, token),
    ).unmatchedPayments;
    expect(queue.totalCount).toBe(1);
    expect(queue.edges[0].node).toMatchObject({ amount: { amount: "42.00" }, unit: null });
    const matched = ok(
      await stack.query(
        `mutation ($p: ID!, $u: ID!) { matchPayment(paymentId: $p, unitId: $u, idempotencyKey: "match-1") { id matchStatus unit { id } } }`,
        { p: queue.edges[0].node.id, u: units[1]!.unitId },
        token,
      ),
    ).matchPayment;
    expect(matched).toMatchObject({ matchStatus: "MATCHED", unit: { id: units[1]!.unitId } });
    // The match is posted today: as of March the unit still owed 50.00, now 8.00.
    expect(ok(await stack.query(BALANCE, { unitId: units[1]!.unitId, asOf: "2025-03-31" }, token)).unitBalance.amount).toBe("50.00");
    expect(ok(await stack.query(BALANCE, { unitId: units[1]!.unitId }, token)).unitBalance.amount).toBe("8.00");

    // Arrears at the end of April: unit 2 owed 50.00 for 46 days (31–60); today 8.00 over 90 days; unit 3 has 50.00 credit.
    const april = ok(await stack.query(`{ arrears(asOf: "2025-04-30") { unit { id } days31to60 { amount } } }`, {}, token)).arrears;
    expect(april.find((a: any) => a.unit.id === units[1]!.unitId).days31to60).toEqual({ amount: "50.00" });
    const arrears = ok(
      await stack.query(
        `{ arrears { unit { id } balance { amount } notYetDue { amount } days0to30 { amount } days31to60 { amount } over90 { amount } credit { amount } } }`,
        {},
        token,
      ),
    ).arrears;
    const byUnit = new Map(arrears.map((a: any) => [a.unit.id, a]));
    expect(byUnit.get(units[1]!.unitId)).toMatchObject({ balance: { amount: "8.00" }, over90: { amount: "8.00" }, credit: { amount: "0.00" } });
    expect(byUnit.get(units[2]!.unitId)).toMatchObject({ balance: { amount: "-50.00" }, credit: { amount: "50.00" } });
    expect(byUnit.has(units[0]!.unitId)).toBe(false);

    // The building's fields: each unit's balance, and the repair fund (130.50 + 3 × 100.00 + 130.50 prescribed).
    const building = ok(
      await stack.query(
        `query ($id: ID!) { building(id: $id) { repairFund(asOf: "2025-03-31") { amount currency } units { id balance(asOf: "2025-03-31") { amount } } } }`,
        { id: buildingId },
        token,
      ),
    ).building;
    expect(building.repairFund).toEqual({ amount: "561.00", currency: "EUR" });
    expect(building.units.find((u: any) => u.id === units[2]!.unitId).balance).toEqual({ amount: "-50.00" });

    // Invoices of unit 2 for March with items and payments, and its PAY by square code once the IBAN is set.
    ok(await stack.query(`mutation { setBankAccountIban(iban: "SK31 1200 0000 1987 4263 7541") }`, {}, token));
    const invoices = ok(
      await stack.query(
        `query ($u: ID!) { invoices(filter: { unitId: $u, period: "2025-03" }) { totalCount edges { node {
           id number status variableSymbol dueOn total { amount } amountPaid { amount } amountDue { amount }
           items { description total { amount } } payments { amount { amount } } payeeIban payBySquare } } } }`,
        { u: units[1]!.unitId },
        token,
      ),
    ).invoices;
    expect(invoices.totalCount).toBe(1);
    const invoice = invoices.edges[0].node;
    expect(invoice).toMatchObject({
      status: "PARTIALLY_PAID",
      variableSymbol: "1002",
      total: { amount: "150.00" },
      amountDue: { amount: "8.00" },
      payeeIban: "SK3112000000198742637541",
    });
    expect(invoice.items.map((i: any) => i.total.amount).sort()).toEqual(["100.00", "50.00"]);
    expect(invoice.payments.map((p: any) => p.amount.amount)).toContain("100.00");
    const decoded = readPayBySquare(invoice.payBySquare);
    expect(decoded).toMatchObject({ payeeIban: "SK3112000000198742637541", amount: 800n, variableSymbol: "1002", dueOn: invoice.dueOn });

    // Filters: by status across the organization.
    const paid = ok(await stack.query(`{ invoices(filter: { status: [PAID] }, first: 10) { totalCount } }`, {}, token)).invoices;
    expect(paid.totalCount).toBe(4); // unit 4 February; units 1, 3 and 4 March

    // A credit note cancels unit 1's March invoice: unit 1 now has 150.00 credit.
    const unit1March = ok(
      await stack.query(`query ($u: ID!) { invoices(filter: { unitId: $u, period: "2025-03" }) { edges { node { id } } } }`, { u: units[0]!.unitId }, token),
    ).invoices.edges[0].node.id;
    const note = ok(
      await stack.query(
        `mutation ($id: ID!) { creditInvoice(invoiceId: $id, reason: "Chybný predpis", idempotencyKey: "credit-u1") { isCreditNote total { amount } creditsInvoice { id status } } }`,
        { id: unit1March },
        token,
      ),
    ).creditInvoice;
    expect(note).toMatchObject({ isCreditNote: true, total: { amount: "-150.00" }, creditsInvoice: { id: unit1March, status: "CANCELLED" } });
    expect(ok(await stack.query(BALANCE, { unitId: units[0]!.unitId }, token)).unitBalance.amount).toBe("-150.00");
  });

  it("shows an owner their own unit's money only, a tenant none, and another organization nothing", async () => {
    const db = stack.owner.prisma;
    const [own, other] = [units[0]!, units[1]!];
    const ownerToken = await stack.tokenFor(own.ownerId, org, ["owner"]);
    expect(ok(await stack.query(BALANCE, { unitId: own.unitId }, ownerToken)).unitBalance.currency).toBe("EUR");
    const neighbour = await stack.query(BALANCE, { unitId: other.unitId }, ownerToken);
    expect(codeOf(neighbour)).toBe("NOT_FOUND");
    expect(neighbour.data?.unitBalance ?? null).toBeNull();
    const seen = ok(await stack.query(`{ invoices(first: 50) { edges { node { unit { id } } } } }`, {}, ownerToken)).invoices.edges;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e: any) => e.node.unit.id === own.unitId)).toBe(true);
    expect(codeOf(await stack.query(`{ unmatchedPayments { totalCount } }`, {}, ownerToken))).toBe("FORBIDDEN");

    const tenant = (await createUser(db, "Nájomník", "Bytu")).id;
    await addMember(db, org, tenant);
    await addOccupancy(db, org, other.unitId, tenant);
    const tenantToken = await stack.tokenFor(tenant, org, ["tenant"]);
    // The association bills the owner: the tenant who lives in the unit sees none of its money.
    expect(codeOf(await stack.query(BALANCE, { unitId: other.unitId }, tenantToken))).toBe("NOT_FOUND");
    expect(
      ok(
        await stack.query(
          `query ($b: ID!) { invoices(first: 50) { totalCount } payments(first: 50) { totalCount } arrears { unit { id } }
             building(id: $b) { repairFund { amount } units { id balance { amount } } } }`,
          { b: buildingId },
          tenantToken,
        ),
      ),
    ).toEqual({
      invoices: { totalCount: 0 },
      payments: { totalCount: 0 },
      arrears: [],
      building: { repairFund: null, units: [{ id: other.unitId, balance: null }] },
    });
    expect(codeOf(await stack.query(ISSUE, { period: "2025-05", key: "tenant-issue" }, tenantToken))).toBe("FORBIDDEN");
    expect(codeOf(await stack.query(RECORD, { input: { unitId: other.unitId, amount: "1.00", paidOn: "2025-05-01", idempotencyKey: "t" } }, tenantToken))).toBe(
      "FORBIDDEN",
    );

    const orgB = (await createOrganization(db, "Správa B")).id;
    const adminB = (await createUser(db, "Admin", "Béčka")).id;
    await addMember(db, orgB, adminB);
    const tokenB = await stack.tokenFor(adminB, orgB, ["org_admin"]);
    expect(ok(await stack.query(`{ invoices(first: 50) { totalCount } payments(first: 50) { totalCount } arrears { unit { id } } }`, {}, tokenB))).toEqual({
      invoices: { totalCount: 0 },
      payments: { totalCount: 0 },
      arrears: [],
    });
    expect(codeOf(await stack.query(BALANCE, { unitId: own.unitId }, tokenB))).toBe("NOT_FOUND");
    const anInvoice = await db.invoice.findFirstOrThrow({ where: { organizationId: org } });
    expect(codeOf(await stack.query(`query ($id: ID!) { invoice(id: $id) { id } }`, { id: anInvoice.id }, tokenB))).toBe("NOT_FOUND");
  });
});

describe("a page of invoices", () => {
  // 125 money mutations set the page up: on a loaded 2-core machine that alone can pass 30 s.
  it("resolves 50 invoices with unit, owners, items and payments in as many statements as 5", { timeout: 180_000 }, async () => {
    const db = stack.owner.prisma;
    const org = (await createOrganization(db, "Veľké SVB")).id;
    const manager = (await createUser(db, "Veľký", "Správca")).id;
    await addMember(db, org, manager);
    const { units } = await createOwnedBuilding(db, org, 50);
    const token = await stack.tokenFor(manager, org, ["manager"]);
    for (const { unitId } of units) {
      ok(await stack.query(SET_RULE, { input: { unitId, fund: "REPAIR_FUND", description: "Fond opráv", amount: "60.00", validFrom: "2025-01-01" } }, token));
      ok(
        await stack.query(SET_RULE, { input: { unitId, fund: "OTHER", description: "Výťah", amount: "5.00", vatRate: "23", validFrom: "2025-01-01" } }, token),
      );
    }
    expect(ok(await stack.query(ISSUE, { period: "2025-01", key: "big-2025-01" }, token)).issueInvoices.issued).toBe(50);
    for (const [i, { unitId }] of units.entries()) {
      if (i % 2) continue;
      ok(await stack.query(RECORD, { input: { unitId, amount: "30.00", paidOn: "2025-01-20", idempotencyKey: `big-pay-${i}` } }, token));
    }
    ok(await stack.query(`mutation { setBankAccountIban(iban: "SK3112000000198742637541") }`, {}, token));
    const page = /* GraphQL */ `
      query ($first: Int!) {
        invoices(first: $first) {
          totalCount
          edges {
            node {
              id
              number
              total {
                amount
              }
              unit {
                designation
                balance {
                  amount
                }
              }
              owners {
                owner {
                  lastName
                }
              }
              items {
                description
                vatRate
                total {
                  amount
                }
              }
              payments {
                amount {
                  amount
                }
                unit {
                  id
                }
              }
            }
          }
        }
      }
    `;
    const cost = async (first: number) => {
      const before = stack.queryCount();
      const result = ok(await stack.query(page, { first }, token));
      expect(result.invoices.edges).toHaveLength(first);
      return stack.queryCount() - before;
    };
    await cost(5); // warm-up: the gateway's query plan and the pools
    const five = await cost(5);
    const fifty = await cost(50);
    expect(fifty).toBe(five);
    expect(fifty).toBeLessThanOrEqual(16);
  });
});
