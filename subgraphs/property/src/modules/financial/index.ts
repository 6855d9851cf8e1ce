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
export { allocate, type AllocationKey, type AllocationShare } from "./allocation.ts";
