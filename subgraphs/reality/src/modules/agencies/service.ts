// Agencies and their members. An agency ADMIN manages who belongs to it and with which role;
// an agency always keeps at least one ADMIN.
import type { Agency, AgencyRealtor, PrismaClient } from "@ppt/db/client";
import { AppError, isUuid, parseInput, writeAuditLog, type Tx } from "@ppt/server-kit";
import { z } from "zod";
import type { RealityContext } from "../../context.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { activeRealtor, requireRealtor } from "../realtors/index.ts";

/** Agencies the public sees. */
function isVisible(agency: Agency | null): agency is Agency {
  return agency !== null && agency.status === "ACTIVE";
}

export async function getAgency(ctx: RealityContext, id: string): Promise<Agency> {
  const agency = await ctx.loaders.agency.load(id);
  if (!isVisible(agency)) throw AppError.notFound("Agency");
  return agency;
}

export async function agencyBySlug(ctx: RealityContext, slug: string): Promise<Agency> {
  const agency = await ctx.db.agency.findUnique({ where: { slug } });
  if (!isVisible(agency)) throw AppError.notFound("Agency");
  ctx.loaders.agency.prime(agency.id, agency);
  return agency;
}

const agencySchema = z
  .object({
    name: z.string().trim().min(2).max(255),
    slug: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/, "lower-case letters, digits and inner hyphens"),
    ico: z
      .string()
      .regex(/^\d{6,8}$/, "an IČO of 6–8 digits")
      .nullish(),
    email: z.email().max(255).nullish(),
    phone: z.string().trim().max(50).nullish(),
    website: z.url().max(500).nullish(),
    city: z.string().trim().max(100).nullish(),
    description: z.string().max(10_000).nullish(),
  })
  .strict();

export async function createAgency(ctx: RealityContext, input: unknown): Promise<Agency> {
  const { realtor } = await requireRealtor(ctx);
  const data = parseInput(agencySchema, input, "input");
  return inTransaction(ctx, async (tx) => {
    const agency = await tx.agency.create({ data: { ...data, email: data.email?.toLowerCase() ?? null, status: "ACTIVE" } });
    await tx.agencyRealtor.create({ data: { agencyId: agency.id, realtorId: realtor.id, role: "ADMIN" } });
    await writeAuditLog(tx, ctx, { action: "agency.created", entityType: "agency", entityId: agency.id });
    return agency;
  });
}

/** The caller must be an ADMIN of the agency; anyone else is told it does not exist. */
async function requireAgencyAdmin(ctx: RealityContext, agencyId: string) {
  const actor = await requireRealtor(ctx);
  if (!isUuid(agencyId) || !actor.adminAgencyIds.includes(agencyId)) throw AppError.notFound("Agency");
  return actor;
}

type Role = AgencyRealtor["role"];

export async function addAgencyRealtor(ctx: RealityContext, agencyId: string, realtorId: string, role: Role): Promise<AgencyRealtor> {
  await requireAgencyAdmin(ctx, agencyId);
  if (!isUuid(realtorId)) throw AppError.notFound("Realtor");
  return inTransaction(ctx, async (tx) => {
    if (!(await activeRealtor(tx, realtorId))) throw AppError.notFound("Realtor");
    await lockMembers(tx, agencyId);
    const existing = await tx.agencyRealtor.findUnique({ where: { agencyId_realtorId: { agencyId, realtorId } } });
    if (existing && existing.leftAt === null && existing.role === "ADMIN" && role !== "ADMIN") await ensureAnotherAdmin(tx, agencyId, realtorId);
    const membership = await tx.agencyRealtor.upsert({
      where: { agencyId_realtorId: { agencyId, realtorId } },
      create: { agencyId, realtorId, role },
      update: { role, leftAt: null, ...(existing?.leftAt ? { joinedAt: new Date() } : {}) },
    });
    await writeAuditLog(tx, ctx, { action: "agency.realtor_set", entityType: "agency", entityId: agencyId, diff: { realtorId, role } });
    return membership;
  });
}

export async function removeAgencyRealtor(ctx: RealityContext, agencyId: string, realtorId: string): Promise<boolean> {
  await requireAgencyAdmin(ctx, agencyId);
  if (!isUuid(realtorId)) throw AppError.notFound("Realtor");
  return inTransaction(ctx, async (tx) => {
    await lockMembers(tx, agencyId);
    const existing = await tx.agencyRealtor.findUnique({ where: { agencyId_realtorId: { agencyId, realtorId } } });
    if (!existing || existing.leftAt) throw AppError.notFound("Realtor");
    if (existing.role === "ADMIN") await ensureAnotherAdmin(tx, agencyId, realtorId);
    // Membership history is kept (left_at): the agency's listings stay the agency's.
    await tx.agencyRealtor.update({ where: { id: existing.id }, data: { leftAt: new Date() } });
    await writeAuditLog(tx, ctx, { action: "agency.realtor_removed", entityType: "agency", entityId: agencyId, diff: { realtorId } });
    return true;
  });
}

/** Serializes membership changes of one agency, so two admins cannot demote each other at once. */
async function lockMembers(tx: Tx, agencyId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM reality.agencies WHERE id = ${agencyId}::uuid FOR UPDATE`;
}

async function ensureAnotherAdmin(tx: Tx, agencyId: string, realtorId: string): Promise<void> {
  const others = await tx.agencyRealtor.count({ where: { agencyId, role: "ADMIN", leftAt: null, realtorId: { not: realtorId } } });
  if (others === 0) throw AppError.conflict("An agency must keep at least one ADMIN");
}

export function membersOf(ctx: RealityContext, agencyId: string): Promise<AgencyRealtor[]> {
  return ctx.loaders.membershipsByAgency.load(agencyId);
}

/** The agency's current members, longest-standing first (feed imports: who may own its listings). */
export function activeMembers(db: PrismaClient | Tx, agencyId: string): Promise<AgencyRealtor[]> {
  return db.agencyRealtor.findMany({ where: { agencyId, leftAt: null }, orderBy: [{ joinedAt: "asc" }, { realtorId: "asc" }] });
}
