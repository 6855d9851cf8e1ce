// The repair fund statement of a building for a year (výpis z fondu prevádzky, údržby a opráv),
// from the ledger alone: the opening balance (everything before the year), the contributions
// prescribed in the year (less credit notes), the spending (the year's supplier invoices paid from
// the fund, each listed), other movements, and the closing balance — which always equals opening
// + contributions − spending + other, because each is a sum over the same account's postings.
import type { BuildingCost } from "@ppt/db/client";
import { AppError } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { settlementYear } from "./annual-settlement.ts";
import { readsBuildingFinances } from "./building-costs.ts";
import { accountBalances } from "./ledger-store.ts";
import { parseAmount, type Cents } from "./money.ts";

export interface FundStatementView {
  buildingId: string;
  year: number;
  openingBalance: Cents;
  contributions: Cents;
  spending: Cents;
  otherMovements: Cents;
  closingBalance: Cents;
  costs: BuildingCost[];
}

const CONTRIBUTION_KINDS = new Set(["INVOICE", "CREDIT_NOTE"]);
const SPENDING_KINDS = new Set(["BUILDING_COST"]);

/** Staff and the building's owners. */
export async function repairFundStatement(ctx: PropertyContext, buildingId: string, year: number): Promise<FundStatementView> {
  const { from, to } = settlementYear(year);
  if (!(await readsBuildingFinances(ctx, buildingId))) throw AppError.notFound("Building");
  return ctx.db.read(async (tx) => {
    const costs = await tx.buildingCost.findMany({
      where: { buildingId, fund: "REPAIR_FUND", incurredOn: { gte: from, lt: to } },
      orderBy: [{ incurredOn: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    });
    for (const cost of costs) ctx.loaders.buildingCost.prime(cost.id, cost);
    const account = await tx.financialAccount.findFirst({ where: { buildingId, unitId: null, kind: "REPAIR_FUND" }, select: { id: true } });
    const empty = { buildingId, year, openingBalance: 0n, contributions: 0n, spending: 0n, otherMovements: 0n, closingBalance: 0n, costs };
    if (!account) return empty;
    // The fund holds credits − debits (a liability of the owners' association to its owners).
    const opening = -((await accountBalances(tx, [account.id], `${year - 1}-12-31`)).get(account.id) ?? 0n);
    const movements = await tx.$queryRaw<{ kind: string; held: string }[]>`
      SELECT p.kind, sum(CASE WHEN t.kind = 'CREDIT' THEN t.amount ELSE -t.amount END)::text AS held
      FROM property.financial_transactions t JOIN property.ledger_postings p ON p.id = t.posting_id
      WHERE t.account_id = ${account.id}::uuid AND t.occurred_at::date >= ${from}::date AND t.occurred_at::date < ${to}::date
      GROUP BY p.kind`;
    let contributions = 0n;
    let spending = 0n;
    let otherMovements = 0n;
    for (const row of movements) {
      const held = parseAmount(row.held);
      if (CONTRIBUTION_KINDS.has(row.kind)) contributions += held;
      else if (SPENDING_KINDS.has(row.kind)) spending -= held;
      else otherMovements += held;
    }
    return { ...empty, openingBalance: opening, contributions, spending, otherMovements, closingBalance: opening + contributions - spending + otherMovements };
  });
}
