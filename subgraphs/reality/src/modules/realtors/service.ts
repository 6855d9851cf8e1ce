// Realtors: who a signed-in portal user is as a realtor, their public profile and licenses.
import type { PrismaClient, Realtor, RealtorLicense } from "@ppt/db/client";
import { AppError, parseInput, requireCaller, type Tx } from "@ppt/server-kit";
import { z } from "zod";
import type { RealityContext } from "../../context.ts";
import { publicDetailsChanged } from "../../shared/public-change.ts";
import { checkSitemapPage } from "../../shared/sitemap-page.ts";
import { inTransaction } from "../../shared/transaction.ts";

/** A signed-in realtor and the agencies they currently belong to. */
export interface RealtorActor {
  realtor: Realtor;
  memberAgencyIds: string[];
  /** Agencies where they are OWNER or ADMIN: they manage its listings and realtors. */
  adminAgencyIds: string[];
  /** Agencies where they are OWNER: they also grant and take away OWNER and ADMIN. */
  ownerAgencyIds: string[];
}

/** The caller as a realtor: a portal token whose account has an ACTIVE realtor profile; else null. */
export async function currentRealtor(ctx: RealityContext): Promise<RealtorActor | null> {
  if (!ctx.caller || ctx.caller.audience !== "portal") return null;
  const realtor = await ctx.loaders.realtorByPortalUser.load(ctx.caller.userId);
  if (!realtor || realtor.status !== "ACTIVE") return null;
  const memberships = await ctx.loaders.membershipsByRealtor.load(realtor.id);
  return {
    realtor,
    memberAgencyIds: memberships.map((m) => m.agencyId),
    adminAgencyIds: memberships.filter((m) => m.role === "OWNER" || m.role === "ADMIN").map((m) => m.agencyId),
    ownerAgencyIds: memberships.filter((m) => m.role === "OWNER").map((m) => m.agencyId),
  };
}

export async function requireRealtor(ctx: RealityContext): Promise<RealtorActor> {
  requireCaller(ctx.caller);
  const actor = await currentRealtor(ctx);
  if (!actor) throw AppError.forbidden("Only an active realtor can do this");
  return actor;
}

