// The financial module's DataLoaders: a page of invoices loads its items, payments and accounts
// in one statement each, whatever the page size.
import DataLoader from "dataloader";
import { loaderById, loaderByParent } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { loadOwnedUnits } from "../buildings/index.ts";
import { BANK_ACCOUNT_NAME } from "./accounts.ts";
import { accountBalances } from "./ledger-store.ts";
import type { Cents } from "./money.ts";

export function createFinancialLoaders(ctx: PropertyContext) {
  /** Balances of unit accounts as of one date ("" = today), keyed by unit id; units without an account owe 0. */
  const unitBalanceLoaders = new Map<string, DataLoader<string, Cents>>();
  const repairFundLoaders = new Map<string, DataLoader<string, Cents>>();
  return {
    invoice: loaderById((ids) => ctx.db.read((tx) => tx.invoice.findMany({ where: { id: { in: ids } } }))),
    payment: loaderById((ids) => ctx.db.read((tx) => tx.payment.findMany({ where: { id: { in: ids } } }))),
    financialAccount: loaderById((ids) => ctx.db.read((tx) => tx.financialAccount.findMany({ where: { id: { in: ids } } }))),
    itemsByInvoice: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.invoiceItem.findMany({ where: { invoiceId: { in: ids } }, orderBy: [{ position: "asc" }, { id: "asc" }] })),
      (row) => row.invoiceId,
    ),
    paymentsByInvoice: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.payment.findMany({ where: { invoiceId: { in: ids } }, orderBy: [{ paidAt: "asc" }, { id: "asc" }] })),
      (row) => row.invoiceId!,
    ),
    /** Current ownerships by user id: the units whose money a resident reads (reach.ts), once per request. */
    ownedUnits: loaderByParent(
      (userIds) => ctx.db.read((tx) => loadOwnedUnits(tx, userIds)),
      (row) => row.userId,
    ),
    buildingCost: loaderById((ids) => ctx.db.read((tx) => tx.buildingCost.findMany({ where: { id: { in: ids } } }))),
    sharesByCost: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.buildingCostShare.findMany({ where: { costId: { in: ids } }, orderBy: [{ unitId: "asc" }] })),
      (row) => row.costId,
    ),
    /** The organization's bank account (its IBAN goes into PAY by square codes), keyed by organization id. */
    bankAccount: loaderById((organizationIds) =>
      ctx.db.read(async (tx) =>
        (
          await tx.financialAccount.findMany({
            where: { organizationId: { in: organizationIds }, kind: "BANK", name: BANK_ACCOUNT_NAME, buildingId: null, unitId: null },
            select: { organizationId: true, iban: true },
          })
        ).map((a) => ({ id: a.organizationId, iban: a.iban })),
      ),
    ),
    unitBalance(asOf: string | undefined): DataLoader<string, Cents> {
      const key = asOf ?? "";
      let loader = unitBalanceLoaders.get(key);
      if (!loader) {
        loader = new DataLoader(
          async (unitIds: readonly string[]) =>
            ctx.db.read(async (tx) => {
              const accounts = await tx.financialAccount.findMany({
                where: { unitId: { in: [...unitIds] }, kind: "UNIT" },
                select: { id: true, unitId: true },
              });
              const balances = await accountBalances(
                tx,
                accounts.map((a) => a.id),
                asOf,
              );
              const byUnit = new Map(accounts.map((a) => [a.unitId!, balances.get(a.id) ?? 0n]));
              return unitIds.map((id) => byUnit.get(id) ?? 0n);
            }),
          { maxBatchSize: 1000 },
        );
        unitBalanceLoaders.set(key, loader);
      }
      return loader;
    },
    /** What each building's repair fund holds (credits − debits) as of one date, keyed by building id. */
    repairFund(asOf: string | undefined): DataLoader<string, Cents> {
      const key = asOf ?? "";
      let loader = repairFundLoaders.get(key);
      if (!loader) {
        loader = new DataLoader(
          async (buildingIds: readonly string[]) =>
            ctx.db.read(async (tx) => {
              const accounts = await tx.financialAccount.findMany({
                where: { buildingId: { in: [...buildingIds] }, unitId: null, kind: "REPAIR_FUND" },
                select: { id: true, buildingId: true },
              });
              const balances = await accountBalances(
                tx,
                accounts.map((a) => a.id),
                asOf,
              );
              const byBuilding = new Map(accounts.map((a) => [a.buildingId!, -(balances.get(a.id) ?? 0n)]));
              return buildingIds.map((id) => byBuilding.get(id) ?? 0n);
            }),
          { maxBatchSize: 1000 },
        );
        repairFundLoaders.set(key, loader);
      }
      return loader;
    },
  };
}
