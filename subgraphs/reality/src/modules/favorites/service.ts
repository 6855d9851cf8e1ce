// Favorites of portal users. The listing's favorites_count changes in the same transaction as
// the favorite row (analytics counts the event), and only when a row was really inserted or deleted: saving twice or
// removing twice changes nothing, and concurrent requests cannot drift the counter.
import { Prisma, type Listing } from "@ppt/db/client";
import { decodeCursorOf, isUuid, orderByKeys, pageSize, toConnection, type Connection } from "@ppt/server-kit";
import type { RealityContext } from "../../context.ts";
import { requirePortalUser } from "../../shared/portal-user.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { countListingEvent } from "../analytics/index.ts";
import { getListing, listingIdsWithStatus } from "../listings/index.ts";

const sql = Prisma.sql;

export async function addFavorite(ctx: RealityContext, listingId: string): Promise<Listing> {
  const userId = requirePortalUser(ctx);
  await getListing(ctx, listingId, { publicOnly: true });
  await inTransaction(ctx, async (tx) => {
    const inserted = await tx.$executeRaw(sql`
      INSERT INTO reality.favorites (portal_user_id, listing_id) VALUES (${userId}::uuid, ${listingId}::uuid)
      ON CONFLICT (portal_user_id, listing_id) DO NOTHING`);
    if (inserted === 1) await countListingEvent(tx, listingId, "favorites", 1);
  });
  // The counter just changed: the listing as it is now, not as this request first loaded it.
  return (await ctx.loaders.listing.clear(listingId).load(listingId))!;
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
    if (deleted === 1) await countListingEvent(tx, listingId, "favorites", -1);
    return deleted === 1;
  });
}

type FavoriteRow = { listingId: string; savedAt: Date; k0: string; k1: string };

export interface FavoriteConnection extends Omit<Connection<Listing>, "edges"> {
  edges: { cursor: string; node: Listing; savedAt: Date }[];
}

/** The caller's favorites of listings the public sees, most recently saved first. */
export async function myFavorites(ctx: RealityContext, first?: number | null, after?: string | null): Promise<FavoriteConnection> {
  const userId = requirePortalUser(ctx);
  const limit = pageSize(first);
  const cursor = decodeCursorOf(after, ["pg-timestamp", "uuid"]);
  const visible = sql`f.portal_user_id = ${userId}::uuid AND f.listing_id IN ${listingIdsWithStatus(["ACTIVE", "RESERVED"])}`;
  const rows = await ctx.db.$queryRaw<FavoriteRow[]>(sql`
    SELECT f.listing_id::text AS "listingId", f.created_at AS "savedAt", f.created_at::text AS k0, f.id::text AS k1
    FROM reality.favorites f
    WHERE ${visible} ${cursor ? sql`AND (f.created_at, f.id) < (${String(cursor[0])}::timestamptz, ${String(cursor[1])}::uuid)` : Prisma.empty}
    ORDER BY f.created_at DESC, f.id DESC
    LIMIT ${limit + 1}`);
  const listings = orderByKeys(
    rows.map((r) => r.listingId),
    (await ctx.loaders.listing.loadMany(rows.map((r) => r.listingId))).filter((l): l is Listing => l !== null && !(l instanceof Error)),
    (l) => l.id,
  );
  const page = rows.flatMap((row, i) => (listings[i] ? [{ ...row, listing: listings[i] }] : []));
  const connection = toConnection(
    page,
    limit,
    (row) => [row.k0, row.k1],
    async () => {
      const [row] = await ctx.db.$queryRaw<{ count: bigint }[]>(sql`SELECT count(*) AS count FROM reality.favorites f WHERE ${visible}`);
      return Number(row?.count ?? 0);
    },
  );
  return { ...connection, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.listing, savedAt: edge.node.savedAt })) };
}