/** A page of the realtors whose profiles the public sees, for the portal's sitemap. */
export async function sitemapRealtors(ctx: RealityContext, page: number, pageSize: number) {
  checkSitemapPage(page, pageSize);
  const where = { status: "ACTIVE" as const };
  const [totalCount, rows] = await Promise.all([
    ctx.db.realtor.count({ where }),
    ctx.db.realtor.findMany({
      where,
      orderBy: { id: "asc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, displayName: true, updatedAt: true },
    }),
  ]);
  return { totalCount, profiles: rows.map((r) => ({ id: r.id, name: r.displayName, slug: null, updatedAt: r.updatedAt })) };
}

/** Public profiles: active realtors only. */
export async function getRealtor(ctx: RealityContext, id: string): Promise<Realtor> {
  const realtor = await ctx.loaders.realtor.load(id);
  if (!realtor || realtor.status !== "ACTIVE") throw AppError.notFound("Realtor");
  return realtor;
}

export async function myRealtorProfile(ctx: RealityContext): Promise<Realtor | null> {
  requireCaller(ctx.caller);
  if (ctx.caller.audience !== "portal") return null;
  return ctx.loaders.realtorByPortalUser.load(ctx.caller.userId);
}

export function licensesOf(ctx: RealityContext, realtorId: string): Promise<RealtorLicense[]> {
  return ctx.loaders.licensesByRealtor.load(realtorId);
}

const profileSchema = z
  .object({
    displayName: z.string().trim().min(1).max(200).nullish(),
    email: z.email().max(255).nullish(),
    phone: z.string().trim().max(50).nullish(),
    bio: z.string().max(5_000).nullish(),
    languages: z
      .array(z.string().regex(/^[a-z]{2}$/))
      .max(20)
      .nullish(),
  })
  .strict();

export async function updateMyRealtorProfile(ctx: RealityContext, input: unknown): Promise<Realtor> {
  const { realtor } = await requireRealtor(ctx);
  const data = parseInput(profileSchema, input);
  return inTransaction(ctx, async (tx) => {
    const updated = await tx.realtor.update({
      where: { id: realtor.id },
      data: {
        ...(data.displayName ? { displayName: data.displayName } : {}),
        ...(data.email !== undefined ? { email: data.email?.toLowerCase() ?? null } : {}),
        ...(data.phone !== undefined ? { phone: data.phone } : {}),
        ...(data.bio !== undefined ? { bio: data.bio } : {}),
        ...(data.languages ? { languages: data.languages } : {}),
      },
    });
    await publicDetailsChanged(tx, "realtor", realtor.id);
    return updated;
  });
}

const licenseSchema = z
  .object({
    number: z.string().trim().min(1).max(100),
    issuer: z.string().trim().min(1).max(255),
    validFrom: z.iso.date(),
    validTo: z.iso.date().nullish(),
  })
  .strict()
  .refine((l) => !l.validTo || l.validTo >= l.validFrom, { message: "validTo must not precede validFrom", path: ["validTo"] });

/** A realtor records a license; `verifiedAt` stays empty until staff check it with the issuer. */
export async function addMyRealtorLicense(ctx: RealityContext, input: unknown): Promise<RealtorLicense> {
  const { realtor } = await requireRealtor(ctx);
  const data = parseInput(licenseSchema, input);
  return inTransaction(ctx, async (tx) => {
    const license = await tx.realtorLicense.create({
      data: {
        realtorId: realtor.id,
        number: data.number,
        issuer: data.issuer,
        validFrom: new Date(`${data.validFrom}T00:00:00Z`),
        validTo: data.validTo ? new Date(`${data.validTo}T00:00:00Z`) : null,
      },
    });
    // The public profile shows the realtor's licenses.
    await publicDetailsChanged(tx, "realtor", realtor.id);
    return license;
  });
}

/** Realtors by id (any status), in no particular order. */
export function realtorsByIds(db: PrismaClient | Tx, ids: readonly string[]): Promise<Realtor[]> {
  return ids.length ? db.realtor.findMany({ where: { id: { in: [...ids] } } }) : Promise.resolve([]);
}

/** The realtor if their profile is ACTIVE; else null. */
export async function activeRealtor(db: PrismaClient | Tx, id: string): Promise<Realtor | null> {
  const realtor = await db.realtor.findUnique({ where: { id } });
  return realtor?.status === "ACTIVE" ? realtor : null;
}

/**
 * Links a portal account to a realtor profile (profiles come from agencies' feeds, the seed or
 * staff, without an account). The rule: the profile has no account yet and its email is the
 * account's address, proven (verified by email link or by a sign-in provider). Owning the address
 * the agency listed for the realtor is what makes the claim theirs; an account links one profile
 * at most. Anything else answers NOT_FOUND, so profiles cannot be probed.
 */
export async function linkRealtorProfile(
  tx: Tx,
  account: { portalUserId: string; email: string; emailVerified: boolean },
  realtorId: string,
): Promise<Realtor> {
  const { portalUserId } = account;
  const profile = await tx.realtor.findFirst({ where: { id: realtorId, portalUserId: null, email: { equals: account.email, mode: "insensitive" } } });
  if (!profile) throw AppError.notFound("Realtor");
  if (!account.emailVerified) throw AppError.forbidden("Verify your email address first");
  if (await tx.realtor.findUnique({ where: { portalUserId }, select: { id: true } })) throw AppError.conflict("This account already has a realtor profile");
  // Of two accounts claiming one profile at once, exactly one wins.
  const linked = await tx.realtor.updateMany({ where: { id: profile.id, portalUserId: null }, data: { portalUserId } });
  if (linked.count !== 1) throw AppError.notFound("Realtor");
  return tx.realtor.findUniqueOrThrow({ where: { id: profile.id } });
}

/**
 * The realtor profile a portal account acts as when it founds an agency or accepts an invitation:
 * its linked profile, or a new ACTIVE one made from the account (name, address). A suspended or
 * archived profile stays so: FORBIDDEN.
 */
export async function realtorForAccount(tx: Tx, account: { portalUserId: string; name: string; email: string }): Promise<Realtor> {
  const linked = await tx.realtor.findUnique({ where: { portalUserId: account.portalUserId } });
  if (linked) {
    if (linked.status !== "ACTIVE") throw AppError.forbidden("This realtor profile is not active");
    return linked;
  }
  return tx.realtor.create({ data: { portalUserId: account.portalUserId, displayName: account.name, email: account.email, status: "ACTIVE" } });
}
