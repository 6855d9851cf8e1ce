// Who runs a unit's rentals: the organization's managers (rentals:read with buildings:write) and
// the unit's current owners (ownership, not occupancy: a tenant does not see the owner's guests).
// Partner API clients never reach guests' personal data. A unit out of reach answers NOT_FOUND,
// exactly like a missing id.
import { AppError, requirePermission, type Caller, type Permission } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { isBuildingStaff } from "../buildings/index.ts";
import { today } from "./dates.ts";

export function isRentalStaff(caller: Caller | null): boolean {
  return Boolean(caller && !caller.clientId && caller.permissions.has("rentals:read") && isBuildingStaff(caller));
}

export async function runsUnit(ctx: PropertyContext, unitId: string): Promise<boolean> {
  const caller = ctx.caller;
  if (!caller || caller.clientId || !caller.permissions.has("rentals:read")) return false;
  const unit = await ctx.loaders.unit.load(unitId);
  if (!unit) return false;
  if (isRentalStaff(caller)) return true;
  const day = today();
  const ownerships = await ctx.loaders.ownershipsByUnit.load(unitId);
  return ownerships.some((o) => o.userId === caller.userId && o.validFrom <= day && (o.validTo === null || o.validTo >= day));
}

/** The caller runs the unit (with the permission), else NOT_FOUND. */
export async function requireUnit(ctx: PropertyContext, unitId: string, permission: Permission = "rentals:read"): Promise<void> {
  requirePermission(ctx.caller, permission);
  if (!(await runsUnit(ctx, unitId))) throw AppError.notFound("Unit");
}

/** The units whose rentals the caller runs; null: every unit of the organization (managers). */
export async function unitsRunBy(ctx: PropertyContext): Promise<string[] | null> {
  requirePermission(ctx.caller, "rentals:read");
  if (isRentalStaff(ctx.caller)) return null;
  if (ctx.caller.clientId) return [];
  const residency = await ctx.loaders.residency.load(ctx.caller.userId);
  const unitIds = [...new Set(residency.map((r) => r.unitId))];
  const runs = await Promise.all(unitIds.map((id) => runsUnit(ctx, id)));
  return unitIds.filter((_, i) => runs[i]);
}
