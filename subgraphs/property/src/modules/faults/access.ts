// Which faults a caller sees. Staff (faults:assign) and partner clients with faults:read (the
// kit's read-scope.ts) see the whole organization's; everyone else
// sees what they reported or were assigned, plus the faults of the common parts and of their
// own units in the buildings they own or live in — never another building's, never a
// neighbour's flat.
import type { Fault, Prisma } from "@ppt/db/client";
import { readsWholeOrganization, type Caller } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { residencyOf } from "../buildings/index.ts";

export function isFaultStaff(caller: Caller | null): boolean {
  return caller?.permissions.has("faults:assign") ?? false;
}

/** A Prisma filter of the faults the caller may see (empty for an organization-wide reader: RLS already limits to the tenant). */
export async function visibleFaultsWhere(ctx: PropertyContext): Promise<Prisma.FaultWhereInput> {
  if (readsWholeOrganization(ctx.caller, "faults")) return {};
  const me = ctx.caller!.userId;
  const { buildingIds, unitIds } = await residencyOf(ctx);
  return {
    OR: [{ reporterId: me }, { assigneeId: me }, { buildingId: { in: [...buildingIds] }, OR: [{ unitId: null }, { unitId: { in: [...unitIds] } }] }],
  };
}

export async function canSeeFault(ctx: PropertyContext, fault: Fault): Promise<boolean> {
  if (!ctx.caller?.permissions.has("faults:read")) return false;
  if (readsWholeOrganization(ctx.caller, "faults")) return true;
  const me = ctx.caller.userId;
  if (fault.reporterId === me || fault.assigneeId === me) return true;
  const { buildingIds, unitIds } = await residencyOf(ctx);
  return buildingIds.has(fault.buildingId) && (fault.unitId === null || unitIds.has(fault.unitId));
}

/** Comments are for the people working on the fault: its reporter, its assignee and staff. */
export function isFaultParticipant(caller: Caller | null, fault: Fault): boolean {
  if (!caller) return false;
  return isFaultStaff(caller) || fault.reporterId === caller.userId || fault.assigneeId === caller.userId;
}
