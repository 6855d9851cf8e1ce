// The first page of a realtor's or an agency's published listings, for many of them at once:
// a page of search results with `realtor { listings }` (or an agency's realtors with theirs)
// costs one windowed query and one grouped count, not one pair per parent. Later pages
// (with a cursor) go through listingPage; the cursors written here are the ones it reads.
import DataLoader from "dataloader";
import { Prisma, type Listing } from "@ppt/db/client";
import { isUuid, pageSize, toConnection, type Connection } from "@ppt/server-kit";
import type { RealityContext } from "../../context.ts";
import { listingPage } from "./pages.ts";
import { filterConditions, LISTING_COLUMNS, orderBy, sortKeyColumns, sortKeys, type SearchScope } from "./listing-sql.ts";

const sql = Prisma.sql;

export type ListingOwner = "realtor" | "agency";

/** What a profile shows: published listings, including reserved ones. */
const PROFILE_SCOPE: SearchScope = { statuses: ["ACTIVE", "RESERVED"], publishedOnly: true };
const OWNER_COLUMN = { realtor: Prisma.raw("l.realtor_id"), agency: Prisma.raw("l.agency_id") } as const;

type Row = Listing & Record<`k${number}`, string> & { owner: string };

export function createOwnerPageLoaders(ctx: RealityContext) {
  const keys = sortKeys("NEWEST", { terms: [] }, PROFILE_SCOPE);

  /** Key `${owner}|${limit}|${id}`: one query per (owner kind, page size) in a tick. */
  const firstPages = new DataLoader<string, Row[]>(async (requests) => {
    const groups = new Map<string, { owner: ListingOwner; limit: number; ids: string[] }>();
    for (const request of requests) {
      const [owner, limit, id] = request.split("|") as [ListingOwner, string, string];
      const group = groups.get(`${owner}|${limit}`) ?? { owner, limit: Number(limit), ids: [] };
      if (isUuid(id)) group.ids.push(id);
      groups.set(`${owner}|${limit}`, group);
    }
    const found = new Map<string, Row[]>();
    for (const { owner, limit, ids } of groups.values()) {
      if (!ids.length) continue;
      const rows = await ctx.db.$queryRaw<Row[]>(sql`
        SELECT * FROM (
          SELECT ${LISTING_COLUMNS}, ${sortKeyColumns(keys)}, ${OWNER_COLUMN[owner]}::text AS owner,
                 row_number() OVER (PARTITION BY ${OWNER_COLUMN[owner]} ORDER BY ${orderBy(keys)}) AS position
          FROM reality.listings l
          WHERE ${filterConditions({ terms: [] }, PROFILE_SCOPE)} AND ${OWNER_COLUMN[owner]} = ANY(${ids}::uuid[])
        ) ranked
        WHERE position <= ${limit + 1}
        ORDER BY position`);
      for (const row of rows) {
        delete (row as { position?: unknown }).position;
        const key = `${owner}|${limit}|${row.owner}`;
        found.set(key, [...(found.get(key) ?? []), row]);
      }
    }
    return requests.map((request) => found.get(request) ?? []);
  });

  /** Key `${owner}|${id}`: every owner's count in one grouped query. */
  const counts = new DataLoader<string, number>(async (requests) => {
    const found = new Map<string, number>();
    for (const owner of ["realtor", "agency"] as const) {
      const ids = requests
        .filter((r) => r.startsWith(`${owner}|`))
        .map((r) => r.slice(owner.length + 1))
        .filter(isUuid);
      if (!ids.length) continue;
      const rows = await ctx.db.$queryRaw<{ owner: string; count: bigint }[]>(sql`
        SELECT ${OWNER_COLUMN[owner]}::text AS owner, count(*) AS count FROM reality.listings l
        WHERE ${filterConditions({ terms: [] }, PROFILE_SCOPE)} AND ${OWNER_COLUMN[owner]} = ANY(${ids}::uuid[])
        GROUP BY 1`);
      for (const row of rows) found.set(`${owner}|${row.owner}`, Number(row.count));
    }
    return requests.map((request) => found.get(request) ?? 0);
  });

  return { firstPages, counts, keys };
}

/** A realtor's or an agency's published listings, newest first. */
export async function ownerListings(
  ctx: RealityContext,
  owner: ListingOwner,
  id: string,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Connection<Listing>> {
  if (after)
    return listingPage(ctx, { terms: [] }, { ...PROFILE_SCOPE, ...(owner === "realtor" ? { realtorId: id } : { agencyId: id }) }, "NEWEST", first, after);
  const limit = pageSize(first);
  const { firstPages, counts, keys } = ctx.loaders.ownerPages;
  const rows = await firstPages.load(`${owner}|${limit}|${id}`);
  for (const row of rows) ctx.loaders.listing.prime(row.id, row);
  return toConnection<Row>(
    rows,
    limit,
    (row) => ["NEWEST", ...keys.map((_, i) => row[`k${i}`]!)],
    () => counts.load(`${owner}|${id}`),
  );
}
