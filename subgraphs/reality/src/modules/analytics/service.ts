// Traffic over time, read from reality.listing_stats_daily (written by views, favorites and
// inquiries in their own transactions). Only the listing's editors, or the agency's admins, read it.
import { Prisma } from "@ppt/db/client";
import { AppError, isUuid, parseInput } from "@ppt/server-kit";
import { z } from "zod";
import type { RealityContext } from "../../shared/context.ts";
import { editableListing, requireListingEditor } from "../listings/access.ts";

const sql = Prisma.sql;

export const MAX_DAYS = 366;

export interface DailyStats {
  day: string;
  views: number;
  favorites: number;
  inquiries: number;
}

export interface StatsSeries {
  from: string;
  to: string;
  totals: { views: number; favorites: number; inquiries: number };
  days: DailyStats[];
}

const rangeSchema = z
  .object({ from: z.iso.date(), to: z.iso.date() })
  .refine((r) => r.from <= r.to, { message: "from must not be after to", path: ["from"] })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 < MAX_DAYS, { message: `at most ${MAX_DAYS} days`, path: ["to"] });

async function series(ctx: RealityContext, scope: Prisma.Sql, range: { from: string; to: string }): Promise<StatsSeries> {
  const rows = await ctx.db.$queryRaw<{ day: string; views: bigint; favorites: bigint; inquiries: bigint }[]>(sql`
    SELECT d::date::text AS day,
           coalesce(sum(s.views), 0) AS views, coalesce(sum(s.favorites), 0) AS favorites, coalesce(sum(s.inquiries), 0) AS inquiries
    FROM generate_series(${range.from}::date, ${range.to}::date, interval '1 day') d
    LEFT JOIN reality.listing_stats_daily s ON s.day = d::date AND ${scope}
    GROUP BY d ORDER BY d`);
  const days = rows.map((r) => ({ day: r.day, views: Number(r.views), favorites: Number(r.favorites), inquiries: Number(r.inquiries) }));
  const totals = days.reduce((t, d) => ({ views: t.views + d.views, favorites: t.favorites + d.favorites, inquiries: t.inquiries + d.inquiries }), {
    views: 0,
    favorites: 0,
    inquiries: 0,
  });
  return { ...range, totals, days };
}

export async function listingStats(ctx: RealityContext, listingId: string, from: string, to: string): Promise<StatsSeries> {
  const { listing } = await editableListing(ctx, listingId);
  const range = parseInput(rangeSchema, { from, to });
  return series(ctx, sql`s.listing_id = ${listing.id}::uuid`, range);
}

export async function agencyStats(ctx: RealityContext, agencyId: string, from: string, to: string): Promise<StatsSeries> {
  const editor = await requireListingEditor(ctx);
  if (!isUuid(agencyId) || !editor.adminAgencyIds.has(agencyId)) throw AppError.notFound("Agency");
  const range = parseInput(rangeSchema, { from, to });
  return series(ctx, sql`s.agency_id = ${agencyId}::uuid`, range);
}
