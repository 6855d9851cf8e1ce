import { AppError, isUuid } from "@ppt/server-kit";
import type { Resolvers } from "../../generated/graphql.ts";
import { buildingById, ownershipsOfUnit, unitById } from "../buildings/index.ts";
import * as costs from "./building-costs.ts";
import * as settlements from "./annual-settlement.ts";
import { repairFundStatement } from "./fund-statement.ts";
import { invoiceDocument } from "./invoice-document.ts";
import { invoiceEInvoice } from "./invoice-export.ts";
import { arrearsExport, ledgerExport } from "./exports.ts";
import * as budgets from "./budgets.ts";
import * as graph from "./graph.ts";
import { dayOf, money } from "./graph.ts";
import * as service from "./service.ts";

const ids = (...values: string[]) => {
  for (const value of values) if (!isUuid(value)) throw AppError.notFound("Record");
};

export const financialResolvers: Resolvers = {
  Query: {
    invoices: (_, { filter, first, after }, ctx) => graph.listInvoices(ctx, filter, first, after),
    invoice: (_, { id }, ctx) => graph.getInvoice(ctx, id),
    payments: (_, { filter, first, after }, ctx) => graph.listPayments(ctx, filter, first, after),
    unmatchedPayments: (_, { first, after }, ctx) => graph.listUnmatchedPayments(ctx, first, after),
    arrears: (_, { asOf, buildingId }, ctx) => graph.arrears(ctx, asOf, buildingId),
    unitBalance: (_, { unitId, asOf }, ctx) => graph.unitBalanceOf(ctx, unitId, asOf),
    advancePaymentRules: (_, { unitId }, ctx) => graph.rulesOfUnit(ctx, unitId),
    buildingCosts: (_, { buildingId, year }, ctx) => {
      ids(buildingId);
      return costs.buildingCostsOf(ctx, buildingId, year);
    },
    annualSettlement: (_, { buildingId, year }, ctx) => {
      ids(buildingId);
      return settlements.settlementOf(ctx, buildingId, year);
    },
    unitSettlement: (_, { unitId, year }, ctx) => {
      ids(unitId);
      return settlements.unitSettlementOf(ctx, unitId, year);
    },
    repairFundStatement: (_, { buildingId, year }, ctx) => {
      ids(buildingId);
      return repairFundStatement(ctx, buildingId, year);
    },
    arrearsExport: (_, { asOf, buildingId, format }, ctx) => {
      if (buildingId) ids(buildingId);
      return arrearsExport(ctx, asOf, buildingId, format);
    },
    ledgerExport: (_, { year, format }, ctx) => ledgerExport(ctx, year, format),
    budgetVsActual: (_, { buildingId, year }, ctx) => {
      ids(buildingId);
      return budgets.budgetVsActual(ctx, buildingId, year);
    },
  },
  Mutation: {
    setAdvancePaymentRule: (_, { input }, ctx) => graph.setAdvancePaymentRule(ctx, input),
    endAdvancePaymentRule: (_, { id, validTo }, ctx) => graph.endAdvancePaymentRule(ctx, id, validTo),
    issueInvoices: async (_, { period, idempotencyKey }, ctx) => {
      const result = await service.issueInvoices(ctx, { period, idempotencyKey });
      return { issued: result.issued, total: money(result.total) };
    },
    creditInvoice: async (_, { invoiceId, reason, idempotencyKey }, ctx) => {
      ids(invoiceId);
      const { creditNoteId } = await service.creditInvoice(ctx, { invoiceId, reason, idempotencyKey });
      return graph.getInvoice(ctx, creditNoteId);
    },
    recordPayment: async (_, { input }, ctx) => {
      ids(input.unitId);
      const { paymentId } = await service.recordPayment(ctx, {
        unitId: input.unitId,
        amount: input.amount,
        paidOn: input.paidOn,
        method: input.method ?? undefined,
        reference: input.reference,
        payerIban: input.payerIban,
        idempotencyKey: input.idempotencyKey,
      });
      return graph.getPayment(ctx, paymentId);
    },
    importBankStatement: async (_, { format, content, idempotencyKey }, ctx) => {
      const summary = await service.importBankStatement(ctx, { format, content, idempotencyKey });
      return { ...summary, duplicates: summary.alreadyImported };
    },
    matchPayment: async (_, { paymentId, unitId, idempotencyKey }, ctx) => {
      ids(paymentId, unitId);
      await service.matchPayment(ctx, { paymentId, unitId, idempotencyKey });
      return graph.getPayment(ctx, paymentId);
    },
    setBankAccountIban: (_, { iban }, ctx) => graph.setBankAccountIban(ctx, iban),
    recordBuildingCost: async (_, { input }, ctx) => {
      ids(input.buildingId, ...(input.readingPeriodId ? [input.readingPeriodId] : []));
      const { costId } = await costs.recordBuildingCost(ctx, input);
      return costs.buildingCostById(ctx, costId);
    },
    setBudget: async (_, { buildingId, year, fund, service, amount }, ctx) => {
      ids(buildingId);
      return budgets.setBudget(ctx, { buildingId, year, fund, service, amount });
    },
    approveAnnualSettlement: async (_, { buildingId, year, idempotencyKey }, ctx) => {
      ids(buildingId);
      await settlements.approveAnnualSettlement(ctx, { buildingId, year, idempotencyKey });
      return settlements.settlementOf(ctx, buildingId, year);
    },
  },
  Invoice: {
    __resolveReference: async ({ id }, ctx) => graph.getInvoice(ctx, id).catch(() => null),
    unit: (invoice, _, ctx) => (invoice.unitId ? unitById(ctx, invoice.unitId) : null),
    owners: async (invoice, _, ctx) => {
      const unit = invoice.unitId ? await unitById(ctx, invoice.unitId) : null;
      return unit ? ownershipsOfUnit(ctx, unit) : [];
    },
    issuedOn: (invoice) => dayOf(invoice.issuedAt),
    dueOn: (invoice) => dayOf(invoice.dueAt),
    periodFrom: (invoice) => (invoice.periodFrom ? dayOf(invoice.periodFrom) : null),
    periodTo: (invoice) => (invoice.periodTo ? dayOf(invoice.periodTo) : null),
    subtotal: (invoice) => money(invoice.subtotal),
    vatTotal: (invoice) => money(invoice.vatTotal),
    total: (invoice) => money(invoice.total),
    amountPaid: (invoice) => money(invoice.amountPaid),
    amountDue: (invoice) => money(invoice.total.minus(invoice.amountPaid)),
    isCreditNote: (invoice) => invoice.creditsInvoiceId !== null,
    creditsInvoice: (invoice, _, ctx) => graph.linkedInvoice(ctx, invoice.creditsInvoiceId),
    items: (invoice, _, ctx) => ctx.loaders.itemsByInvoice.load(invoice.id),
    payments: (invoice, _, ctx) => graph.paymentsOfInvoice(ctx, invoice),
    payeeIban: (invoice, _, ctx) => graph.invoicePayeeIban(ctx, invoice),
    payBySquare: (invoice, _, ctx) => graph.invoicePayBySquare(ctx, invoice),
    eInvoice: (invoice, _, ctx) => invoiceEInvoice(ctx, invoice),
    document: (invoice, _, ctx) => invoiceDocument(ctx, invoice),
  },
  InvoiceItem: {
    quantity: (item) => item.quantity.toFixed(3),
    unitPrice: (item) => money(item.unitPrice),
    vatRate: (item) => item.vatRate.toFixed(2),
    total: (item) => money(item.total),
  },
  Payment: {
    amount: (payment) => money(payment.amount),
    paidOn: (payment) => dayOf(payment.paidAt),
    unit: (payment, _, ctx) => graph.unitOfPayment(ctx, payment),
    invoice: (payment, _, ctx) => graph.linkedInvoice(ctx, payment.invoiceId),
  },
  AdvancePaymentRule: {
    unit: async (rule, _, ctx) => {
      const unit = await unitById(ctx, rule.unitId);
      if (!unit) throw AppError.notFound("Unit");
      return unit;
    },
    amount: (rule) => money(rule.amount),
    vatRate: (rule) => rule.vatRate.toFixed(2),
    validFrom: (rule) => dayOf(rule.validFrom),
    validTo: (rule) => (rule.validTo ? dayOf(rule.validTo) : null),
  },
  UnitArrears: {
    unit: async (row, _, ctx) => {
      const unit = await unitById(ctx, row.unitId);
      if (!unit) throw AppError.notFound("Unit");
      return unit;
    },
  },
  BuildingCost: {
    building: async (cost, _, ctx) => {
      const building = await buildingById(ctx, cost.buildingId);
      if (!building) throw AppError.notFound("Building");
      return building;
    },
    fund: (cost) => cost.fund as "REPAIR_FUND" | "OPERATING" | "OTHER",
    allocationKey: (cost) => cost.allocationKey as costs.AllocationKeyKind,
    amount: (cost) => money(cost.amount),
    incurredOn: (cost) => dayOf(cost.incurredOn),
    shares: (cost, _, ctx) => costs.sharesOfCost(ctx, cost),
  },
  BuildingCostShare: {
    unit: async (share, _, ctx) => {
      const unit = await unitById(ctx, share.unitId);
      if (!unit) throw AppError.notFound("Unit");
      return unit;
    },
    amount: (share) => money(share.amount),
  },
  AnnualSettlement: {
    building: async (settlement, _, ctx) => {
      const building = await buildingById(ctx, settlement.buildingId);
      if (!building) throw AppError.notFound("Building");
      return building;
    },
    approved: (settlement) => settlement.approvedAt !== null,
  },
  RepairFundStatement: {
    building: async (statement, _, ctx) => {
      const building = await buildingById(ctx, statement.buildingId);
      if (!building) throw AppError.notFound("Building");
      return building;
    },
    openingBalance: (statement) => money(statement.openingBalance),
    contributions: (statement) => money(statement.contributions),
    spending: (statement) => money(statement.spending),
    otherMovements: (statement) => money(statement.otherMovements),
    closingBalance: (statement) => money(statement.closingBalance),
  },
  BudgetLine: {
    budget: (line) => money(line.budget),
    actual: (line) => money(line.actual),
    remaining: (line) => money(line.budget - line.actual),
  },
  UnitSettlement: {
    unit: async (settlement, _, ctx) => {
      const unit = await unitById(ctx, settlement.unitId);
      if (!unit) throw AppError.notFound("Unit");
      return unit;
    },
    totalCost: (settlement) => money(settlement.totalCost),
    totalAdvances: (settlement) => money(settlement.totalAdvances),
    difference: (settlement) => money(settlement.difference),
    document: (settlement, _, ctx) => settlements.settlementDocument(ctx, settlement),
  },
  SettlementLine: {
    service: (line) => line.name,
    cost: (line) => money(line.cost),
    advances: (line) => money(line.advancesPaid),
    difference: (line) => money(line.difference),
  },
  Unit: {
    balance: (unit, { asOf }, ctx) => graph.balanceFieldOf(ctx, unit, asOf),
  },
  Building: {
    repairFund: (building, { asOf }, ctx) => graph.repairFundFieldOf(ctx, building, asOf),
  },
};
