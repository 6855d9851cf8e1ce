// Map clusters: the listings matching a filter inside a map rectangle, grouped on the map's grid
// (map-grid.ts), so a map client gets a few hundred groups instead of every point. The public map
// with at most a transaction and property type filter, up to zoom 14, is answered from the
// per-cell counts (map-cells.ts); anything else groups the matching listings here, exactly the
// same way.
//
// A listing whose address is not FULL is never placed more precisely than the centre of its
// zoom-14 cell (about 400 m × 270 m in Slovakia): a one-listing cluster must not reveal the
// position the listing itself hides.
import { Prisma } from "@ppt/db/client";
import type { PrismaClient } from "@ppt/server-kit";
import type { SearchFilter } from "./filter.ts";
import { filterConditions, type SearchScope } from "./listing-sql.ts";
import { cellClusters, answeredByCells } from "./map-cells.ts";
import { cellsAt, expansionZoom, HIDDEN_ADDRESS_ZOOM, type ListingClusterRow } from "./map-grid.ts";

export { MAX_CLUSTER_ZOOM, MIN_CLUSTER_ZOOM, type ListingClusterRow } from "./map-grid.ts";

const sql = Prisma.sql;

/** The clusters' SQL (also what bench/search explains). */
export function clusterQuery(filter: SearchFilter, scope: SearchScope, bounds: NonNullable<SearchFilter["boundingBox"]>, zoom: number): Prisma.Sql {
  const n = cellsAt(zoom);
  const hidden = cellsAt(HIDDEN_ADDRESS_ZOOM);
  return sql`
    WITH mercator AS (
      SELECT l.id, l.address_visibility = 'FULL' AS exact,
             (l.longitude + 180) / 360 AS x,
             0.5 - ln(tan(pi() / 4 + radians(greatest(least(l.latitude, 85.05112878), -85.05112878)) / 2)) / (2 * pi()) AS y
      FROM reality.listings l
      WHERE ${filterConditions({ ...filter, boundingBox: bounds }, scope)}
    ), placed AS (
      SELECT id,
             CASE WHEN exact THEN x ELSE (floor(x * ${hidden}::float8) + 0.5) / ${hidden}::float8 END AS x,
             CASE WHEN exact THEN y ELSE (floor(y * ${hidden}::float8) + 0.5) / ${hidden}::float8 END AS y
      FROM mercator
    )
    SELECT avg(x) * 360 - 180 AS lng,
           degrees(atan(sinh(pi() * (1 - 2 * avg(y))))) AS lat,
           count(*)::int AS count,
           CASE WHEN count(*) = 1 THEN min(id::text) END AS listing_id,
           min(x) AS min_x, max(x) AS max_x, min(y) AS min_y, max(y) AS max_y
    FROM placed
    GROUP BY floor(x * ${n}::float8), floor(y * ${n}::float8)
    ORDER BY count DESC, lat, lng`;
}

export async function listingClusters(
  db: PrismaClient,
  filter: SearchFilter,
  scope: SearchScope,
  bounds: NonNullable<SearchFilter["boundingBox"]>,
  zoom: number,
): Promise<ListingClusterRow[]> {
  if (answeredByCells(filter, scope, bounds, zoom)) return cellClusters(db, filter, scope, bounds, zoom);
  return groupedClusters(db, filter, scope, bounds, zoom);
}

/** Every matching listing grouped at request time: what the counts must always agree with. */
export async function groupedClusters(
  db: PrismaClient,
  filter: SearchFilter,
  scope: SearchScope,
  bounds: NonNullable<SearchFilter["boundingBox"]>,
  zoom: number,
): Promise<ListingClusterRow[]> {
  const rows = await db.$queryRaw<
    { lat: number; lng: number; count: number; listing_id: string | null; min_x: number; max_x: number; min_y: number; max_y: number }[]
  >(clusterQuery(filter, scope, bounds, zoom));
  return rows.map((row) => ({
    latitude: row.lat,
    longitude: row.lng,
    count: row.count,
    listingId: row.listing_id,
    expansionZoom: row.count > 1 ? expansionZoom(zoom, { minX: row.min_x, maxX: row.max_x, minY: row.min_y, maxY: row.max_y }) : null,
  }));
}
