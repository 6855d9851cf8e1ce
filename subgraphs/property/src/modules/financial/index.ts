// The financial module's public surface.
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
