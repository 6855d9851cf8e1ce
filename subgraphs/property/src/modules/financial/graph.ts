// What the financial module's GraphQL reads and the rule mutations do. Reach: staff (financial:write)
// and partner clients with financial:read see the organization; a person the units they own today
// (a tenant who owns nothing sees none: reach.ts says why); an object outside the reach is
// NOT_FOUND like a missing one. Every query runs under the tenant (RLS) through ctx.db.
import {
  AppError,
  decodeCursorOf,
  isUuid,
  keysetOrderBy,
  keysetWhere,
  pageSize,
  requirePermission,
  toConnection,
  type Connection,
  type SortKey,
  readsWholeOrganization,
} from "@ppt/server-kit";
import type { AdvancePaymentRule, Invoice, Payment, Prisma } from "@ppt/db/client";
import type { PropertyContext } from "../../context.ts";
import type { InvoiceFilter, PaymentFilter, SetAdvancePaymentRuleInput } from "../../generated/graphql.ts";
import { unitById, type UnitView } from "../buildings/index.ts";
import { BANK_ACCOUNT_NAME, ensureAccounts } from "./accounts.ts";
import { arrearsAging, type DuePrescription, type Settlement } from "./arrears.ts";
import { validIban } from "./bank-statements/bank-entry.ts";
import { periodDates } from "./bookkeeping.ts";
import { formatAmount, formatDecimal, parseAmount, parseDecimal, type Cents } from "./money.ts";
import { payBySquare } from "./pay-by-square.ts";
import { ownedUnitsOf } from "./reach.ts";

export const CURRENCY = "EUR";

export interface MoneyView {
  amount: string;
  currency: string;
}

/** Money out of cents, a decimal string or a Prisma Decimal (two decimals, exact). */
export const money = (amount: Cents | string | { toFixed(digits: number): string }): MoneyView => ({
  amount: typeof amount === "bigint" ? formatAmount(amount) : typeof amount === "string" ? formatAmount(parseAmount(amount)) : amount.toFixed(2),
  currency: CURRENCY,
});

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const today = () => new Date().toISOString().slice(0, 10);
export const dayOf = (value: Date) => value.toISOString().slice(0, 10);

function localDate(value: string | null | undefined, field: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!datePattern.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw AppError.badInput(`${field} is YYYY-MM-DD`, { field });
  return value;
}

/** The units the caller's financial read reaches: null = the whole organization. */
export async function financialReach(ctx: PropertyContext): Promise<ReadonlySet<string> | null> {
  requirePermission(ctx.caller, "financial:read");
  if (readsWholeOrganization(ctx.caller, "financial")) return null;
  return (await ownedUnitsOf(ctx)).unitIds;
}

function requireStaff(ctx: PropertyContext): string {
  requirePermission(ctx.caller, "financial:write");
  return ctx.caller.organizationId;
}

const reaches = (reach: ReadonlySet<string> | null, unitId: string | null) => reach === null || (unitId !== null && reach.has(unitId));

// Invoices -------------------------------------------------------------------------------------

const INVOICE_ORDER: SortKey[] = [
  { field: "issuedAt", direction: "desc" },
  { field: "number", direction: "desc" },
  { field: "id", direction: "desc" },
];

export async function listInvoices(
  ctx: PropertyContext,
  filter: InvoiceFilter | null | undefined,
  first?: number | null,
  after?: string | null,
): Promise<Connection<Invoice>> {
  const reach = await financialReach(ctx);
  const limit = pageSize(first);
  const cursor = decodeCursorOf(after, ["timestamp", "text", "uuid"]);
  const where: Prisma.InvoiceWhereInput = {
    AND: [
      reach === null ? {} : { unitId: { in: [...reach] } },
      filter?.unitId ? { unitId: filter.unitId } : {},
      filter?.buildingId ? { account: { buildingId: filter.buildingId } } : {},
      filter?.period ? { periodFrom: new Date(`${periodDates(filter.period).from}T00:00:00Z`) } : {},
      filter?.status?.length ? { status: { in: filter.status } } : {},
    ],
  };
  const rows = await ctx.db.read((tx) =>
    tx.invoice.findMany({ where: { AND: [where, keysetWhere(INVOICE_ORDER, cursor)] }, orderBy: keysetOrderBy(INVOICE_ORDER), take: limit + 1 }),
  );
  for (const row of rows) ctx.loaders.invoice.prime(row.id, row);
  return toConnection(
    rows,
    limit,
    (i) => [i.issuedAt.toISOString(), i.number, i.id],
    () => ctx.db.read((tx) => tx.invoice.count({ where })),
  );
}

