// Favorites of portal users. The listing's favorites_count changes in the same transaction as
// the favorite row, and only when a row was really inserted or deleted: saving twice or
// removing twice changes nothing, and concurrent requests cannot drift the counter.
import { Prisma, type Listing } from "@ppt/db/client";
import { AppError, decodeCursor, isUuid, pageSize, toConnection, type Connection, type Tx } from "@ppt/server-kit";
import type { RealityContext } from "../../shared/context.ts";
import { requirePortalUser } from "../../shared/portal-user.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { getListing } from "../listings/service.ts";
import { LISTING_COLUMNS } from "../search/sql.ts";

const sql = Prisma.sql;

/** Adds `delta` favorites to the listing's counter and to today's statistics row. */
async function countFavorite(tx: Tx, listingId: string, delta: 1 | -1): Promise<void> {
  await tx.$executeRaw(sql`UPDATE reality.listings SET favorites_count = greatest(favorites_count + ${delta}::int, 0) WHERE id = ${listingId}::uuid`);
  await tx.$executeRaw(sql`
    INSERT INTO reality.listing_stats_daily (listing_id, agency_id, day, favorites)
    SELECT l.id, l.agency_id, current_date, ${delta}::int FROM reality.listings l WHERE l.id = ${listingId}::uuid
    ON CONFLICT (listing_id, day) DO UPDATE SET favorites = reality.listing_stats_daily.favorites + EXCLUDED.favorites`);
}

export async function addFavorite(ctx: RealityContext, listingId: string): Promise<Listing> {
  const userId = requirePortalUser(ctx);
  await getListing(ctx, listingId, { publicOnly: true });
  await inTransaction(ctx, async (tx) => {
    const inserted = await tx.$executeRaw(sql`
      INSERT INTO reality.favorites (portal_user_id, listing_id) VALUES (${userId}::uuid, ${listingId}::uuid)
      ON CONFLICT (portal_user_id, listing_id) DO NOTHING`);
    if (inserted === 1) await countFavorite(tx, listingId, 1);
  });
  return ctx.db.listing.findUniqueOrThrow({ where: { id: listingId } });
}

/** One statement per request for all the listings on a page (the favoritesOfCaller loader; none without a portal user). */
export async function savedByMe(ctx: RealityContext, listingId: string): Promise<boolean> {
  return (await ctx.loaders.favoritesOfCaller.load(listingId)).length > 0;
}

export async function removeFavorite(ctx: RealityContext, listingId: string): Promise<boolean> {
  const userId = requirePortalUser(ctx);
  if (!isUuid(listingId)) return false;
  return inTransaction(ctx, async (tx) => {
    const deleted = await tx.$executeRaw(sql`DELETE FROM reality.favorites WHERE portal_user_id = ${userId}::uuid AND listing_id = ${listingId}::uuid`);
    if (deleted === 1) await countFavorite(tx, listingId, -1);
    return deleted === 1;
  });
}

type FavoriteRow = Listing & { savedAt: Date; k0: string; k1: string };

export interface FavoriteConnection extends Omit<Connection<Listing>, "edges"> {
  edges: { cursor: string; node: Listing; savedAt: Date }[];
}

export async function myFavorites(ctx: RealityContext, first?: number | null, after?: string | null): Promise<FavoriteConnection> {
  const userId = requirePortalUser(ctx);
  const limit = pageSize(first);
  const cursor = decodeCursor(after);
  if (cursor && (cursor.length !== 2 || !cursor.every((v) => typeof v === "string") || !isUuid(String(cursor[1])))) {
    throw AppError.badInput("Invalid cursor", { field: "after" });
  }
  const visible = sql`f.portal_user_id = ${userId}::uuid AND l.status IN ('ACTIVE', 'RESERVED')`;
  const rows = await ctx.db.$queryRaw<FavoriteRow[]>(sql`
    SELECT ${LISTING_COLUMNS}, f.created_at AS "savedAt", f.created_at::text AS k0, f.id::text AS k1
    FROM reality.favorites f JOIN reality.listings l ON l.id = f.listing_id
    WHERE ${visible} ${cursor ? sql`AND (f.created_at, f.id) < (${String(cursor[0])}::timestamptz, ${String(cursor[1])}::uuid)` : Prisma.empty}
    ORDER BY f.created_at DESC, f.id DESC
    LIMIT ${limit + 1}`);
  for (const row of rows) ctx.loaders.listing.prime(row.id, row);
  const connection = toConnection(rows, limit, (row) => [row.k0, row.k1], async () => {
    const [row] = await ctx.db.$queryRaw<{ count: bigint }[]>(sql`
      SELECT count(*) AS count FROM reality.favorites f JOIN reality.listings l ON l.id = f.listing_id WHERE ${visible}`);
    return Number(row?.count ?? 0);
  });
  return { ...connection, edges: connection.edges.map((edge) => ({ ...edge, savedAt: edge.node.savedAt })) };
}
