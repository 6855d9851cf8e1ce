import { loaderById, loaderByParent, type PrismaClient } from "@ppt/server-kit";
import DataLoader from "dataloader";
import type { Realtor } from "@ppt/db/client";
import type { RealityContext } from "../../context.ts";

/**
 * Realtors by id as `Realtor` models, in plain SQL: every result's realtor is loaded by each
 * search page, and `findMany` spent about twice the CPU of the same read as raw SQL. Every
 * column under its Prisma field name; the enum as text, as Prisma's models carry it.
 */
export function realtorsById(db: PrismaClient, ids: readonly string[]): Promise<Realtor[]> {
  return db.$queryRaw<Realtor[]>`
    SELECT id, portal_user_id AS "portalUserId", display_name AS "displayName", email, phone, bio, photo_key AS "photoKey",
      languages, status::text AS status, mail_opt_out_at AS "mailOptOutAt", created_at AS "createdAt", updated_at AS "updatedAt"
    FROM reality.realtors WHERE id = ANY(${ids}::uuid[])`;
}

export function createRealtorLoaders(ctx: RealityContext) {
  return {
    realtor: loaderById((ids) => realtorsById(ctx.db, ids)),
    /** The realtor profile a portal account signs in as (at most one). */
    realtorByPortalUser: new DataLoader<string, Realtor | null>(async (userIds) => {
      const rows = await ctx.db.realtor.findMany({ where: { portalUserId: { in: [...userIds] } } });
      return userIds.map((id) => rows.find((r) => r.portalUserId === id) ?? null);
    }),
    licensesByRealtor: loaderByParent(
      (realtorIds) => ctx.db.realtorLicense.findMany({ where: { realtorId: { in: realtorIds } }, orderBy: [{ validFrom: "desc" }, { id: "asc" }] }),
      (license) => license.realtorId,
    ),
  };
}
