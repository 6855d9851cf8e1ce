// The annual settlement (ročné vyúčtovanie) of a building's services on the database: the year's
// supplier invoices of services (fund OTHER), already split over the units when recorded, set
// against the advances prescribed for the same service (an advance item's description names its
// service). Prescribed, not paid: what a unit left unpaid is still owed on its account, so counting
// only paid advances would charge it twice. Approval posts each unit's difference once: an arrear
// becomes an invoice the owner pays (variable symbol, PAY by square, arrears aging), an
// overpayment a credit on the unit's account that settles its next prescriptions. The repair fund
// and operating costs are not settled (their contributions stay in the fund).
import { randomUUID } from "node:crypto";
import { AppError, requirePermission, withIdempotency, type Tx } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { buildingById, buildingIdsOf, ownershipsOfUnit, unitById } from "../buildings/index.ts";
import { memberById } from "../organizations/index.ts";
import { ensureAccounts } from "./accounts.ts";
import { readsBuildingFinances, type AllocationKeyKind } from "./building-costs.ts";
import { resettleInvoices } from "./bookkeeping.ts";
import { financialReach } from "./graph.ts";
import { writePostings, type StoredPosting } from "./ledger-store.ts";
import { formatAmount, parseAmount, type Cents } from "./money.ts";
import { settleAllocated, type SettledServiceName, type SettlementLine, type UnitSettlement } from "./settlement.ts";
import { settlementPdf } from "./settlement-pdf.ts";

export interface AnnualSettlementView {
  buildingId: string;
  year: number;
  approvedAt: Date | null;
  units: UnitSettlementView[];
}

export interface UnitSettlementView extends UnitSettlement {
  buildingId: string;
}

export function settlementYear(year: number): { from: Date; to: Date } {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw AppError.badInput("year is from 2000 to 2100", { field: "year" });
  return { from: new Date(Date.UTC(year, 0, 1)), to: new Date(Date.UTC(year + 1, 0, 1)) };
}

const serviceKey = (name: string) => name.trim().toLowerCase();

/** The settlement of every unit of a building for a year, computed from the ledger's sources now. */
export async function computeSettlement(tx: Tx, buildingId: string, year: number): Promise<UnitSettlement[]> {
  const { from, to } = settlementYear(year);
  const costs = await tx.buildingCost.findMany({
    where: { buildingId, fund: "OTHER", incurredOn: { gte: from, lt: to } },
    include: { shares: true },
    orderBy: [{ incurredOn: "asc" }, { id: "asc" }],
  });
  const services = new Map<string, SettledServiceName>();
  const unitCosts = new Map<string, Map<string, Cents>>();
  for (const cost of costs) {
    const key = serviceKey(cost.service);
    if (!services.has(key)) services.set(key, { serviceId: key, name: cost.service, allocationKey: cost.allocationKey as AllocationKeyKind });
    for (const share of cost.shares) {
      const byService = unitCosts.get(share.unitId) ?? unitCosts.set(share.unitId, new Map()).get(share.unitId)!;
      byService.set(key, (byService.get(key) ?? 0n) + parseAmount(share.amount.toFixed(2)));
    }
  }
  // Advances prescribed in the year for service items (an OTHER rule of the unit with that description).
  const advances = await tx.$queryRaw<{ unit_id: string; description: string; amount: string }[]>`
    SELECT i.unit_id::text, min(it.description) AS description, sum(it.total)::text AS amount
    FROM property.invoices i
    JOIN property.financial_accounts a ON a.id = i.account_id AND a.kind = 'UNIT' AND a.building_id = ${buildingId}::uuid
    JOIN property.invoice_items it ON it.invoice_id = i.id
    WHERE i.credits_invoice_id IS NULL AND i.status NOT IN ('CANCELLED', 'DRAFT')
      AND i.period_from >= ${from}::date AND i.period_from < ${to}::date
      AND EXISTS (SELECT 1 FROM property.advance_payment_rules r WHERE r.unit_id = i.unit_id AND r.fund = 'OTHER' AND r.description = it.description)
    GROUP BY i.unit_id, lower(btrim(it.description))`;
  const unitAdvances = new Map<string, Map<string, Cents>>();
  for (const row of advances) {
    const key = serviceKey(row.description);
    if (!services.has(key)) services.set(key, { serviceId: key, name: row.description, allocationKey: "OWNERSHIP_SHARE" });
    const byService = unitAdvances.get(row.unit_id) ?? unitAdvances.set(row.unit_id, new Map()).get(row.unit_id)!;
    byService.set(key, (byService.get(key) ?? 0n) + parseAmount(row.amount));
  }
  return settleAllocated(year, [...services.values()], unitCosts, unitAdvances);
}

interface StoredLine {
  serviceId: string;
  name: string;
  allocationKey: SettlementLine["allocationKey"];
  cost: string;
  advancesPaid: string;
  difference: string;
}

