// Building costs: a supplier's invoice for a building's service or fund (heat, water, lift,
// cleaning, repair-fund works…). It is posted as a double entry — debit the building's fund
// account (the repair fund shrinks, a service's account carries the cost until the annual
// settlement), credit the suppliers' account — and split over the building's active units by the
// service's key with the largest-remainder allocation, so the parts add up to the invoice to the
// cent. Staff record it behind an idempotency key; owners in the building read the costs and
// only their own units' parts.
import { randomUUID } from "node:crypto";
import type { BuildingCost, BuildingCostShare, FinancialAccountKind } from "@ppt/db/client";
import { AppError, readsWholeOrganization, requirePermission, withIdempotency, type Tx } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { buildingIdsOf, unitWeightsOfBuilding } from "../buildings/index.ts";
import { consumptionForSettlement, personMonthsOfYear } from "../meters/index.ts";
import { ensureAccounts, suppliersAccount } from "./accounts.ts";
import { allocate, type AllocationKey, type AllocationShare } from "./allocation.ts";
import { writePostings } from "./ledger-store.ts";
import { formatAmount, parseAmount, type Cents } from "./money.ts";
import { ownedUnitsOf } from "./reach.ts";

export type AllocationKeyKind = AllocationKey["kind"];
export type CostFund = Extract<FinancialAccountKind, "REPAIR_FUND" | "OPERATING" | "OTHER">;

export interface RecordBuildingCostInput {
  buildingId: string;
  fund: CostFund;
  service: string;
  supplierName: string;
  supplierInvoiceNumber: string;
  description?: string | null;
  /** Decimal string, e.g. "1000.00". */
  amount: string;
  incurredOn: string;
  allocationKey: AllocationKeyKind;
  /** CONSUMPTION: the meters module's reading period whose consumption splits the cost. */
  readingPeriodId?: string | null;
  idempotencyKey: string;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function text(value: string | null | undefined, field: string, max: number, required = true): string | null {
  const trimmed = value?.trim() ?? "";
  if (!trimmed) {
    if (required) throw AppError.badInput(`${field} is required`, { field });
    return null;
  }
  if (trimmed.length > max) throw AppError.badInput(`${field} has at most ${max} characters`, { field });
  return trimmed;
}

/** The units' weights under a key (PERSON_MONTHS over the cost's year, CONSUMPTION from the reading period). */
async function sharesOf(
  tx: Tx,
  buildingId: string,
  key: AllocationKeyKind,
  year: number,
  consumption: ReadonlyMap<string, string> | null,
): Promise<{ shares: AllocationShare[]; weights: Map<string, string> }> {
  const units = await unitWeightsOfBuilding(tx, buildingId);
  if (!units.length) throw AppError.badInput("The building has no units to split the cost over", { reason: "NO_UNITS" });
  const weights = new Map<string, string>();
  const shares: AllocationShare[] = [];
  if (key === "PERSON_MONTHS") {
    const months = await personMonthsOfYear(
      tx,
      units.map((u) => u.id),
      year,
    );
    for (const unit of units) {
      const personMonths = months.get(unit.id) ?? 0;
      shares.push({ unitId: unit.id, key: { kind: key, personMonths } });
      weights.set(unit.id, String(personMonths));
    }
  } else if (key === "CONSUMPTION") {
    const known = new Set(units.map((u) => u.id));
    for (const unitId of consumption!.keys()) {
      if (!known.has(unitId)) throw AppError.badInput("The reading period is not of this building", { field: "readingPeriodId" });
    }
    for (const unit of units) {
      const used = consumption!.get(unit.id) ?? "0.000";
      shares.push({ unitId: unit.id, key: { kind: key, consumption: used } });
      weights.set(unit.id, used);
    }
  } else if (key === "FLOOR_AREA") {
    for (const unit of units) {
      if (unit.floorArea === null) throw AppError.badInput(`Unit ${unit.designation} has no floor area`, { reason: "MISSING_FLOOR_AREA" });
      shares.push({ unitId: unit.id, key: { kind: key, area: unit.floorArea } });
      weights.set(unit.id, unit.floorArea);
    }
  } else {
    for (const unit of units) {
      shares.push({ unitId: unit.id, key: { kind: key, share: { numerator: unit.shareNumerator, denominator: unit.shareDenominator } } });
      weights.set(unit.id, `${unit.shareNumerator}/${unit.shareDenominator}`);
    }
  }
  return { shares, weights };
}

/** Records a supplier invoice of a building, posts it and splits it over the units. Staff only. */
export async function recordBuildingCost(ctx: PropertyContext, input: RecordBuildingCostInput): Promise<{ costId: string }> {
  requirePermission(ctx.caller, "financial:write");
  const organizationId = ctx.caller.organizationId;
  const service = text(input.service, "service", 255)!;
  const supplierName = text(input.supplierName, "supplierName", 255)!;
  const supplierInvoiceNumber = text(input.supplierInvoiceNumber, "supplierInvoiceNumber", 100)!;
  const description = text(input.description, "description", 500, false);
  const amount: Cents = parseAmount(input.amount);
  if (amount <= 0n) throw AppError.badInput("A cost is positive", { field: "amount" });
  if (!datePattern.test(input.incurredOn) || Number.isNaN(Date.parse(`${input.incurredOn}T00:00:00Z`))) {
    throw AppError.badInput("incurredOn is YYYY-MM-DD", { field: "incurredOn" });
  }
  // Consumption comes through the meters module (its own permission and transaction), before ours.
  let consumption: Map<string, string> | null = null;
  if (input.allocationKey === "CONSUMPTION") {
    if (!input.readingPeriodId) throw AppError.badInput("A cost split by consumption names the reading period", { field: "readingPeriodId" });
    const period = await consumptionForSettlement(ctx, input.readingPeriodId);
    consumption = new Map(period.units.map((u) => [u.unitId, u.consumption.toFixed(3)]));
  }
  const params = {
    buildingId: input.buildingId,
    fund: input.fund,
    service,
    supplierName,
    supplierInvoiceNumber,
    description,
    amount: formatAmount(amount),
    incurredOn: input.incurredOn,
    allocationKey: input.allocationKey,
    readingPeriodId: input.readingPeriodId ?? null,
  };
  return ctx.db.write((tx) =>
    withIdempotency(tx, { key: input.idempotencyKey, operation: "financial.recordBuildingCost", params }, async () => {
      if (!(await buildingIdsOf(tx, organizationId)).includes(input.buildingId)) throw AppError.notFound("Building");
      const duplicate = await tx.buildingCost.findFirst({ where: { buildingId: input.buildingId, supplierName, supplierInvoiceNumber }, select: { id: true } });
      if (duplicate) throw AppError.conflict("This supplier invoice is recorded already", { reason: "DUPLICATE_SUPPLIER_INVOICE" });
      const { shares, weights } = await sharesOf(tx, input.buildingId, input.allocationKey, Number(input.incurredOn.slice(0, 4)), consumption);
      const parts = allocate(amount, shares);
      await ensureAccounts(tx, organizationId);
      const suppliers = await suppliersAccount(tx, organizationId);
      const fundAccount = await tx.financialAccount.findFirst({
        where: { buildingId: input.buildingId, unitId: null, kind: input.fund },
        select: { id: true },
      });
      if (!fundAccount) throw new Error("The building's fund account is not open");
      const id = randomUUID();
      await writePostings(tx, organizationId, [
        {
          id,
          postedOn: input.incurredOn,
          kind: "BUILDING_COST",
          description: `${service}: ${supplierName} ${supplierInvoiceNumber}`,
          lines: [
            { accountId: fundAccount.id, side: "DEBIT", amount },
            { accountId: suppliers, side: "CREDIT", amount },
          ],
        },
      ]);
      await tx.buildingCost.create({
        data: {
          id,
          organizationId,
          buildingId: input.buildingId,
          fund: input.fund,
          service,
          allocationKey: input.allocationKey,
          supplierName,
          supplierInvoiceNumber,
          description,
          amount: formatAmount(amount),
          incurredOn: new Date(`${input.incurredOn}T00:00:00Z`),
          postingId: id,
          createdById: ctx.caller?.userId ?? null,
          shares: {
            create: parts.map((part) => ({ organizationId, unitId: part.unitId, weight: weights.get(part.unitId)!, amount: formatAmount(part.amount) })),
          },
        },
      });
      return { costId: id };
    }),
  );
}

/** Whether the caller reads the building's finances: staff the organization's, owners their buildings' (reach.ts). */
export async function readsBuildingFinances(ctx: PropertyContext, buildingId: string): Promise<boolean> {
  requirePermission(ctx.caller, "financial:read");
  if (readsWholeOrganization(ctx.caller, "financial")) return (await ctx.loaders.building.load(buildingId)) !== null;
  return (await ownedUnitsOf(ctx)).buildingIds.has(buildingId);
}

const yearRange = (year: number) => {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw AppError.badInput("year is from 2000 to 2100", { field: "year" });
  return { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) };
};

