// The counters a listing carries (views, favorites, inquiries), changed atomically in SQL so
// concurrent events never lose an increment. Analytics' countListingEvent is the one caller.
import { Prisma } from "@ppt/db/client";
import type { Tx } from "@ppt/server-kit";

const sql = Prisma.sql;

export type ListingCounter = "views" | "favorites" | "inquiries";

const COLUMN: Record<ListingCounter, Prisma.Sql> = {
  views: Prisma.raw("views_count"),
  favorites: Prisma.raw("favorites_count"),
  inquiries: Prisma.raw("inquiries_count"),
};

/**
 * Adds `delta` to the counter (never below zero); with `publishedOnly`, only a listing the
 * public sees counts. The listing's agency, or null when no listing was counted.
 */
export async function adjustListingCounter(
  tx: Tx,
  listingId: string,
  counter: ListingCounter,
  delta: number,
  options: { publishedOnly?: boolean } = {},
): Promise<{ agencyId: string | null } | null> {
  const column = COLUMN[counter];
  const [row] = await tx.$queryRaw<{ agency_id: string | null }[]>(sql`
    UPDATE reality.listings SET ${column} = greatest(${column} + ${delta}::int, 0)
    WHERE id = ${listingId}::uuid ${options.publishedOnly ? sql`AND status IN ('ACTIVE', 'RESERVED')` : Prisma.empty}
    RETURNING agency_id::text AS agency_id`);
  return row ? { agencyId: row.agency_id } : null;
}
