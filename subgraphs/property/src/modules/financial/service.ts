// The financial module's operations as callers reach them: permission first, then the work in one
// transaction under the tenant (RLS), every money-moving mutation behind an idempotency key.
// Reads: managers and accountants (financial:write) see the organization; an owner sees the units
// they own, a tenant the units they live in (what they pay); anyone else nothing.
import { AppError, requirePermission, withIdempotency, type Caller, type TenantDb, type Tx } from "@ppt/server-kit";
import { buildingIdsOf, loadOwnedUnits } from "../buildings/index.ts";
import { parseCamt053 } from "./bank-statements/camt053.ts";
import { parseCsvStatement, type CsvStatementFormat } from "./bank-statements/csv.ts";
import {
  creditInvoice as postCreditNote,
  importEntries,
  issueMonth,
  matchPaymentToUnit,
  recordUnitPayment,
  type ImportSummary,
  type ManualPayment,
} from "./bookkeeping.ts";
import { accountBalances } from "./ledger-store.ts";
import { formatAmount, parseAmount } from "./money.ts";

export interface FinancialContext {
  caller: Caller | null;
  db: TenantDb;
}

const today = () => new Date().toISOString().slice(0, 10);

function requireOrganization(ctx: FinancialContext): string {
  if (!ctx.caller?.organizationId) throw AppError.unauthenticated();
  return ctx.caller.organizationId;
}

function requireStaff(ctx: FinancialContext): string {
  requirePermission(ctx.caller, "financial:write");
  return ctx.caller.organizationId;
}

export async function issueInvoices(ctx: FinancialContext, input: { period: string; idempotencyKey: string }): Promise<{ issued: number; total: string }> {
  const organizationId = requireStaff(ctx);
  return ctx.db.write((tx) =>
    withIdempotency(tx, { key: input.idempotencyKey, operation: "financial.issueInvoices", params: { period: input.period } }, () =>
      issueMonth(tx, organizationId, input.period),
    ),
  );
}

export async function creditInvoice(
  ctx: FinancialContext,
  input: { invoiceId: string; reason: string; idempotencyKey: string },
): Promise<{ creditNoteId: string }> {
  const organizationId = requireStaff(ctx);
  return ctx.db.write((tx) =>
    withIdempotency(
      tx,
      { key: input.idempotencyKey, operation: "financial.creditInvoice", params: { invoiceId: input.invoiceId, reason: input.reason } },
      async () => ({
        creditNoteId: await postCreditNote(tx, organizationId, input.invoiceId, input.reason, today()),
      }),
    ),
  );
}

export interface RecordPaymentInput {
  unitId: string;
  /** Decimal string, e.g. "120.50". */
  amount: string;
  paidOn: string;
  method?: ManualPayment["method"];
  reference?: string | null;
  payerIban?: string | null;
  idempotencyKey: string;
}

export async function recordPayment(ctx: FinancialContext, input: RecordPaymentInput): Promise<{ paymentId: string; status: string }> {
  const organizationId = requireStaff(ctx);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.paidOn)) throw AppError.badInput("paidOn is YYYY-MM-DD", { field: "paidOn" });
  const amount = parseAmount(input.amount);
  const params = {
    unitId: input.unitId,
    amount: formatAmount(amount),
    paidOn: input.paidOn,
    method: input.method ?? "BANK_TRANSFER",
    reference: input.reference ?? null,
  };
  return ctx.db.write((tx) =>
    withIdempotency(tx, { key: input.idempotencyKey, operation: "financial.recordPayment", params }, () =>
      recordUnitPayment(tx, organizationId, {
        unitId: input.unitId,
        amount,
        paidOn: input.paidOn,
        method: params.method,
        reference: input.reference ?? undefined,
        payerIban: input.payerIban ?? undefined,
        recordedById: ctx.caller?.userId ?? null,
      }),
    ),
  );
}

/** A Slovak bank's CSV export ("DD.MM.YYYY", decimal comma, semicolons) unless told otherwise. */
export const defaultCsvFormat: CsvStatementFormat = {
  delimiter: ";",
  decimalSeparator: ",",
  dateFormat: "DD.MM.YYYY",
  columns: {
    bookedOn: "Dátum",
    amount: "Suma",
    currency: "Mena",
    variableSymbol: "VS",
    payerIban: "IBAN",
    payerName: "Názov",
    bankReference: "Referencia",
    remittance: "Správa",
  },
};