function fromStored(
  buildingId: string,
  year: number,
  row: { unitId: string; totalCost: unknown; totalAdvances: unknown; difference: unknown; lines: unknown },
) {
  const cents = (value: unknown) => parseAmount((value as { toFixed(d: number): string }).toFixed(2));
  const lines = (row.lines as StoredLine[]).map((l): SettlementLine => ({
    serviceId: l.serviceId,
    name: l.name,
    allocationKey: l.allocationKey,
    cost: parseAmount(l.cost),
    advancesPaid: parseAmount(l.advancesPaid),
    difference: parseAmount(l.difference),
  }));
  const difference = cents(row.difference);
  const view: UnitSettlementView = {
    buildingId,
    year,
    unitId: row.unitId,
    lines,
    totalCost: cents(row.totalCost),
    totalAdvances: cents(row.totalAdvances),
    difference,
    result: difference > 0n ? "OVERPAYMENT" : difference < 0n ? "ARREAR" : "SETTLED",
  };
  return view;
}

/**
 * A building's settlement for a year: as approved (what was posted) or, before approval, as it
 * stands now. Staff see every unit; an owner in the building only their own units.
 */
export async function settlementOf(ctx: PropertyContext, buildingId: string, year: number): Promise<AnnualSettlementView> {
  settlementYear(year);
  if (!(await readsBuildingFinances(ctx, buildingId))) throw AppError.notFound("Building");
  const reach = await financialReach(ctx);
  const view = await ctx.db.read(async (tx): Promise<AnnualSettlementView> => {
    const approved = await tx.annualSettlement.findUnique({ where: { buildingId_year: { buildingId, year } }, include: { units: true } });
    if (approved) {
      return { buildingId, year, approvedAt: approved.approvedAt, units: approved.units.map((u) => fromStored(buildingId, year, u)).sort(byUnit) };
    }
    const units = await computeSettlement(tx, buildingId, year);
    return { buildingId, year, approvedAt: null, units: units.map((u) => ({ ...u, buildingId })) };
  });
  return reach === null ? view : { ...view, units: view.units.filter((u) => reach.has(u.unitId)) };
}

const byUnit = (a: { unitId: string }, b: { unitId: string }) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0);

/** One unit's settlement for a year (no lines when it took part in no service). Staff and the unit's owners. */
export async function unitSettlementOf(ctx: PropertyContext, unitId: string, year: number): Promise<UnitSettlementView> {
  const reach = await financialReach(ctx);
  const unit = await unitById(ctx, unitId);
  if (!unit || (reach !== null && !reach.has(unitId))) throw AppError.notFound("Unit");
  const settlement = await settlementOf(ctx, unit.buildingId, year);
  return (
    settlement.units.find((u) => u.unitId === unitId) ?? {
      buildingId: unit.buildingId,
      year,
      unitId,
      lines: [],
      totalCost: 0n,
      totalAdvances: 0n,
      difference: 0n,
      result: "SETTLED",
    }
  );
}

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Approves a building's settlement for a year: stores every unit's result and posts its
 * difference (once per building and year; a retry with the key returns the first answer, another
 * key is CONFLICT). Staff only.
 */