/** The building's costs incurred in a year, oldest first. Staff and the building's owners. */
export async function buildingCostsOf(ctx: PropertyContext, buildingId: string, year: number): Promise<BuildingCost[]> {
  const incurredOn = yearRange(year);
  if (!(await readsBuildingFinances(ctx, buildingId))) throw AppError.notFound("Building");
  const costs = await ctx.db.read((tx) =>
    tx.buildingCost.findMany({ where: { buildingId, incurredOn }, orderBy: [{ incurredOn: "asc" }, { createdAt: "asc" }, { id: "asc" }] }),
  );
  for (const cost of costs) ctx.loaders.buildingCost.prime(cost.id, cost);
  return costs;
}

export async function buildingCostById(ctx: PropertyContext, id: string): Promise<BuildingCost> {
  const cost = await ctx.loaders.buildingCost.load(id);
  if (!cost || !(await readsBuildingFinances(ctx, cost.buildingId))) throw AppError.notFound("BuildingCost");
  return cost;
}

/** A cost's parts over the units: staff see every unit's, an owner only their own units'. */
export async function sharesOfCost(ctx: PropertyContext, cost: BuildingCost): Promise<BuildingCostShare[]> {
  const shares = await ctx.loaders.sharesByCost.load(cost.id);
  if (readsWholeOrganization(ctx.caller, "financial")) return shares;
  const { unitIds } = await ownedUnitsOf(ctx);
  return shares.filter((s) => unitIds.has(s.unitId));
}