export async function getInvoice(ctx: PropertyContext, id: string): Promise<Invoice> {
  const reach = await financialReach(ctx);
  const invoice = await ctx.loaders.invoice.load(id);
  if (!invoice || !reaches(reach, invoice.unitId)) throw AppError.notFound("Invoice");
  return invoice;
}

/** An invoice linked from an object the caller already sees (a payment, a credit note). */
export async function linkedInvoice(ctx: PropertyContext, id: string | null): Promise<Invoice | null> {
  if (!id) return null;
  const reach = await financialReach(ctx);
  const invoice = await ctx.loaders.invoice.load(id);
  return invoice && reaches(reach, invoice.unitId) ? invoice : null;
}

/** The organization's bank account an invoice is paid to (batched: a page of invoices is one lookup per organization). */
export async function invoicePayeeIban(ctx: PropertyContext, invoice: Invoice): Promise<string | null> {
  return (await ctx.loaders.bankAccount.load(invoice.organizationId))?.iban ?? null;
}

/** PAY by square for what is still due, to the organization's bank account; null when nothing is due or no IBAN is set. */
export async function invoicePayBySquare(ctx: PropertyContext, invoice: Invoice): Promise<string | null> {
  const due = parseAmount(invoice.total.toFixed(2)) - parseAmount(invoice.amountPaid.toFixed(2));
  if (due <= 0n || invoice.creditsInvoiceId || invoice.status === "CANCELLED") return null;
  const [bank, organization] = await Promise.all([ctx.loaders.bankAccount.load(invoice.organizationId), ctx.loaders.organization.load(invoice.organizationId)]);
  if (!bank?.iban) return null;
  return payBySquare({
    payeeIban: bank.iban,
    payeeName: organization?.name ?? "",
    amount: due,
    currency: CURRENCY,
    variableSymbol: invoice.variableSymbol ?? undefined,
    dueOn: dayOf(invoice.dueAt),
    invoiceNumber: invoice.number,
    note: invoice.number,
  });
}

// Payments -------------------------------------------------------------------------------------

const PAYMENT_ORDER: SortKey[] = [
  { field: "paidAt", direction: "desc" },
  { field: "id", direction: "desc" },
];

async function pageOfPayments(ctx: PropertyContext, where: Prisma.PaymentWhereInput, first?: number | null, after?: string | null) {
  const limit = pageSize(first);
  const cursor = decodeCursorOf(after, ["timestamp", "uuid"]);
  const rows = await ctx.db.read((tx) =>
    tx.payment.findMany({ where: { AND: [where, keysetWhere(PAYMENT_ORDER, cursor)] }, orderBy: keysetOrderBy(PAYMENT_ORDER), take: limit + 1 }),
  );
  for (const row of rows) ctx.loaders.payment.prime(row.id, row);
  return toConnection(
    rows,
    limit,
    (p) => [p.paidAt.toISOString(), p.id],
    () => ctx.db.read((tx) => tx.payment.count({ where })),
  );
}

export async function listPayments(ctx: PropertyContext, filter: PaymentFilter | null | undefined, first?: number | null, after?: string | null) {
  const reach = await financialReach(ctx);
  const where: Prisma.PaymentWhereInput = {
    AND: [
      reach === null ? {} : { account: { unitId: { in: [...reach] } } },
      filter?.unitId ? { account: { unitId: filter.unitId } } : {},
      filter?.matchStatus?.length ? { matchStatus: { in: filter.matchStatus } } : {},
    ],
  };
  return pageOfPayments(ctx, where, first, after);
}

export async function listUnmatchedPayments(ctx: PropertyContext, first?: number | null, after?: string | null) {
  requireStaff(ctx);
  return pageOfPayments(ctx, { matchStatus: "UNMATCHED" }, first, after);
}

export async function getPayment(ctx: PropertyContext, id: string): Promise<Payment> {
  const payment = await ctx.loaders.payment.load(id);
  if (!payment) throw AppError.notFound("Payment");
  return payment;
}

/** The unit a payment was credited to (null while it waits in the suspense account). */
export async function unitOfPayment(ctx: PropertyContext, payment: Payment): Promise<UnitView | null> {
  const account = await ctx.loaders.financialAccount.load(payment.accountId);
  return account?.unitId ? unitById(ctx, account.unitId) : null;
}

/** Payments matched to an invoice the caller sees. */
export function paymentsOfInvoice(ctx: PropertyContext, invoice: Invoice): Promise<Payment[]> {
  return ctx.loaders.paymentsByInvoice.load(invoice.id);
}

// Balances and arrears -------------------------------------------------------------------------

export async function unitBalanceOf(ctx: PropertyContext, unitId: string, asOf?: string | null): Promise<MoneyView> {
  const reach = await financialReach(ctx);
  const unit = await unitById(ctx, unitId);
  if (!unit || !reaches(reach, unitId)) throw AppError.notFound("Unit");
  return money(await ctx.loaders.unitBalance(localDate(asOf, "asOf")).load(unitId));
}

