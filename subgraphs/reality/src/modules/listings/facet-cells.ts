// Facets of a map box from the per-cell counts that triggers on reality.listings keep in
// reality.listing_facet_cells (migration 20261205011911_listing_facet_cells): public listings per
// grid cell at levels 13–16, by transaction and property type, city and price band (both schemes).
//
// The same answer as grouping every listing of the box (pages.ts, the facets' grouped statement),
// read from the counts where the box holds whole cells:
// - the cells at level 13 wholly inside the box come from their counts, then rings of ever finer
//   cells toward its edges, down to level 16 (cells of ~150 m);
// - listings outside the finest inner cells — thin strips along the edges — are grouped from the
//   listings themselves (the map clusters' strips, map-cells.ts);
// - listings still ACTIVE past their expiry (until the five-minute job archives them) are in the
//   counts but match no search: they are read and taken off again.
// Cells are keyed by a listing's true position, the one the box filters on.
import { Prisma } from "@ppt/db/client";
import type { SearchFilter } from "./filter.ts";
import { filterConditions, type SearchScope } from "./listing-sql.ts";
import { boxUnits, cellRange, countsHold, EDGE_MARGIN_DEGREES, edgeStrips, typeConditions, wholeCells } from "./map-cells.ts";

const sql = Prisma.sql;

/** The levels the triggers keep, coarsest first. */
const FACET_LEVELS = [13, 14, 15, 16];

/** A box of the public search, filtered at most by transaction and property type: what the counts hold. */
export function facetsAnsweredByCells(filter: SearchFilter, scope: SearchScope): boolean {
  const box = filter.boundingBox;
  return !!box && box.west < box.east && countsHold(filter, scope, box);
}

/**
 * The facets' statement from the counts (rows as the grouped one's: property_type, city, band,
 * facet, count), or null when the box holds no whole cell (the grouped statement then answers).
 * `bands`: the search's price bands; RENT_BANDS exactly when the filter is RENT.
 */
export function cellFacetsQuery(filter: SearchFilter, scope: SearchScope, bands: readonly string[]): Prisma.Sql | null {
  const levels = wholeCells(boxUnits(filter.boundingBox!), FACET_LEVELS);
  const finest = levels.at(-1)!.rect;
  if (!finest) return null;
  const parts = levels.flatMap((l) => l.parts);

  const cellBand = filter.transactionType === "RENT" ? sql`c.rent_band` : sql`c.sale_band`;
  const band = sql`width_bucket(l.price, ${bands}::numeric[])`;
  const counted = Prisma.join(
    parts.map(
      (p) => sql`SELECT c.property_type, c.city, ${cellBand}::int AS band, c.listings AS count FROM reality.listing_facet_cells c
        WHERE c.level = ${p.level}::smallint AND ${cellRange(p)} AND ${typeConditions(filter, sql`c`)}`,
    ),
    " UNION ALL ",
  );

  const { inner, strips, inFinest } = edgeStrips(finest);
  const where = filterConditions(filter, scope);
  const edges = Prisma.join(
    strips.map(
      (strip) => sql`SELECT l.property_type, l.city, ${band} AS band, 1 AS count FROM reality.listings l WHERE ${where} AND ${strip} AND NOT (${inFinest})`,
    ),
    " UNION ALL ",
  );
  // Counted but expired: each taken off once (a margin wider than the cells, then the exact test).
  const stale = sql`SELECT l.property_type, l.city, ${band} AS band, -1 AS count FROM reality.listings l
    WHERE l.status = 'ACTIVE' AND l.published_at IS NOT NULL AND l.expires_at <= now()
      AND l.latitude BETWEEN ${inner.south - 2 * EDGE_MARGIN_DEGREES}::float8 AND ${inner.north + 2 * EDGE_MARGIN_DEGREES}::float8
      AND l.longitude BETWEEN ${inner.west - 2 * EDGE_MARGIN_DEGREES}::float8 AND ${inner.east + 2 * EDGE_MARGIN_DEGREES}::float8
      AND ${inFinest} AND ${typeConditions(filter, sql`l`)}`;

  // Groups netting to zero (every counted listing of them expired) are no facet value; the total
  // row stays, as the grouped statement's. The few thousand count rows are summed per facet
  // directly (each set hashed), not first grouped by all three as the listings are (pages.ts):
  // that grouping sorted them by city text, the planner expecting a hundred rows. Integer
  // counts: a sum of int is a bigint, of bigint a slower numeric.
  return sql`
    SELECT m.property_type::text AS property_type, m.city, m.band, GROUPING(m.property_type, m.city, m.band) AS facet, sum(m.count)::bigint AS count
    FROM (${counted} UNION ALL ${edges} UNION ALL ${stale}) m
    GROUP BY GROUPING SETS ((m.property_type), (m.city), (m.band), ())
    HAVING sum(m.count) <> 0 OR GROUPING(m.property_type, m.city, m.band) = 7`;
}
