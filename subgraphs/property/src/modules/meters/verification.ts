// Verification (calibration) due dates from the per-kind intervals stored as data
// (property.meter_kind_rules: the platform's Slovak defaults, an organization's own row first).
import type { MeterKind, MeterKindRule } from "@ppt/db/client";
import { AppError, type Tx } from "@ppt/server-kit";

/** The rule in effect for the organization: its own row, else the platform's. */
export async function ruleFor(tx: Tx, kind: MeterKind): Promise<MeterKindRule> {
  const rows = await tx.meterKindRule.findMany({ where: { kind } });
  const rule = rows.find((r) => r.organizationId !== null) ?? rows.find((r) => r.organizationId === null);
  if (!rule) throw AppError.badInput(`No rule for meter kind ${kind}`, { field: "input.kind" });
  return rule;
}

export async function rulesInEffect(tx: Tx): Promise<MeterKindRule[]> {
  const rows = await tx.meterKindRule.findMany({ orderBy: { kind: "asc" } });
  const byKind = new Map<MeterKind, MeterKindRule>();
  for (const row of rows) if (!byKind.has(row.kind) || row.organizationId !== null) byKind.set(row.kind, row);
  return [...byKind.values()];
}

/**
 * The last day the verification is valid: the verification day plus the interval (§ 8 of Decree
 * 161/2019 counts from the day of verification, or from putting into use for EU-verified meters:
 * the manager enters that day as verifiedOn). Month arithmetic clamps to the month's last day.
 */
export function verificationDueOn(verifiedOn: Date | null, intervalMonths: number | null): Date | null {
  if (!verifiedOn || intervalMonths === null) return null;
  const y = verifiedOn.getUTCFullYear();
  const m = verifiedOn.getUTCMonth() + intervalMonths;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(verifiedOn.getUTCDate(), lastDay)));
}