export async function approveAnnualSettlement(
  ctx: PropertyContext,
  input: { buildingId: string; year: number; idempotencyKey: string },
): Promise<{ settlementId: string }> {
  requirePermission(ctx.caller, "financial:write");
  const organizationId = ctx.caller.organizationId;
  settlementYear(input.year);
  const approvedOn = new Date().toISOString().slice(0, 10);
  return ctx.db.write((tx) =>
    withIdempotency(
      tx,
      { key: input.idempotencyKey, operation: "financial.approveAnnualSettlement", params: { buildingId: input.buildingId, year: input.year } },
      async () => {
        if (!(await buildingIdsOf(tx, organizationId)).includes(input.buildingId)) throw AppError.notFound("Building");
        const existing = await tx.annualSettlement.findUnique({ where: { buildingId_year: { buildingId: input.buildingId, year: input.year } } });
        if (existing) throw AppError.conflict("The settlement of this year is approved already", { reason: "ALREADY_APPROVED" });
        const units = await computeSettlement(tx, input.buildingId, input.year);
        if (!units.length) throw AppError.badInput("Nothing to settle: no service costs or advances in the year", { reason: "NOTHING_TO_SETTLE" });
        await ensureAccounts(tx, organizationId);
        const services = await tx.financialAccount.findFirst({ where: { buildingId: input.buildingId, unitId: null, kind: "OTHER" }, select: { id: true } });
        const accounts = await tx.financialAccount.findMany({
          where: { unitId: { in: units.map((u) => u.unitId) }, kind: "UNIT" },
          select: { id: true, unitId: true, variableSymbol: true },
        });
        const accountOf = new Map(accounts.map((a) => [a.unitId!, a]));
        if (!services || accounts.length !== units.length) throw new Error("The building's accounts are not open");
        const settlementId = randomUUID();
        await tx.annualSettlement.create({
          data: { id: settlementId, organizationId, buildingId: input.buildingId, year: input.year, approvedById: ctx.caller?.userId ?? null },
        });
        const postings: StoredPosting[] = [];
        const rows = [];
        for (const unit of units) {
          const account = accountOf.get(unit.unitId)!;
          let postingId: string | null = null;
          if (unit.difference < 0n) {
            // An arrear: an invoice the owner pays like a prescription.
            const due = -unit.difference;
            postingId = randomUUID();
            await tx.invoice.create({
              data: {
                id: postingId,
                organizationId,
                accountId: account.id,
                unitId: unit.unitId,
                number: `V${input.year}-${account.variableSymbol ?? postingId.slice(0, 8)}`,
                status: "ISSUED",
                issuedAt: new Date(`${approvedOn}T00:00:00Z`),
                dueAt: new Date(`${addDays(approvedOn, 30)}T00:00:00Z`),
                subtotal: formatAmount(due),
                total: formatAmount(due),
                variableSymbol: account.variableSymbol,
                note: `Nedoplatok z vyúčtovania služieb za rok ${input.year}`,
                items: {
                  create: unit.lines
                    .filter((l) => l.difference !== 0n)
                    .map((l, i) => ({
                      organizationId,
                      position: i + 1,
                      description: `Vyúčtovanie ${input.year}: ${l.name}`.slice(0, 255),
                      unitPrice: formatAmount(-l.difference),
                      total: formatAmount(-l.difference),
                    })),
                },
              },
            });
            postings.push({
              id: postingId,
              postedOn: approvedOn,
              kind: "SETTLEMENT",
              description: `Nedoplatok z vyúčtovania ${input.year}`,
              invoiceId: postingId,
              lines: [
                { accountId: account.id, side: "DEBIT", amount: due },
                { accountId: services.id, side: "CREDIT", amount: due },
              ],
            });
          } else if (unit.difference > 0n) {
            // An overpayment: credit on the unit's account (it settles the next prescriptions).
            postingId = randomUUID();
            postings.push({
              id: postingId,
              postedOn: approvedOn,
              kind: "SETTLEMENT_CREDIT",
              description: `Preplatok z vyúčtovania ${input.year}`,
              lines: [
                { accountId: services.id, side: "DEBIT", amount: unit.difference },
                { accountId: account.id, side: "CREDIT", amount: unit.difference },
              ],
            });
          }
          rows.push({
            settlementId,
            organizationId,
            unitId: unit.unitId,
            totalCost: formatAmount(unit.totalCost),
            totalAdvances: formatAmount(unit.totalAdvances),
            difference: formatAmount(unit.difference),
            postingId,
            lines: unit.lines.map((l): StoredLine & Record<string, string> => ({
              serviceId: l.serviceId,
              name: l.name,
              allocationKey: l.allocationKey,
              cost: formatAmount(l.cost),
              advancesPaid: formatAmount(l.advancesPaid),
              difference: formatAmount(l.difference),
            })),
          });
        }
        await writePostings(tx, organizationId, postings);
        await tx.annualSettlementUnit.createMany({ data: rows });
        await resettleInvoices(
          tx,
          accounts.map((a) => a.id),
        );
        return { settlementId };
      },
    ),
  );
}

/** The unit's settlement as the PDF its owner receives (base64), with the organization's IBAN for an arrear. */
export async function settlementDocument(
  ctx: PropertyContext,
  settlement: UnitSettlementView,
): Promise<{ fileName: string; contentType: string; content: string }> {
  requirePermission(ctx.caller, "financial:read");
  const organizationId = ctx.caller.organizationId;
  const [organization, building, unit, bank, account] = await Promise.all([
    ctx.loaders.organization.load(organizationId),
    buildingById(ctx, settlement.buildingId),
    unitById(ctx, settlement.unitId),
    ctx.loaders.bankAccount.load(organizationId),
    ctx.db.read((tx) => tx.financialAccount.findFirst({ where: { unitId: settlement.unitId, kind: "UNIT" }, select: { variableSymbol: true } })),
  ]);
  const owners = unit ? await ownershipsOfUnit(ctx, unit) : [];
  const names = await Promise.all(owners.map((o) => memberById(ctx, o.userId)));
  const pdf = await settlementPdf(settlement, {
    organizationName: organization?.name ?? "",
    buildingAddress: building ? `${building.street} ${building.streetNumber}, ${building.city}` : "",
    unitLabel: unit?.designation ?? "",
    ownerName: names.flatMap((m) => (m ? [`${m.firstName} ${m.lastName}`] : [])).join(", "),
    issuedOn: new Date().toISOString().slice(0, 10),
    iban: bank?.iban ?? undefined,
    variableSymbol: account?.variableSymbol ?? undefined,
  });
  return {
    fileName: `vyuctovanie-${settlement.year}-${(unit?.designation ?? settlement.unitId).replace(/[^\w.-]+/g, "_")}.pdf`,
    contentType: "application/pdf",
    content: pdf.toString("base64"),
  };
}