/** Unit.balance: null when the caller may not see the unit's money (never an error in a list of units). */
export async function balanceFieldOf(ctx: PropertyContext, unit: UnitView, asOf?: string | null): Promise<MoneyView | null> {
  if (unit.publicBuilding || !ctx.caller?.permissions.has("financial:read")) return null;
  const reach = await financialReach(ctx);
  if (!reaches(reach, unit.id)) return null;
  return money(await ctx.loaders.unitBalance(localDate(asOf, "asOf")).load(unit.id));
}

/**
 * Building.repairFund: the buildings module decided the caller sees the building; its finances are
 * staff's and its owners' (null to a tenant who owns nothing in it).
 */
export async function repairFundFieldOf(ctx: PropertyContext, building: { id: string; isPublic: boolean }, asOf?: string | null): Promise<MoneyView | null> {
  if (building.isPublic || !ctx.caller?.permissions.has("financial:read") || !ctx.caller.organizationId) return null;
  if (!readsWholeOrganization(ctx.caller, "financial") && !(await ownedUnitsOf(ctx)).buildingIds.has(building.id)) return null;
  return money(await ctx.loaders.repairFund(localDate(asOf, "asOf")).load(building.id));
}

export interface UnitArrearsView {
  unitId: string;
  balance: MoneyView;
  notYetDue: MoneyView;
  days0to30: MoneyView;
  days31to60: MoneyView;
  days61to90: MoneyView;
  over90: MoneyView;
  credit: MoneyView;
}

/**
 * Arrears by age as of a date: the unit's prescriptions settled FIFO by what was paid to its
 * account up to that date (credit notes settle exactly what they cancel). Three statements for the
 * whole organization.
 */
export async function arrears(ctx: PropertyContext, asOfInput?: string | null, buildingId?: string | null): Promise<UnitArrearsView[]> {
  const reach = await financialReach(ctx);
  const asOf = localDate(asOfInput, "asOf") ?? today();
  const asOfDate = new Date(`${asOf}T00:00:00Z`);
  return ctx.db.read(async (tx) => {
    const accounts = await tx.financialAccount.findMany({
      where: {
        kind: "UNIT",
        ...(reach === null ? {} : { unitId: { in: [...reach] } }),
        ...(buildingId ? { buildingId } : {}),
      },
      select: { id: true, unitId: true },
    });
    const accountIds = accounts.map((a) => a.id);
    if (!accountIds.length) return [];
    const invoices = await tx.invoice.findMany({
      where: { accountId: { in: accountIds }, issuedAt: { lte: asOfDate }, status: { not: "DRAFT" } },
      select: { id: true, accountId: true, issuedAt: true, dueAt: true, total: true, creditsInvoiceId: true },
    });
    const paid = await tx.$queryRaw<{ account_id: string; on: string; amount: string }[]>`
      SELECT t.account_id::text, t.occurred_at::date::text AS on, sum(t.amount)::text AS amount
      FROM property.financial_transactions t JOIN property.ledger_postings p ON p.id = t.posting_id
      WHERE t.account_id = ANY (${accountIds}::uuid[]) AND t.kind = 'CREDIT' AND p.kind IN ('PAYMENT', 'MATCH', 'SETTLEMENT_CREDIT') AND t.occurred_at::date <= ${asOf}::date
      GROUP BY t.account_id, t.occurred_at::date`;
    const prescriptions = new Map<string, DuePrescription[]>();
    const settlements = new Map<string, Settlement[]>();
    const push = <T>(map: Map<string, T[]>, key: string, value: T) => (map.get(key) ?? map.set(key, []).get(key)!).push(value);
    const included = new Set(invoices.filter((i) => !i.creditsInvoiceId).map((i) => i.id));
    for (const invoice of invoices) {
      if (invoice.creditsInvoiceId) {
        if (included.has(invoice.creditsInvoiceId)) {
          push(settlements, invoice.accountId, {
            on: dayOf(invoice.issuedAt),
            amount: -parseAmount(invoice.total.toFixed(2)),
            cancels: invoice.creditsInvoiceId,
          });
        }
      } else {
        push(prescriptions, invoice.accountId, {
          id: invoice.id,
          issuedOn: dayOf(invoice.issuedAt),
          dueOn: dayOf(invoice.dueAt),
          amount: parseAmount(invoice.total.toFixed(2)),
        });
      }
    }
    for (const row of paid) push(settlements, row.account_id, { on: row.on, amount: parseAmount(row.amount) });
    const result: UnitArrearsView[] = [];
    for (const account of accounts) {
      const aging = arrearsAging(prescriptions.get(account.id) ?? [], settlements.get(account.id) ?? [], asOf);
      const open = aging.notYetDue + aging.days0to30 + aging.days31to60 + aging.days61to90 + aging.over90;
      if (open === 0n && aging.credit === 0n) continue;
      result.push({
        unitId: account.unitId!,
        balance: money(open - aging.credit),
        notYetDue: money(aging.notYetDue),
        days0to30: money(aging.days0to30),
        days31to60: money(aging.days31to60),
        days61to90: money(aging.days61to90),
        over90: money(aging.over90),
        credit: money(aging.credit),
      });
    }
    return result.sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  });
}

