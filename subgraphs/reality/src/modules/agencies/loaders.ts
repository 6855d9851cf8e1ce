import { loaderById, loaderByParent, type PrismaClient } from "@ppt/server-kit";
import type { Agency } from "@ppt/db/client";
import type { RealityContext } from "../../context.ts";

/**
 * Agencies by id as `Agency` models, in plain SQL (see realtorsById: each search page loads
 * its results' agencies). Every column under its Prisma field name; enums as text.
 */
export function agenciesById(db: PrismaClient, ids: readonly string[]): Promise<Agency[]> {
  return db.$queryRaw<Agency[]>`
    SELECT id, name, slug, ico, email, phone, website, logo_key AS "logoKey", description, street, city, postal_code AS "postalCode",
      country, status::text AS status, vat_id AS "vatId", areas_served AS "areasServed", verified_at AS "verifiedAt",
      verification_method::text AS "verificationMethod", domain_token_hash AS "domainTokenHash",
      domain_token_expires_at AS "domainTokenExpiresAt", domain_email AS "domainEmail", created_at AS "createdAt", updated_at AS "updatedAt"
    FROM reality.agencies WHERE id = ANY(${ids}::uuid[])`;
}

export function createAgencyLoaders(ctx: RealityContext) {
  return {
    agency: loaderById((ids) => agenciesById(ctx.db, ids)),
    /** Current memberships (not left) of realtors. */
    membershipsByRealtor: loaderByParent(
      (realtorIds) => ctx.db.agencyRealtor.findMany({ where: { realtorId: { in: realtorIds }, leftAt: null }, orderBy: [{ joinedAt: "asc" }, { id: "asc" }] }),
      (membership) => membership.realtorId,
    ),
    /** Current members of agencies. */
    membershipsByAgency: loaderByParent(
      (agencyIds) => ctx.db.agencyRealtor.findMany({ where: { agencyId: { in: agencyIds }, leftAt: null }, orderBy: [{ joinedAt: "asc" }, { id: "asc" }] }),
      (membership) => membership.agencyId,
    ),
  };
}
