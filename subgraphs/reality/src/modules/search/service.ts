// Search over published listings, keyset-paginated newest first.
import type { Listing, Prisma } from "@ppt/db/client";
import { decodeCursor, keysetOrderBy, keysetWhere, pageSize, toConnection, type SortKey } from "@ppt/server-kit";
import type { RealityContext } from "../../shared/context.ts";
import type { ListingFilter } from "../../generated/graphql.ts";

const NEWEST: SortKey[] = [
  { field: "publishedAt", direction: "desc" },
  { field: "id", direction: "desc" },
];

export async function searchListings(ctx: RealityContext, filter: ListingFilter | null | undefined, first?: number | null, after?: string | null) {
  const limit = pageSize(first);
  const where: Prisma.ListingWhereInput = {
    status: "ACTIVE",
    publishedAt: { not: null },
    ...(filter?.transactionType ? { transactionType: filter.transactionType } : {}),
    ...(filter?.propertyType ? { propertyType: filter.propertyType } : {}),
    ...(filter?.city ? { city: { equals: filter.city, mode: "insensitive" } } : {}),
    ...(filter?.minPrice || filter?.maxPrice
      ? { price: { ...(filter.minPrice ? { gte: filter.minPrice } : {}), ...(filter.maxPrice ? { lte: filter.maxPrice } : {}) } }
      : {}),
    ...(filter?.minRooms || filter?.maxRooms
      ? { rooms: { ...(filter.minRooms ? { gte: filter.minRooms } : {}), ...(filter.maxRooms ? { lte: filter.maxRooms } : {}) } }
      : {}),
  };
  const cursor = decodeCursor(after);
  const rows = await ctx.db.listing.findMany({
    where: { AND: [where, keysetWhere(NEWEST, cursor ? [new Date(String(cursor[0])), cursor[1]] : null)] },
    orderBy: keysetOrderBy(NEWEST),
    take: limit + 1,
  });
  for (const row of rows) ctx.loaders.listing.prime(row.id, row);
  return toConnection<Listing>(rows, limit, (l) => [l.publishedAt?.toISOString(), l.id], () => ctx.db.listing.count({ where }));
}