// Advance-payment rules ------------------------------------------------------------------------

export async function rulesOfUnit(ctx: PropertyContext, unitId: string): Promise<AdvancePaymentRule[]> {
  const reach = await financialReach(ctx);
  const unit = await unitById(ctx, unitId);
  if (!unit || !reaches(reach, unitId)) throw AppError.notFound("Unit");
  return ctx.db.read((tx) => tx.advancePaymentRule.findMany({ where: { unitId }, orderBy: [{ validFrom: "desc" }, { fund: "asc" }, { id: "asc" }] }));
}

const dayBefore = (day: string) => dayOf(new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000));

export async function setAdvancePaymentRule(ctx: PropertyContext, input: SetAdvancePaymentRuleInput): Promise<AdvancePaymentRule> {
  const organizationId = requireStaff(ctx);
  const description = input.description.trim();
  if (!description || description.length > 255) throw AppError.badInput("A description has 1 to 255 characters", { field: "description" });
  const amount = parseAmount(input.amount);
  if (amount <= 0n) throw AppError.badInput("An advance is positive", { field: "amount" });
  const vatRate = parseDecimal(input.vatRate ?? "0", 2);
  if (vatRate < 0n || vatRate >= 10_000n) throw AppError.badInput("A VAT rate is a percent from 0 to below 100", { field: "vatRate" });
  const validFrom = localDate(input.validFrom, "validFrom")!;
  const validTo = localDate(input.validTo, "validTo");
  if (validTo !== undefined && validTo < validFrom) throw AppError.badInput("validTo is not before validFrom", { field: "validTo" });
  const unit = await unitById(ctx, input.unitId);
  if (!unit) throw AppError.notFound("Unit");
  return ctx.db.write(async (tx) => {
    // The rule it replaces ends the day before (history is kept: a change is a new row).
    await tx.advancePaymentRule.updateMany({
      where: {
        unitId: unit.id,
        fund: input.fund,
        description,
        validFrom: { lt: new Date(`${validFrom}T00:00:00Z`) },
        OR: [{ validTo: null }, { validTo: { gte: new Date(`${validFrom}T00:00:00Z`) } }],
      },
      data: { validTo: new Date(`${dayBefore(validFrom)}T00:00:00Z`) },
    });
    return tx.advancePaymentRule.create({
      data: {
        organizationId,
        unitId: unit.id,
        fund: input.fund,
        description,
        amount: formatAmount(amount),
        vatRate: formatDecimal(vatRate, 2),
        validFrom: new Date(`${validFrom}T00:00:00Z`),
        validTo: validTo ? new Date(`${validTo}T00:00:00Z`) : null,
      },
    });
  });
}

export async function endAdvancePaymentRule(ctx: PropertyContext, id: string, validToInput: string): Promise<AdvancePaymentRule> {
  requireStaff(ctx);
  const validTo = localDate(validToInput, "validTo")!;
  return ctx.db.write(async (tx) => {
    const rule = isUuid(id) ? await tx.advancePaymentRule.findUnique({ where: { id } }) : null;
    if (!rule) throw AppError.notFound("AdvancePaymentRule");
    if (validTo < dayOf(rule.validFrom)) throw AppError.badInput("validTo is not before validFrom", { field: "validTo" });
    return tx.advancePaymentRule.update({ where: { id }, data: { validTo: new Date(`${validTo}T00:00:00Z`) } });
  });
}

/** The organization's bank account IBAN (PAY by square codes name it). */
export async function setBankAccountIban(ctx: PropertyContext, ibanInput: string): Promise<string> {
  const organizationId = requireStaff(ctx);
  const iban = validIban(ibanInput);
  if (!iban) throw AppError.badInput("The IBAN is not valid", { field: "iban" });
  return ctx.db.write(async (tx) => {
    await ensureAccounts(tx, organizationId);
    await tx.financialAccount.updateMany({ where: { organizationId, kind: "BANK", name: BANK_ACCOUNT_NAME, buildingId: null, unitId: null }, data: { iban } });
    return iban;
  });
}
