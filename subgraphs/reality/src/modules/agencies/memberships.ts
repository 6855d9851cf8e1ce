// Who belongs to an agency and with which role. OWNER and ADMIN manage the agency's realtors and
// listings; only an OWNER grants, changes or takes away OWNER and ADMIN; an agency keeps at least
// one OWNER. A realtor who leaves keeps nothing of the agency: their listings of it pass to the
// longest-standing OWNER (else ADMIN) in the same transaction.
import type { AgencyRealtor } from "@ppt/db/client";
import { AppError, isUuid, writeAuditLog, type Tx } from "@ppt/server-kit";
import type { RealityContext } from "../../context.ts";
import { publicDetailsChanged } from "../../shared/public-change.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { handOverAgencyListings } from "../listings/index.ts";
import { activeRealtor, requireRealtor, type RealtorActor } from "../realtors/index.ts";

export type AgencyRole = AgencyRealtor["role"];

const RANK: Record<AgencyRole, number> = { REALTOR: 0, ADMIN: 1, OWNER: 2 };
export const higherRole = (a: AgencyRole, b: AgencyRole): AgencyRole => (RANK[a] >= RANK[b] ? a : b);
const manages = (role: AgencyRole) => role !== "REALTOR";

/** The caller must be an OWNER or ADMIN of the agency; anyone else is told it does not exist. */
export async function requireAgencyAdmin(ctx: RealityContext, agencyId: string): Promise<RealtorActor> {
  const actor = await requireRealtor(ctx);
  if (!isUuid(agencyId) || !actor.adminAgencyIds.includes(agencyId)) throw AppError.notFound("Agency");
  return actor;
}

/** Granting or touching OWNER and ADMIN is the OWNER's. */
export function requireRightToGrant(actor: RealtorActor, agencyId: string, ...roles: (AgencyRole | null | undefined)[]): void {
  if (roles.some((role) => role && manages(role)) && !actor.ownerAgencyIds.includes(agencyId)) {
    throw AppError.forbidden("Only an OWNER of the agency grants or changes OWNER and ADMIN");
  }
}

/** Serializes membership changes of one agency, so two owners cannot demote each other at once. */
export async function lockMembers(tx: Tx, agencyId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM reality.agencies WHERE id = ${agencyId}::uuid FOR UPDATE`;
}

async function ensureAnotherOwner(tx: Tx, agencyId: string, realtorId: string): Promise<void> {
  const others = await tx.agencyRealtor.count({ where: { agencyId, role: "OWNER", leftAt: null, realtorId: { not: realtorId } } });
  if (others === 0) throw AppError.conflict("An agency must keep at least one OWNER");
}

/** Makes (or re-makes) the realtor a current member with `role`; the caller holds the members' lock. */
export async function setMembership(tx: Tx, agencyId: string, realtorId: string, role: AgencyRole): Promise<AgencyRealtor> {
  const existing = await tx.agencyRealtor.findUnique({ where: { agencyId_realtorId: { agencyId, realtorId } } });
  if (existing && existing.leftAt === null && existing.role === "OWNER" && role !== "OWNER") await ensureAnotherOwner(tx, agencyId, realtorId);
  const membership = await tx.agencyRealtor.upsert({
    where: { agencyId_realtorId: { agencyId, realtorId } },
    create: { agencyId, realtorId, role },
    update: { role, leftAt: null, ...(existing?.leftAt ? { joinedAt: new Date() } : {}) },
  });
  // The agency's public page lists its realtors.
  await publicDetailsChanged(tx, "agency", agencyId);
  return membership;
}

export async function addAgencyRealtor(ctx: RealityContext, agencyId: string, realtorId: string, role: AgencyRole): Promise<AgencyRealtor> {
  const actor = await requireAgencyAdmin(ctx, agencyId);
  if (!isUuid(realtorId)) throw AppError.notFound("Realtor");
  return inTransaction(ctx, async (tx) => {
    if (!(await activeRealtor(tx, realtorId))) throw AppError.notFound("Realtor");
    await lockMembers(tx, agencyId);
    const existing = await tx.agencyRealtor.findFirst({ where: { agencyId, realtorId, leftAt: null } });
    requireRightToGrant(actor, agencyId, role, existing?.role);
    const membership = await setMembership(tx, agencyId, realtorId, role);
    await writeAuditLog(tx, ctx, { action: "agency.realtor_set", entityType: "agency", entityId: agencyId, diff: { realtorId, role } });
    return membership;
  });
}

export async function removeAgencyRealtor(ctx: RealityContext, agencyId: string, realtorId: string): Promise<boolean> {
  const actor = await requireAgencyAdmin(ctx, agencyId);
  if (!isUuid(realtorId)) throw AppError.notFound("Realtor");
  return inTransaction(ctx, async (tx) => {
    await lockMembers(tx, agencyId);
    const existing = await tx.agencyRealtor.findUnique({ where: { agencyId_realtorId: { agencyId, realtorId } } });
    if (!existing || existing.leftAt) throw AppError.notFound("Realtor");
    requireRightToGrant(actor, agencyId, existing.role);
    if (existing.role === "OWNER") await ensureAnotherOwner(tx, agencyId, realtorId);
    // Membership history is kept (left_at); the agency's listings stay the agency's, managed.
    await tx.agencyRealtor.update({ where: { id: existing.id }, data: { leftAt: new Date() } });
    const heir = await listingHeir(tx, agencyId);
    if (!heir) throw AppError.conflict("An agency must keep an OWNER or ADMIN to manage its listings");
    const handedOver = await handOverAgencyListings(tx, ctx, { agencyId, fromRealtorId: realtorId, toRealtorId: heir });
    await writeAuditLog(tx, ctx, { action: "agency.realtor_removed", entityType: "agency", entityId: agencyId, diff: { realtorId, heir, handedOver } });
    await publicDetailsChanged(tx, "agency", agencyId);
    return true;
  });
}

/** Who takes over a leaving realtor's listings: the longest-standing current OWNER, else ADMIN. */
async function listingHeir(tx: Tx, agencyId: string): Promise<string | null> {
  const managers = await tx.agencyRealtor.findMany({
    where: { agencyId, leftAt: null, role: { in: ["OWNER", "ADMIN"] } },
    orderBy: [{ joinedAt: "asc" }, { id: "asc" }],
  });
  return (managers.find((m) => m.role === "OWNER") ?? managers[0])?.realtorId ?? null;
}

export function membersOf(ctx: RealityContext, agencyId: string): Promise<AgencyRealtor[]> {
  return ctx.loaders.membershipsByAgency.load(agencyId);
}
