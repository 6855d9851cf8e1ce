// Whose money a person reads: the units they OWN today, and for building-wide figures (costs, the
// repair fund, the settlement, budgets) the buildings of those units. Living in a unit is not
// enough. In a Slovak owners' association (SVB) or cooperative (SBD) the association prescribes
// and bills the owner (in an SBD the member who holds the flat, recorded as its owner here); a
// tenant renting from the owner pays the owner, so the owner's account, prescriptions, payments,
// arrears and settlements are not the tenant's to see. Deny by default: a tenant who owns nothing
// sees no balance, invoice, payment, rule, cost share, settlement or fund of their unit or
// building. (Staff and partner clients read the whole organization: graph.ts's financialReach.)
import type { PropertyContext } from "../../context.ts";

export interface OwnedUnits {
  unitIds: ReadonlySet<string>;
  buildingIds: ReadonlySet<string>;
}

/** The caller's owned units and their buildings (loaded once per request). */
export async function ownedUnitsOf(ctx: PropertyContext): Promise<OwnedUnits> {
  const rows = ctx.caller?.userId ? await ctx.loaders.ownedUnits.load(ctx.caller.userId) : [];
  return { unitIds: new Set(rows.map((r) => r.unitId)), buildingIds: new Set(rows.map((r) => r.buildingId)) };
}
