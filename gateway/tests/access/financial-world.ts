// Organization A's money for the access matrix: unitA's account with an advance-payment rule, an
// issued prescription with one item and a payment matched to it, and a payment waiting unmatched
// in the suspense account. Also a building cost of buildingA with unitA's part, and a tenant who
// lives in unitA and owns nothing (the association bills the owner: the tenant sees none of it).
// Written as the owner (the matrix only ever refuses these, so no ledger postings are needed).
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@ppt/db/client";
import { addMember, addOccupancy, createUser } from "@ppt/testing/fixtures";

export interface FinancialWorld {
  invoiceA: string;
  paymentA: string;
  ruleA: string;
  buildingCostA: string;
  /** A payment credited to unitA's account, settling invoiceA. */
  unitPaymentA: string;
  /** A member of A who lives in unitA as its tenant and owns nothing. */
  tenantA: string;
}

export async function createFinancialWorld(db: PrismaClient, a: { orgA: string; buildingA: string; unitA: string }): Promise<FinancialWorld> {
  const organizationId = a.orgA;
  const account = await db.financialAccount.create({
    data: { organizationId, unitId: a.unitA, buildingId: a.buildingA, kind: "UNIT", name: "Účet 1", variableSymbol: "1001" },
  });
  const suspense = await db.financialAccount.create({ data: { organizationId, kind: "OTHER", name: "Nespárované platby" } });
  const ruleA = (
    await db.advancePaymentRule.create({
      data: { organizationId, unitId: a.unitA, fund: "REPAIR_FUND", description: "Fond opráv", amount: "100.00", validFrom: new Date("2025-01-01") },
    })
  ).id;
  const invoiceA = (
    await db.invoice.create({
      data: {
        organizationId,
        accountId: account.id,
        unitId: a.unitA,
        number: "P202501-1001",
        status: "ISSUED",
        issuedAt: new Date("2025-01-01"),
        dueAt: new Date("2025-01-15"),
        periodFrom: new Date("2025-01-01"),
        periodTo: new Date("2025-01-31"),
        subtotal: "100.00",
        total: "100.00",
        variableSymbol: "1001",
        items: { create: [{ organizationId, position: 1, description: "Fond opráv", unitPrice: "100.00", total: "100.00" }] },
      },
    })
  ).id;
  const paymentA = (
    await db.payment.create({
      data: {
        organizationId,
        accountId: suspense.id,
        amount: "42.00",
        paidAt: new Date("2025-01-20"),
        method: "BANK_TRANSFER",
        bankEntryRef: "250120-0001",
        payerName: "Neznámy platiteľ",
        matchStatus: "UNMATCHED",
      },
    })
  ).id;
  const unitPaymentA = (
    await db.payment.create({
      data: {
        organizationId,
        accountId: account.id,
        invoiceId: invoiceA,
        amount: "100.00",
        paidAt: new Date("2025-01-12"),
        method: "BANK_TRANSFER",
        bankEntryRef: "250112-0001",
        variableSymbol: "1001",
        payerName: "Anna Adamová",
        matchStatus: "MATCHED",
      },
    })
  ).id;
  const tenantA = (await createUser(db, "Tomáš", "Nájomník")).id;
  await addMember(db, organizationId, tenantA);
  await addOccupancy(db, organizationId, a.unitA, tenantA);
  // A service cost of buildingA with unitA's part (no posting: the matrix only reads it); the
  // building's settlement shows it against unitA.
  const buildingCostA = (
    await db.buildingCost.create({
      data: {
        organizationId,
        buildingId: a.buildingA,
        fund: "OTHER",
        service: "Výťah",
        allocationKey: "OWNERSHIP_SHARE",
        supplierName: "Výťahy a.s.",
        supplierInvoiceNumber: "FV-1",
        amount: "300.00",
        incurredOn: new Date("2025-03-10"),
        postingId: randomUUID(),
        shares: { create: [{ organizationId, unitId: a.unitA, weight: "1/1", amount: "300.00" }] },
      },
    })
  ).id;
  return { invoiceA, paymentA, ruleA, buildingCostA, unitPaymentA, tenantA };
}
