// Budget vs actual per building and year: staff set what a building plans to spend on each
// service or fund; the actual is the sum of the year's supplier invoices of that fund and service
// (each one a BUILDING_COST posting of the ledger). Lines are the union of both, so an unplanned
// cost shows with a zero budget.
import type { FinancialBudget } from "@ppt/db/client";
import { AppError, requirePermission } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { buildingIdsOf } from "../buildings/index.ts";
import { settlementYear } from "./annual-settlement.ts";
import { readsBuildingFinances, type CostFund } from "./building-costs.ts";
import { formatAmount, parseAmount, type Cents } from "./money.ts";

export interface BudgetLineView {
  fund: CostFund;
  service: string;
  budget: Cents;
  actual: Cents;
}

/** Sets (or replaces) a building's budget of a service for a year and answers its line. Staff only. */
export async function setBudget(
  ctx: PropertyContext,
  input: { buildingId: string; year: number; fund: CostFund; service: string; amount: string },
): Promise<BudgetLineView> {
  const budget = await storeBudget(ctx, input);
  const line = (await budgetVsActual(ctx, input.buildingId, input.year)).find((l) => keyOf(l.fund, l.service) === keyOf(budget.fund, budget.service));
  if (!line) throw AppError.notFound("Budget");
  return line;
}

async function storeBudget(
  ctx: PropertyContext,
  input: { buildingId: string; year: number; fund: CostFund; service: string; amount: string },
): Promise<FinancialBudget> {
  requirePermission(ctx.caller, "financial:write");
  const organizationId = ctx.caller.organizationId;
  settlementYear(input.year);
  const service = input.service.trim();
  if (!service || service.length > 255) throw AppError.badInput("service has 1 to 255 characters", { field: "service" });
  const amount = parseAmount(input.amount);
  if (amount < 0n) throw AppError.badInput("A budget is not negative", { field: "amount" });
  return ctx.db.write(async (tx) => {
    if (!(await buildingIdsOf(tx, organizationId)).includes(input.buildingId)) throw AppError.notFound("Building");
    return tx.financialBudget.upsert({
      where: { buildingId_year_fund_service: { buildingId: input.buildingId, year: input.year, fund: input.fund, service } },
      create: { organizationId, buildingId: input.buildingId, year: input.year, fund: input.fund, service, amount: formatAmount(amount) },
      update: { amount: formatAmount(amount) },
    });
  });
}

const keyOf = (fund: string, service: string) => `${fund}\u0000${service.trim().toLowerCase()}`;

/** Staff and the building's owners. */
export async function budgetVsActual(ctx: PropertyContext, buildingId: string, year: number): Promise<BudgetLineView[]> {
  const { from, to } = settlementYear(year);
  if (!(await readsBuildingFinances(ctx, buildingId))) throw AppError.notFound("Building");
  const [budgets, actuals] = await ctx.db.read((tx) =>
    Promise.all([
      tx.financialBudget.findMany({ where: { buildingId, year } }),
      tx.buildingCost.groupBy({ by: ["fund", "service"], where: { buildingId, incurredOn: { gte: from, lt: to } }, _sum: { amount: true } }),
    ]),
  );
  const lines = new Map<string, BudgetLineView>();
  for (const b of budgets)
    lines.set(keyOf(b.fund, b.service), { fund: b.fund as CostFund, service: b.service, budget: parseAmount(b.amount.toFixed(2)), actual: 0n });
  for (const a of actuals) {
    const key = keyOf(a.fund, a.service);
    const line = lines.get(key) ?? { fund: a.fund as CostFund, service: a.service, budget: 0n, actual: 0n };
    line.actual += parseAmount(a._sum.amount!.toFixed(2));
    lines.set(key, line);
  }
  return [...lines.values()].sort((a, b) => (a.fund === b.fund ? a.service.localeCompare(b.service, "sk") : a.fund < b.fund ? -1 : 1));
}
