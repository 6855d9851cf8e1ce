// Agencies: registration by a portal user (who becomes its OWNER), their details, the public
// reads. Verification is verification.ts, members memberships.ts, invitations invitations.ts.
import type { Agency, PrismaClient } from "@ppt/db/client";
import { AppError, parseInput, writeAuditLog, type Tx } from "@ppt/server-kit";
import { z } from "zod";
import type { RealityContext } from "../../context.ts";
import { requirePortalUser } from "../../shared/portal-user.ts";
import { publicDetailsChanged } from "../../shared/public-change.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { portalUserById } from "../accounts/index.ts";
import { realtorForAccount } from "../realtors/index.ts";
import { icoSchema, skVatIdSchema } from "./company-ids.ts";
import { requireAgencyAdmin } from "./memberships.ts";
import { requestDomainVerification } from "./verification.ts";
import { checkSitemapPage } from "../../shared/sitemap-page.ts";

/** Agencies the public sees (verified or not: the page says which). */
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

/** A page of the agencies whose pages the public sees, for the portal's sitemap. */
export async function sitemapAgencies(ctx: RealityContext, page: number, pageSize: number) {
  checkSitemapPage(page, pageSize);
  const where = { status: "ACTIVE" as const };
  const [totalCount, rows] = await Promise.all([
    ctx.db.agency.count({ where }),
    ctx.db.agency.findMany({
      where,
      orderBy: { id: "asc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, name: true, slug: true, updatedAt: true },
    }),
  ]);
  return { totalCount, profiles: rows };
}

const areasSchema = z.array(z.string().trim().min(1).max(100)).max(50);

const detailSchemas = {
  name: z.string().trim().min(2).max(255),
  email: z.email().max(255),
  phone: z.string().trim().max(50).nullish(),
  website: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullish(),
  street: z.string().trim().max(255).nullish(),
  city: z.string().trim().max(100).nullish(),
  postalCode: z.string().trim().max(20).nullish(),
  description: z.string().max(10_000).nullish(),
  areasServed: areasSchema.nullish(),
};

const registerSchema = z
  .object({
    ...detailSchemas,
    slug: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/, "lower-case letters, digits and inner hyphens"),
    ico: icoSchema,
    vatId: skVatIdSchema.nullish(),
  })
  .strict();

const updateSchema = z.object({ ...detailSchemas, name: detailSchemas.name.nullish(), email: detailSchemas.email.nullish() }).strict();

const uniqueAreas = (areas: readonly string[] | null | undefined) => [...new Set(areas ?? [])];

/** One agency per IČO: registrations of one IČO are serialized, and the second is refused. */
async function ensureIcoFree(tx: Tx, ico: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`agency-ico:${ico}`}))`;
  const taken = await tx.agency.count({ where: { ico, status: { not: "ARCHIVED" } } });
  if (taken) throw AppError.conflict("An agency with this IČO is already registered", { field: "input.ico" });
}

export async function registerAgency(ctx: RealityContext, input: unknown): Promise<Agency> {
  const portalUserId = requirePortalUser(ctx);
  const data = parseInput(registerSchema, input, "input");
  return inTransaction(ctx, async (tx) => {
    const account = await portalUserById(tx, portalUserId);
    if (!account || account.status !== "ACTIVE") throw AppError.forbidden("Sign in with an active portal account");
    const realtor = await realtorForAccount(tx, { portalUserId, name: account.name, email: account.email });
    await ensureIcoFree(tx, data.ico);
    const agency = await tx.agency.create({
      data: { ...data, email: data.email.toLowerCase(), areasServed: uniqueAreas(data.areasServed), status: "ACTIVE" },
    });
    await tx.agencyRealtor.create({ data: { agencyId: agency.id, realtorId: realtor.id, role: "OWNER" } });
    await writeAuditLog(tx, ctx, { action: "agency.registered", entityType: "agency", entityId: agency.id });
    await requestDomainVerification(tx, agency, ctx.language);
    return agency;
  });
}

export async function updateAgency(ctx: RealityContext, agencyId: string, input: unknown): Promise<Agency> {
  await requireAgencyAdmin(ctx, agencyId);
  const data = parseInput(updateSchema, input, "input");
  return inTransaction(ctx, async (tx) => {
    const before = await tx.agency.findUniqueOrThrow({ where: { id: agencyId } });
    const email = data.email?.toLowerCase();
    const contactChanged = (email !== undefined && email !== before.email) || (data.website !== undefined && data.website !== before.website);
    // A domain verification vouches for the address and the website it was made with.
    const unverify = contactChanged && before.verificationMethod === "DOMAIN_EMAIL";
    const agency = await tx.agency.update({
      where: { id: agencyId },
      data: {
        ...(data.name ? { name: data.name } : {}),
        ...(email ? { email } : {}),
        ...(data.phone !== undefined ? { phone: data.phone } : {}),
        ...(data.website !== undefined ? { website: data.website } : {}),
        ...(data.street !== undefined ? { street: data.street } : {}),
        ...(data.city !== undefined ? { city: data.city } : {}),
        ...(data.postalCode !== undefined ? { postalCode: data.postalCode } : {}),
        ...(data.description !== undefined ? { description: data.description } : {}),
        ...(data.areasServed !== undefined ? { areasServed: uniqueAreas(data.areasServed) } : {}),
        ...(unverify ? { verifiedAt: null, verificationMethod: null } : {}),
      },
    });
    await writeAuditLog(tx, ctx, {
      action: "agency.updated",
      entityType: "agency",
      entityId: agencyId,
      diff: { fields: Object.keys(data), unverified: unverify },
    });
    await publicDetailsChanged(tx, "agency", agencyId);
    if (contactChanged) await requestDomainVerification(tx, agency, ctx.language);
    return agency;
  });
}

/** Which of these (agency, realtor) pairs are current memberships, as "agencyId:realtorId" (bulk edits: whom a listing may pass to). */
export async function currentMemberships(db: PrismaClient | Tx, pairs: readonly { agencyId: string; realtorId: string }[]): Promise<Set<string>> {
  if (!pairs.length) return new Set();
  const rows = await db.agencyRealtor.findMany({
    where: { leftAt: null, agencyId: { in: [...new Set(pairs.map((p) => p.agencyId))] }, realtorId: { in: [...new Set(pairs.map((p) => p.realtorId))] } },
    select: { agencyId: true, realtorId: true },
  });
  return new Set(rows.map((row) => `${row.agencyId}:${row.realtorId}`));
}

/** The agency's current members, longest-standing first (feed imports: who may own its listings). */
export function activeMembers(db: PrismaClient | Tx, agencyId: string) {
  return db.agencyRealtor.findMany({ where: { agencyId, leftAt: null }, orderBy: [{ joinedAt: "asc" }, { realtorId: "asc" }] });
}
