// Who reaches which meter. Staff (meters:manage) and partner clients with meters:read (the
// kit's read-scope.ts) reach every meter of the organization; a resident reaches the meters of
// the units they own or rent today — never a neighbour's, never the building's main meter. A
// meter out of reach answers NOT_FOUND, exactly like a missing id.
import type { Meter, Prisma } from "@ppt/db/client";
import { readsWholeOrganization, type Caller } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { residencyOf } from "../buildings/index.ts";

export function isMeterStaff(caller: Caller | null): boolean {
  return caller?.permissions.has("meters:manage") ?? false;
}

/** The kit's read-scope rule: a partner client with meters:read, or staff, reads the whole organization. */
const readsAllMeters = (caller: Caller | null) => readsWholeOrganization(caller, "meters");

/** A Prisma filter of the meters the caller may see (empty for an organization-wide reader: RLS limits to the tenant). */
export async function visibleMetersWhere(ctx: PropertyContext): Promise<Prisma.MeterWhereInput> {
  if (readsAllMeters(ctx.caller)) return {};
  return { unitId: { in: [...(await residencyOf(ctx)).unitIds] } };
}

export async function canSeeMeter(ctx: PropertyContext, meter: Meter): Promise<boolean> {
  if (!ctx.caller?.permissions.has("meters:read")) return false;
  if (readsAllMeters(ctx.caller)) return true;
  return meter.unitId !== null && (await residencyOf(ctx)).unitIds.has(meter.unitId);
}

/** Submitting: staff for any meter, a resident (owner or tenant) for their own unit's. */
export async function maySubmitFor(ctx: PropertyContext, meter: Meter): Promise<boolean> {
  if (!ctx.caller?.permissions.has("meters:write")) return false;
  if (isMeterStaff(ctx.caller)) return true;
  return meter.unitId !== null && (await residencyOf(ctx)).unitIds.has(meter.unitId);
}
