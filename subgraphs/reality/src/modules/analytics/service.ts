// Traffic over time in reality.listing_stats_daily: every listing event (a view, a favorite, an
// inquiry) is counted by countListingEvent, in the transaction of the event itself, on the
// listing's counter and in today's row. Only the listing's editors, or the agency's admins, read it.
import { Prisma } from "@ppt/db/client";
import { AppError, isUuid, parseInput, type Tx } from "@ppt/server-kit";
import { z } from "zod";
import type { RealityContext } from "../../context.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { adjustListingCounter, editableListing, requireListingEditor, type ListingCounter } from "../listings/index.ts";

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

const STATS_COLUMN: Record<ListingCounter, Prisma.Sql> = { views: Prisma.raw("views"), favorites: Prisma.raw("favorites"), inquiries: Prisma.raw("inquiries") };

/**
 * Counts one listing event: `delta` on the listing's counter and in today's statistics row (two
 * atomic statements, so concurrent events never lose an increment). With `publishedOnly`, only a
 * listing the public sees counts. False when no listing was counted.
 */
export async function countListingEvent(
  tx: Tx,
  listingId: string,
  event: ListingCounter,
  delta: 1 | -1 = 1,
  options: { publishedOnly?: boolean } = {},
): Promise<boolean> {
  const listing = await adjustListingCounter(tx, listingId, event, delta, options);
  if (!listing) return false;
  const column = STATS_COLUMN[event];
  await tx.$executeRaw(sql`
    INSERT INTO reality.listing_stats_daily (listing_id, agency_id, day, ${column})
    VALUES (${listingId}::uuid, ${listing.agencyId}::uuid, current_date, ${delta}::int)
    ON CONFLICT (listing_id, day) DO UPDATE SET ${column} = reality.listing_stats_daily.${column} + EXCLUDED.${column}`);
  return true;
}

/** A visitor's views of one listing count once per half hour: reloads and scripts do not inflate the counter. */
const VIEW_POLICY = { name: "listing-view", points: 1, windowSeconds: 1800 };

/**
 * Counts one view of a published listing. True when the view was counted; false when the same
 * visitor (portal user, else client address) was counted recently.
 */
export async function recordListingView(ctx: RealityContext, id: string): Promise<boolean> {
  if (!isUuid(id)) throw AppError.notFound("Listing");
  const visitor = ctx.caller?.audience === "portal" ? `user:${ctx.caller.userId}` : `ip:${ctx.clientIp ?? "unknown"}`;
  if (!(await ctx.rateLimits.limiter(VIEW_POLICY).tryConsume(`${id}:${visitor}`))) {
    const listing = await ctx.loaders.listing.load(id);
    if (!listing || (listing.status !== "ACTIVE" && listing.status !== "RESERVED")) throw AppError.notFound("Listing");
    return false;
  }
  const counted = await inTransaction(ctx, (tx) => countListingEvent(tx, id, "views", 1, { publishedOnly: true }));
  if (!counted) throw AppError.notFound("Listing");
  return true;
}
