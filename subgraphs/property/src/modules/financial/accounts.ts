// The chart of accounts of an organization, opened on demand and set-based:
// - per unit, its owner's account (kind UNIT, with the unit's variable symbol): prescriptions are
//   debited to it, payments credited; its balance is what the unit owes (negative: credit);
// - per building, the repair fund (REPAIR_FUND), operating costs (OPERATING) and services (OTHER),
//   credited with the prescribed advances;
// - per organization, the bank account (BANK), the unmatched-payments suspense account and VAT
//   payable and the suppliers' invoices to pay (all OTHER, told apart by name: they are the module's
//   own fixed accounts).
import type { FinancialAccountKind } from "@ppt/db/client";
import type { Tx } from "@ppt/server-kit";
import { activeUnitsOf, buildingIdsOf } from "../buildings/index.ts";

export const BANK_ACCOUNT_NAME = "Bankový účet";
export const SUSPENSE_ACCOUNT_NAME = "Nespárované platby";
export const VAT_ACCOUNT_NAME = "DPH";
export const SUPPLIERS_ACCOUNT_NAME = "Dodávatelia";

export const buildingFunds: readonly { kind: FinancialAccountKind; name: string }[] = [
  { kind: "REPAIR_FUND", name: "Fond prevádzky, údržby a opráv" },
  { kind: "OPERATING", name: "Prevádzkové náklady" },
  { kind: "OTHER", name: "Služby" },
];

/** Opens every missing account of the organization in four statements (idempotent). */
export async function ensureAccounts(tx: Tx, organizationId: string): Promise<void> {
  const units = JSON.stringify((await activeUnitsOf(tx, organizationId)).map((u) => ({ id: u.id, building_id: u.buildingId, designation: u.designation })));
  // Unit accounts: the variable symbol is the next free number of the organization, in unit order.
  await tx.$executeRaw`
    INSERT INTO property.financial_accounts (organization_id, unit_id, building_id, kind, name, variable_symbol, updated_at)
    SELECT ${organizationId}::uuid, u.id, u.building_id, 'UNIT', left('Účet ' || u.designation, 255),
           (coalesce((SELECT max(variable_symbol::bigint) FROM property.financial_accounts WHERE organization_id = ${organizationId}::uuid AND variable_symbol ~ '^[0-9]+$'), 1000)
             + row_number() OVER (ORDER BY u.building_id, u.designation, u.id))::text,
           now()
    FROM jsonb_to_recordset(${units}::jsonb) AS u(id uuid, building_id uuid, designation text)
    WHERE NOT EXISTS (SELECT 1 FROM property.financial_accounts a WHERE a.unit_id = u.id AND a.kind = 'UNIT')`;
  const funds = JSON.stringify(buildingFunds);
  await tx.$executeRaw`
    INSERT INTO property.financial_accounts (organization_id, building_id, kind, name, updated_at)
    SELECT ${organizationId}::uuid, b.id, f.kind::property."FinancialAccountKind", f.name, now()
    FROM unnest(${await buildingIdsOf(tx, organizationId)}::uuid[]) AS b(id) CROSS JOIN jsonb_to_recordset(${funds}::jsonb) AS f(kind text, name text)
    WHERE NOT EXISTS (SELECT 1 FROM property.financial_accounts a WHERE a.building_id = b.id AND a.unit_id IS NULL AND a.kind::text = f.kind)`;
  const orgAccounts = JSON.stringify([
    { kind: "BANK", name: BANK_ACCOUNT_NAME },
    { kind: "OTHER", name: SUSPENSE_ACCOUNT_NAME },
    { kind: "OTHER", name: VAT_ACCOUNT_NAME },
    { kind: "OTHER", name: SUPPLIERS_ACCOUNT_NAME },
  ]);
  await tx.$executeRaw`
    INSERT INTO property.financial_accounts (organization_id, kind, name, updated_at)
    SELECT ${organizationId}::uuid, f.kind::property."FinancialAccountKind", f.name, now()
    FROM jsonb_to_recordset(${orgAccounts}::jsonb) AS f(kind text, name text)
    WHERE NOT EXISTS (SELECT 1 FROM property.financial_accounts a
                      WHERE a.organization_id = ${organizationId}::uuid AND a.building_id IS NULL AND a.unit_id IS NULL AND a.name = f.name)`;
}

export interface OrganizationAccounts {
  bank: string;
  suspense: string;
  vat: string;
}

export async function organizationAccounts(tx: Tx, organizationId: string): Promise<OrganizationAccounts> {
  const rows = await tx.financialAccount.findMany({
    where: { organizationId, buildingId: null, unitId: null, name: { in: [BANK_ACCOUNT_NAME, SUSPENSE_ACCOUNT_NAME, VAT_ACCOUNT_NAME] } },
    select: { id: true, name: true },
  });
  const byName = new Map(rows.map((r) => [r.name, r.id]));
  const bank = byName.get(BANK_ACCOUNT_NAME);
  const suspense = byName.get(SUSPENSE_ACCOUNT_NAME);
  const vat = byName.get(VAT_ACCOUNT_NAME);
  if (!bank || !suspense || !vat) throw new Error("The organization's accounts are not open (ensureAccounts first)");
  return { bank, suspense, vat };
}

/** The suppliers' account (what the organization owes for building costs); ensureAccounts opens it. */
export async function suppliersAccount(tx: Tx, organizationId: string): Promise<string> {
  const account = await tx.financialAccount.findFirst({
    where: { organizationId, buildingId: null, unitId: null, name: SUPPLIERS_ACCOUNT_NAME },
    select: { id: true },
  });
  if (!account) throw new Error("The organization's accounts are not open (ensureAccounts first)");
  return account.id;
}