export async function importBankStatement(
  ctx: FinancialContext,
  input: { content: string; format: "CAMT053" | "CSV"; idempotencyKey: string; csvFormat?: CsvStatementFormat },
): Promise<ImportSummary> {
  const organizationId = requireStaff(ctx);
  const entries = input.format === "CAMT053" ? parseCamt053(input.content).entries : parseCsvStatement(input.content, input.csvFormat ?? defaultCsvFormat);
  const { createHash } = await import("node:crypto");
  const contentHash = createHash("sha256").update(input.content).digest("hex");
  return ctx.db.write((tx) =>
    withIdempotency(tx, { key: input.idempotencyKey, operation: "financial.importBankStatement", params: { format: input.format, contentHash } }, () =>
      importEntries(tx, organizationId, entries, contentHash.slice(0, 16), ctx.caller?.userId ?? null),
    ),
  );
}

export async function matchPayment(
  ctx: FinancialContext,
  input: { paymentId: string; unitId: string; idempotencyKey: string },
): Promise<{ paymentId: string }> {
  const organizationId = requireStaff(ctx);
  return ctx.db.write((tx) =>
    withIdempotency(
      tx,
      { key: input.idempotencyKey, operation: "financial.matchPayment", params: { paymentId: input.paymentId, unitId: input.unitId } },
      async () => ({
        paymentId: await matchPaymentToUnit(tx, organizationId, input.paymentId, input.unitId, today()),
      }),
    ),
  );
}

/** Units the caller reaches: all of the organization for staff, else the ones they own (reach.ts). */
async function reachableUnitIds(tx: Tx, ctx: FinancialContext, unitIds: readonly string[]): Promise<Set<string>> {
  const caller = ctx.caller;
  if (!caller?.organizationId) throw AppError.unauthenticated();
  if (caller.permissions.has("financial:write") || (caller.clientId && caller.permissions.has("financial:read"))) return new Set(unitIds);
  if (!caller.userId) return new Set();
  if (!caller.permissions.has("financial:read")) return new Set();
  const owned = await loadOwnedUnits(tx, [caller.userId]);
  const wanted = new Set(unitIds);
  return new Set(owned.map((r) => r.unitId).filter((id) => wanted.has(id)));
}

/**
 * Balances of units (what each owes; negative is credit) as of a date, for the units the caller
 * reaches; another unit answers NOT_FOUND like a missing one.
 */
export async function unitBalances(ctx: FinancialContext, unitIds: readonly string[], asOf?: string): Promise<Map<string, string>> {
  return ctx.db.read(async (tx) => {
    const reachable = await reachableUnitIds(tx, ctx, unitIds);
    const accounts = await tx.financialAccount.findMany({ where: { unitId: { in: [...reachable] }, kind: "UNIT" }, select: { id: true, unitId: true } });
    const balances = await accountBalances(
      tx,
      accounts.map((a) => a.id),
      asOf,
    );
    const result = new Map<string, string>();
    for (const unitId of reachable) result.set(unitId, "0.00");
    for (const account of accounts) result.set(account.unitId!, formatAmount(balances.get(account.id) ?? 0n));
    return result;
  });
}

export async function unitBalance(ctx: FinancialContext, unitId: string, asOf?: string): Promise<string> {
  const balance = (await unitBalances(ctx, [unitId], asOf)).get(unitId);
  if (balance === undefined) throw AppError.notFound("Unit");
  return balance;
}

/** The repair fund of a building: what it holds (credits − debits) as of a date. Staff and the building's owners. */
export async function repairFundBalance(ctx: FinancialContext, buildingId: string, asOf?: string): Promise<string> {
  requirePermission(ctx.caller, "financial:read");
  return ctx.db.read(async (tx) => {
    const account = await tx.financialAccount.findFirst({ where: { buildingId, unitId: null, kind: "REPAIR_FUND" }, select: { id: true } });
    if (!account) {
      if (!(await buildingIdsOf(tx, requireOrganization(ctx))).includes(buildingId)) throw AppError.notFound("Building");
      return "0.00";
    }
    const balances = await accountBalances(tx, [account.id], asOf);
    return formatAmount(-(balances.get(account.id) ?? 0n));
  });
}
