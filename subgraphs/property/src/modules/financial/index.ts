// The financial module's public surface.
export { createFinancialLoaders } from "./loaders.ts";
export { financialResolvers } from "./resolvers.ts";
export {
  creditInvoice,
  importBankStatement,
  issueInvoices,
  matchPayment,
  recordPayment,
  repairFundBalance,
  unitBalance,
  unitBalances,
  type FinancialContext,
} from "./service.ts";
export { allocate, type AllocatedPart, type AllocationKey, type AllocationShare } from "./allocation.ts";
export { formatAmount, parseAmount, sumCents, type Cents } from "./money.ts";
