// Map clusters from the per-cell counts that triggers on reality.listings keep in
// reality.listing_map_cells (migration 20261204164418_listing_map_cells): public listings per grid
// cell at levels 0–16, per transaction and property type, with the sums of their placed positions.
//
// Exactly what grouping every listing gives (clusters.ts, groupedClusters), read from a few
// thousand count rows instead of up to a million listings:
// - the rectangle's cells one level finer than the asked zoom that lie wholly inside it come from
//   their counts (each one a child of its cluster's cell);
// - the band along its edges from counts of ever finer cells that lie wholly inside it (up to
//   five levels finer than the zoom, rings two cells wide at most);
// - what is left — listings in cells the rectangle's edge cuts, at the finest level — is grouped
//   from the listings themselves (thin strips along the edges, through the location indexes);
// - listings still ACTIVE past their expiry (until the five-minute job archives them) are in the
//   counts but not on the map: they are read and taken off again;
// - a cluster's expansion zoom descends its cells' children level by level until they occupy two
//   cells, and below zoom 14 reads the few listings of its one remaining cell (read with the
//   counts, in one statement, where that is known from them: the cells the rectangle's corners
//   leave, the edge strips' cells, a cluster whose cells all lie in one zoom-14 cell);
// - a one-listing cluster's listing is looked up in its cell (read with the counts too, when it
//   is a cell of zoom 14 or finer).
// Cells are keyed by a listing's true position, so "wholly inside the rectangle" holds for its
// true position, and summed at its placed position (a hidden address at its zoom-14 cell centre).
// Up to zoom 14 both fall in the same cell of the asked grid, which is why deeper zooms group the
// listings instead (their rectangles hold few).
//
// Positions are Web Mercator in integer units of 2^-32 of the world's side (reality.map_x_units,
// map_y_units): a cell at level L is `units / 2^(30 - L)` rounded down.
import { Prisma } from "@ppt/db/client";
import type { PrismaClient } from "@ppt/server-kit";
import type { SearchFilter } from "./filter.ts";
import { filterConditions, isPublicSearch, type SearchScope } from "./listing-sql.ts";
import { byMapOrder, expansionZoom, HIDDEN_ADDRESS_ZOOM, type ListingClusterRow } from "./map-grid.ts";

const sql = Prisma.sql;

const WORLD_UNITS = 2 ** 32;
/** The finest level the triggers keep. */
const FINEST_LEVEL = 16;
/** The deepest zoom answered from the counts: a placed position shares its true position's cell up to here. */
export const CELLS_MAX_ZOOM = HIDDEN_ADDRESS_ZOOM;
/**
 * Levels finer than the asked zoom whose inner cells cover the edge band. What they leave is a
 * strip one finest cell wide along each edge, grouped from its listings: three levels below zoom
 * 7 that strip is ~25 km wide, and an edge through Bratislava puts tens of thousands of listings
 * in it; five levels cut it to ~6 km and the zoom-7 search to about half (bench/search: a few
 * hundred more count rows read against thousands fewer listings).
 */
const BAND_LEVELS = 5;
/** Units a cell keeps from the rectangle's edge to count as inside (floating-point rounding is far below one). */
const EDGE_MARGIN_UNITS = 2;
/** Degrees the strips of listings overlap the counted cells by (the exact cell test then decides). */
export const EDGE_MARGIN_DEGREES = 1e-6;
/**
 * Zooms tried in one statement: a cluster's cell is then a few kilometres wide, and in a town its
 * listings lie in more than one of its children, or all in one zoom-14 cell, read with the
 * counts. Further out a town fits in one cell and its expansion reads finer counts anyway: at
 * zoom 12 half of bench/search's city rectangles needed that descent, the statement then ran
 * twice, and going straight to the transaction took 14–19 ms a search against 29–32 ms (20–22 ms
 * before the one-statement zooms read lone cells).
 */
const ONE_STATEMENT_ZOOMS = { from: 13, to: 14 };
/** 28 bits of a cell's x or y in the counted cells' grouping key (level << 56 | x << 28 | y). */
const CELL_KEY_MASK = Prisma.raw(String(2 ** 28 - 1));
/** Rectangles reaching further toward a pole are grouped from the listings (Mercator clamps there). */
export const MAX_LATITUDE = 85;

export const cellSize = (level: number) => 2 ** (30 - level);
const cellOf = (units: number, level: number) => Math.floor(units / cellSize(level));
export const unitsX = (longitude: number) => ((longitude + 180) / 360) * WORLD_UNITS;
export const unitsY = (latitude: number) => (0.5 - Math.log(Math.tan(Math.PI / 4 + (latitude * Math.PI) / 180 / 2)) / (2 * Math.PI)) * WORLD_UNITS;
export const longitudeOf = (units: number) => (units / WORLD_UNITS) * 360 - 180;
export const latitudeOf = (units: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * units) / WORLD_UNITS))) * 180) / Math.PI;

/** Inclusive ranges of cells at one level. */
export interface CellRect {
  level: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

type Bounds = NonNullable<SearchFilter["boundingBox"]>;

/** The public search in a box, filtered at most by transaction and property type: what the per-cell counts hold. */
export function countsHold(filter: SearchFilter, scope: SearchScope, bounds: Bounds): boolean {
  const { transactionType: _t, propertyTypes: _p, boundingBox: _b, terms, ...other } = filter;
  const onlyTypes = terms.length === 0 && Object.values(other).every((value) => value === undefined);
  return isPublicSearch(scope) && onlyTypes && bounds.north <= MAX_LATITUDE && bounds.south >= -MAX_LATITUDE;
}

/** The public map at zooms the counts answer. */
export function answeredByCells(filter: SearchFilter, scope: SearchScope, bounds: Bounds, zoom: number): boolean {
  return zoom <= CELLS_MAX_ZOOM && countsHold(filter, scope, bounds);
}

/** The box in map units (west, east, top, bottom). */
export function boxUnits(bounds: Bounds): { west: number; east: number; top: number; bottom: number } {
  return { west: unitsX(bounds.west), east: unitsX(bounds.east), top: unitsY(bounds.north), bottom: unitsY(bounds.south) };
}

/** The filter's transaction and property types on a count row or a listing (`alias`). */
export function typeConditions(filter: SearchFilter, alias: Prisma.Sql): Prisma.Sql {
  const parts = [sql`true`];
  if (filter.transactionType) parts.push(sql`${alias}.transaction_type = ${filter.transactionType}::reality."ListingTransactionType"`);
  if (filter.propertyTypes) parts.push(sql`${alias}.property_type = ANY(${filter.propertyTypes}::reality."ListingPropertyType"[])`);
  return Prisma.join(parts, " AND ");
}

/**
 * The cells the box holds whole, per level (coarsest first): each level's inner rectangle and the
 * ring of it its coarser level does not already cover. The last level's rectangle is the finest.
 */
export function wholeCells(box: ReturnType<typeof boxUnits>, levels: number[]): { level: number; rect: CellRect | null; parts: CellRect[] }[] {
  const out: { level: number; rect: CellRect | null; parts: CellRect[] }[] = [];
  for (const level of levels) {
    const rect = insideRect(level, box);
    out.push({ level, rect, parts: rect ? ring(rect, out.at(-1)?.rect ?? null) : [] });
  }
  return out;
}

/**
 * Listings of a box outside its finest whole cells: four disjoint strips along the edges (each a
 * range of a location index, overlapping the cells by a margin) and the exact test of lying in
 * those cells, which decides; `inner` is the cells' rectangle in degrees, less the margin.
 */
export function edgeStrips(finest: CellRect) {
  const size = cellSize(finest.level);
  const inner = {
    west: longitudeOf(finest.x0 * size) + EDGE_MARGIN_DEGREES,
    east: longitudeOf((finest.x1 + 1) * size) - EDGE_MARGIN_DEGREES,
    north: latitudeOf(finest.y0 * size) - EDGE_MARGIN_DEGREES,
    south: latitudeOf((finest.y1 + 1) * size) + EDGE_MARGIN_DEGREES,
  };
  const strips = [
    sql`l.latitude >= ${inner.north}::float8`,
    sql`l.latitude <= ${inner.south}::float8`,
    sql`l.latitude > ${inner.south}::float8 AND l.latitude < ${inner.north}::float8 AND l.longitude <= ${inner.west}::float8`,
    sql`l.latitude > ${inner.south}::float8 AND l.latitude < ${inner.north}::float8 AND l.longitude >= ${inner.east}::float8`,
  ];
  const shift = Prisma.raw(String(30 - finest.level));
  const inFinest = sql`(reality.map_x_units(l.longitude) >> ${shift}) BETWEEN ${finest.x0}::bigint AND ${finest.x1}::bigint
      AND (reality.map_y_units(l.latitude) >> ${shift}) BETWEEN ${finest.y0}::bigint AND ${finest.y1}::bigint`;
  return { inner, strips, inFinest };
}

/** The cells at `level` wholly inside the rectangle (in units: west, east, top, bottom), or null. */
export function insideRect(level: number, box: { west: number; east: number; top: number; bottom: number }): CellRect | null {
  const size = cellSize(level);
  const rect = {
    level,
    x0: Math.ceil((box.west + EDGE_MARGIN_UNITS) / size),
    x1: Math.floor((box.east - EDGE_MARGIN_UNITS) / size) - 1,
    y0: Math.ceil((box.top + EDGE_MARGIN_UNITS) / size),
    y1: Math.floor((box.bottom - EDGE_MARGIN_UNITS) / size) - 1,
  };
  return rect.x0 <= rect.x1 && rect.y0 <= rect.y1 ? rect : null;
}

const contains = (rect: CellRect | null, x: number, y: number) => !!rect && x >= rect.x0 && x <= rect.x1 && y >= rect.y0 && y <= rect.y1;

/** `outer` without the cells of `inner` (one level coarser): up to four rectangles. */
export function ring(outer: CellRect, inner: CellRect | null): CellRect[] {
  if (!inner) return [outer];
  const i = { x0: inner.x0 * 2, x1: inner.x1 * 2 + 1, y0: inner.y0 * 2, y1: inner.y1 * 2 + 1 };
  const parts: CellRect[] = [
    { level: outer.level, x0: outer.x0, x1: outer.x1, y0: outer.y0, y1: i.y0 - 1 },
    { level: outer.level, x0: outer.x0, x1: outer.x1, y0: i.y1 + 1, y1: outer.y1 },
    { level: outer.level, x0: outer.x0, x1: i.x0 - 1, y0: i.y0, y1: i.y1 },
    { level: outer.level, x0: i.x1 + 1, x1: outer.x1, y0: i.y0, y1: i.y1 },
  ];
  return parts.filter((p) => p.x0 <= p.x1 && p.y0 <= p.y1);
}

/**
 * The cells of a rectangle as index ranges: one range along its longer side for each column (or
 * row) of its shorter one. Two ranges (cell_x BETWEEN …, cell_y BETWEEN …) would let either index bound
 * only its first column, and a ring's long thin side would read every cell of the level in its
 * columns (or rows) — at zoom 13 over a city, over a hundred thousand cell rows.
 */
export function cellRange(p: CellRect): Prisma.Sql {
  const list = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return p.x1 - p.x0 <= p.y1 - p.y0
    ? sql`c.cell_x = ANY(${list(p.x0, p.x1)}::int[]) AND c.cell_y BETWEEN ${p.y0}::int AND ${p.y1}::int`
    : sql`c.cell_y = ANY(${list(p.y0, p.y1)}::int[]) AND c.cell_x BETWEEN ${p.x0}::int AND ${p.x1}::int`;
}

/** A listing counted in a cell but not on the map (expired, not yet archived). */
interface Stale {
  tx: number;
  ty: number;
  px: number;
  py: number;
}

/** Listings of one cell (or, left over at the edges, of one zoom-14 cell's part inside the rectangle). */
interface Atom {
  level: number;
  x: number;
  y: number;
  listings: number;
  sumX: number;
  sumY: number;
  /** Known when the atom was grouped from listings and holds one. */
  listingId: string | null;
  stale: Stale[];
  /** Grouped from listings: the extremes of their placed positions, in units. */
  extremes?: Extremes;
}

interface Extremes {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** Zoom-14 cells read with the counts (by `zoom14` key): their listings in the rectangle. */
type KnownCells = ReadonlyMap<string, Extremes & { listings: number; listingId: string | null }>;

/**
 * Thrown by a read beyond the first statement when no transaction holds its snapshot: the
 * clusters are then computed again inside one (`cellClusters`).
 */
class SnapshotNeeded extends Error {}

interface Cluster {
  x: number;
  y: number;
  atoms: Atom[];
  listings: number;
  sumX: number;
  sumY: number;
  expansionZoom: number | null;
  listingId: string | null;
}

/** The zoom-14 cell of an atom at zoom 14 or finer. */
const zoom14 = (a: Atom) => ancestor(a, CELLS_MAX_ZOOM);
const ancestor = (atom: Atom, level: number) => `${Math.floor(atom.x / 2 ** (atom.level - level))},${Math.floor(atom.y / 2 ** (atom.level - level))}`;

/**
 * A listing's placed position in units, as the triggers sum it (reality.map_placed_units) —
 * written out: PostgreSQL does not inline an SQL function whose argument is an expression it
 * uses twice, and each call through the function costs about a microsecond (zoom 13 over a city
 * places ~5,000 listings of the edge strips, twice each).
 */
const placed = (units: Prisma.Sql) => sql`(CASE WHEN l.address_visibility = 'FULL' THEN ${units} ELSE ((${units} >> 16) << 16) + 32768 END)::float8`;
const PLACED = sql`${placed(sql`reality.map_x_units(l.longitude)`)} AS px, ${placed(sql`reality.map_y_units(l.latitude)`)} AS py`;

export async function cellClusters(db: PrismaClient, filter: SearchFilter, scope: SearchScope, bounds: Bounds, zoom: number): Promise<ListingClusterRow[]> {
  // One snapshot for every read: counts, leftovers and expired listings must describe the same
  // moment. One statement is a snapshot of its own; only when more reads follow (a cluster's
  // expansion below the next zoom, a one-listing cluster's listing) is everything read again in
  // a transaction — a transaction's own statements cost round trips on every request.
  try {
    if (zoom >= ONE_STATEMENT_ZOOMS.from && zoom <= ONE_STATEMENT_ZOOMS.to) return await clustersIn(db, false, filter, scope, bounds, zoom);
    throw new SnapshotNeeded();
  } catch (error) {
    if (!(error instanceof SnapshotNeeded)) throw error;
    return db.$transaction((tx) => clustersIn(tx as unknown as PrismaClient, true, filter, scope, bounds, zoom), { isolationLevel: "RepeatableRead" });
  }
}

async function clustersIn(
  db: PrismaClient,
  inSnapshot: boolean,
  filter: SearchFilter,
  scope: SearchScope,
  bounds: Bounds,
  zoom: number,
): Promise<ListingClusterRow[]> {
  const more: PrismaClient["$queryRaw"] = (...args) => {
    if (!inSnapshot) throw new SnapshotNeeded();
    return db.$queryRaw(...args);
  };
  const followUp = { $queryRaw: more } as PrismaClient;
  const box = boxUnits(bounds);
  const cellTypes = typeConditions(filter, sql`c`);

  // Counted cells: the inner cells one level finer than the asked zoom, then rings of finer ones
  // toward the edges. One level finer, every counted cell is already a child of its cluster's
  // cell: a cluster whose listings lie in two of them expands at the next zoom without another
  // read of the counts (in a city at zoom 13, nearly every cluster).
  const lastLevel = Math.min(zoom + BAND_LEVELS, FINEST_LEVEL);
  const levels = wholeCells(
    box,
    Array.from({ length: lastLevel - zoom }, (_, i) => zoom + 1 + i),
  );
  const finest = levels.at(-1)!.rect;
  const parts = levels.flatMap((l) => l.parts);
  const countedCells = parts.length
    ? // Sums as float8, exact while a cell holds under 2^21 listings (2^53 / 2^32 units; the
      // clusters add them as numbers anyway): a sum of bigints is numeric, slower on ~8,000 rows.
      // Grouped by one bigint key (level, x, y: a cell number is under 2^18 at level 16), not three
      // columns: the planner expects a hundred rows and sorts them, and one key sorts faster.
      sql`SELECT (key >> 56)::int AS level, ((key >> 28) & ${CELL_KEY_MASK})::int AS cell_x, (key & ${CELL_KEY_MASK})::int AS cell_y,
          sum(listings)::int AS listings, sum(sum_x::float8) AS sum_x, sum(sum_y::float8) AS sum_y
        FROM (${Prisma.join(
          parts.map(
            (p) => sql`SELECT (level::bigint << 56) | (cell_x::bigint << 28) | cell_y::bigint AS key, listings, sum_x, sum_y FROM reality.listing_map_cells c
              WHERE c.level = ${p.level}::smallint AND ${cellRange(p)} AND ${cellTypes}`,
          ),
          " UNION ALL ",
        )}) p
        GROUP BY key`
    : sql`SELECT 0 AS level, 0 AS cell_x, 0 AS cell_y, 0 AS listings, 0::float8 AS sum_x, 0::float8 AS sum_y WHERE false`;

  // Left over: listings of the rectangle outside the finest inner cells, in four disjoint strips
  // (each a range of a location index), grouped by their zoom-14 cell.
  const inRect = filterConditions({ ...filter, boundingBox: bounds }, scope);
  let strips: Prisma.Sql[] = [sql`true`];
  let outsideFinest = sql`true`;
  if (finest) {
    const edges = edgeStrips(finest);
    strips = edges.strips;
    outsideFinest = sql`NOT (${edges.inFinest})`;
  }
  const leftOverCells = sql`
    SELECT floor(px / 65536)::int AS cell_x, floor(py / 65536)::int AS cell_y, count(*)::int AS listings, sum(px) AS sum_x, sum(py) AS sum_y,
           CASE WHEN count(*) = 1 THEN min(id::text) END AS listing_id, min(px) AS min_x, max(px) AS max_x, min(py) AS min_y, max(py) AS max_y
    FROM (${Prisma.join(
      strips.map((strip) => sql`SELECT l.id, ${PLACED} FROM reality.listings l WHERE ${inRect} AND ${strip} AND ${outsideFinest}`),
      " UNION ALL ",
    )}) p
    GROUP BY 1, 2`;

  // Corners: where the rectangle leaves of a cluster's cell only part of one zoom-14 cell, that
  // cluster (in a dense city, always there) expands past zoom 14 by its listings' extremes.
  const corners = new Map<string, { x: number; y: number }>();
  for (const cx of [box.west, box.east - 1])
    for (const cy of [box.top, box.bottom - 1]) {
      const size = cellSize(zoom);
      const [x, y] = [cellOf(cx, zoom), cellOf(cy, zoom)];
      const part = {
        x0: Math.max(box.west, x * size),
        x1: Math.min(box.east, (x + 1) * size) - 1,
        y0: Math.max(box.top, y * size),
        y1: Math.min(box.bottom, (y + 1) * size) - 1,
      };
      const one = (a: number, b: number) => cellOf(a, CELLS_MAX_ZOOM) === cellOf(b, CELLS_MAX_ZOOM);
      if (zoom < CELLS_MAX_ZOOM && one(part.x0, part.x1) && one(part.y0, part.y1)) {
        const cell = { x: cellOf(part.x0, CELLS_MAX_ZOOM), y: cellOf(part.y0, CELLS_MAX_ZOOM) };
        corners.set(`${cell.x},${cell.y}`, cell);
      }
    }
  const cornerCells = [...corners.values()];
  // Lone cells: a cluster whose cells (counted at zoom 14 or finer, or left over) all lie in one
  // zoom-14 cell expands past zoom 14 by its listings' extremes, and a one-listing cluster
  // counted there shows its listing: both read from that cell's listings, with the counts (at
  // zoom 13 over a city, the outskirts' clusters; read after them, every search took a
  // transaction and its counts twice). A cluster with a cell coarser than zoom 14 is left to
  // the descent below; a lone cell left over already knows its listings.
  const shift = CELLS_MAX_ZOOM - zoom;
  const loneCells = sql`
    SELECT min(a.x) AS x, min(a.y) AS y FROM (
      SELECT CASE WHEN c.level >= ${CELLS_MAX_ZOOM}::int THEN c.cell_x >> (c.level - ${CELLS_MAX_ZOOM}::int) END AS x,
             CASE WHEN c.level >= ${CELLS_MAX_ZOOM}::int THEN c.cell_y >> (c.level - ${CELLS_MAX_ZOOM}::int) END AS y, c.level >= ${CELLS_MAX_ZOOM}::int AS fine,
             c.cell_x >> (c.level - ${zoom}::int) AS cx, c.cell_y >> (c.level - ${zoom}::int) AS cy, false AS left_over
      FROM counted c
      UNION ALL
      SELECT o.cell_x, o.cell_y, true, o.cell_x >> ${shift}::int, o.cell_y >> ${shift}::int, true FROM left_over o
    ) a
    GROUP BY a.cx, a.cy
    HAVING bool_and(a.fine) AND min(a.x) = max(a.x) AND min(a.y) = max(a.y) AND NOT (count(*) = 1 AND bool_and(a.left_over))`;
  const knownCells = cellListingsQuery(
    sql`(SELECT k.x, k.y, 0 AS i FROM (
        SELECT x, y FROM unnest(${cornerCells.map((c) => c.x)}::int[], ${cornerCells.map((c) => c.y)}::int[]) AS k(x, y) UNION SELECT x, y FROM lone
      ) k) a`,
    inRect,
    sql`count(*)::int AS listings, CASE WHEN count(*) = 1 THEN min(p.id::text) END AS listing_id,
        min(p.px) AS min_x, max(p.px) AS max_x, min(p.py) AS min_y, max(p.py) AS max_y`,
    CELLS_MAX_ZOOM,
  );

  // Counted but expired: taken off their cells (the strips above never include them).
  const staleListings = sql`
    SELECT reality.map_x_units(l.longitude)::float8 AS tx, reality.map_y_units(l.latitude)::float8 AS ty, ${PLACED}
    FROM reality.listings l
    WHERE l.status = 'ACTIVE' AND l.published_at IS NOT NULL AND l.expires_at <= now()
      AND l.latitude BETWEEN ${bounds.south}::float8 AND ${bounds.north}::float8 AND l.longitude BETWEEN ${bounds.west}::float8 AND ${bounds.east}::float8
      AND ${typeConditions(filter, sql`l`)}`;

  // All in one statement: one round trip where there were several (each of them a wait of its
  // own on a busy server).
  const rows = await db.$queryRaw<
    {
      kind: "counted" | "left over" | "stale" | "known";
      level: number | null;
      cell_x: number | null;
      cell_y: number | null;
      listings: number | null;
      sum_x: number;
      sum_y: number;
      listing_id: string | null;
      tx: number | null;
      ty: number | null;
      min_x: number | null;
      max_x: number | null;
      min_y: number | null;
      max_y: number | null;
    }[]
  >(sql`
    WITH counted AS MATERIALIZED (${countedCells}), left_over AS MATERIALIZED (${leftOverCells}), lone AS MATERIALIZED (${loneCells})
    SELECT 'counted' AS kind, level, cell_x, cell_y, listings, sum_x, sum_y, NULL AS listing_id, NULL::float8 AS tx, NULL::float8 AS ty,
           NULL::float8 AS min_x, NULL::float8 AS max_x, NULL::float8 AS min_y, NULL::float8 AS max_y
    FROM counted
    UNION ALL
    SELECT 'left over', ${HIDDEN_ADDRESS_ZOOM}::int, cell_x, cell_y, listings, sum_x::float8, sum_y::float8, listing_id, NULL, NULL, min_x, max_x, min_y, max_y
    FROM left_over
    UNION ALL
    SELECT 'stale', NULL, NULL, NULL, NULL, px, py, NULL, tx, ty, NULL, NULL, NULL, NULL FROM (${staleListings}) stale
    UNION ALL
    SELECT 'known', ${CELLS_MAX_ZOOM}::int, x, y, listings, 0, 0, listing_id, NULL, NULL, min_x, max_x, min_y, max_y FROM (${knownCells}) known`);
  const counted = rows.filter((row) => row.kind === "counted");
  const leftOver = rows.filter((row) => row.kind === "left over");
  // Zoom-14 cells read whole (within the rectangle), by key: their listings and the extremes of their placed positions.
  const known: KnownCells = new Map(
    rows
      .filter((row) => row.kind === "known")
      .map((row) => [
        `${row.cell_x},${row.cell_y}`,
        { listings: row.listings!, listingId: row.listing_id, minX: row.min_x!, maxX: row.max_x!, minY: row.min_y!, maxY: row.max_y! },
      ]),
  );
  const stale: Stale[] = rows.filter((row) => row.kind === "stale").map((row) => ({ tx: row.tx!, ty: row.ty!, px: row.sum_x, py: row.sum_y }));

  const atoms = new Map<string, Atom>();
  for (const row of counted)
    atoms.set(`${row.level}:${row.cell_x},${row.cell_y}`, {
      level: row.level!,
      x: row.cell_x!,
      y: row.cell_y!,
      listings: row.listings!,
      sumX: row.sum_x,
      sumY: row.sum_y,
      listingId: null,
      stale: [],
    });
  for (const point of stale) {
    const home = levels.find(({ level, parts }) => parts.some((p) => contains(p, cellOf(point.tx, level), cellOf(point.ty, level))));
    const atom = home && atoms.get(`${home.level}:${cellOf(point.tx, home.level)},${cellOf(point.ty, home.level)}`);
    if (!atom) continue;
    atom.listings -= 1;
    atom.sumX -= point.px;
    atom.sumY -= point.py;
    atom.stale.push(point);
  }
  const pieces = [
    ...[...atoms.values()].filter((a) => a.listings > 0),
    ...leftOver.map((row) => ({
      level: HIDDEN_ADDRESS_ZOOM,
      x: row.cell_x!,
      y: row.cell_y!,
      listings: row.listings!,
      sumX: row.sum_x,
      sumY: row.sum_y,
      listingId: row.listing_id,
      stale: [],
      extremes: { minX: row.min_x!, maxX: row.max_x!, minY: row.min_y!, maxY: row.max_y! },
    })),
  ];

  const clusters = new Map<string, Cluster>();
  for (const atom of pieces) {
    const key = ancestor(atom, zoom);
    let cluster = clusters.get(key);
    if (!cluster) {
      const [x, y] = key.split(",").map(Number) as [number, number];
      cluster = { x, y, atoms: [], listings: 0, sumX: 0, sumY: 0, expansionZoom: null, listingId: null };
      clusters.set(key, cluster);
    }
    cluster.atoms.push(atom);
    cluster.listings += atom.listings;
    cluster.sumX += atom.sumX;
    cluster.sumY += atom.sumY;
  }

  await expandClusters(
    followUp,
    [...clusters.values()].filter((c) => c.listings > 1),
    known,
    zoom,
    cellTypes,
    inRect,
  );
  await findSingleListings(
    followUp,
    [...clusters.values()].filter((c) => c.listings === 1),
    known,
    filter,
    scope,
  );

  return [...clusters.values()]
    .map((c) => ({
      longitude: longitudeOf(c.sumX / c.listings),
      latitude: latitudeOf(c.sumY / c.listings),
      count: c.listings,
      listingId: c.listingId,
      expansionZoom: c.expansionZoom,
    }))
    .sort(byMapOrder);
}

/**
 * Each cluster's expansion zoom: the first level where its listings occupy two cells. Cells
 * coarser than that level are replaced by their children (one query per level for every cluster
 * still undecided); past zoom 14 the cluster lies in one zoom-14 cell, whose listings are read.
 */
async function expandClusters(
  db: PrismaClient,
  undecided: Cluster[],
  known: KnownCells,
  zoom: number,
  cellTypes: Prisma.Sql,
  inRect: Prisma.Sql,
): Promise<void> {
  for (let level = zoom + 1; level <= CELLS_MAX_ZOOM && undecided.length; level++) {
    const parents = undecided.flatMap((c) => c.atoms.filter((a) => a.level < level));
    if (parents.length) {
      const children = await db.$queryRaw<{ i: number; cell_x: number; cell_y: number; listings: number; sum_x: number; sum_y: number }[]>(sql`
        SELECT a.i::int, c.cell_x, c.cell_y, sum(c.listings)::int AS listings, sum(c.sum_x)::float8 AS sum_x, sum(c.sum_y)::float8 AS sum_y
        FROM unnest(${parents.map((p) => p.x)}::int[], ${parents.map((p) => p.y)}::int[]) WITH ORDINALITY AS a(x, y, i)
        CROSS JOIN (VALUES (0, 0), (0, 1), (1, 0), (1, 1)) AS d(dx, dy)
        JOIN reality.listing_map_cells c ON c.level = ${level}::smallint
          AND c.cell_x = a.x * 2 + d.dx AND c.cell_y = a.y * 2 + d.dy AND ${cellTypes}
        GROUP BY 1, 2, 3`);
      const byParent = new Map<Atom, Atom[]>(parents.map((p) => [p, []]));
      for (const row of children) {
        const parent = parents[row.i - 1]!;
        const child: Atom = { level, x: row.cell_x, y: row.cell_y, listings: row.listings, sumX: row.sum_x, sumY: row.sum_y, listingId: null, stale: [] };
        for (const point of parent.stale)
          if (cellOf(point.tx, level) === child.x && cellOf(point.ty, level) === child.y) {
            child.listings -= 1;
            child.stale.push(point);
          }
        if (child.listings > 0) byParent.get(parent)!.push(child);
      }
      for (const cluster of undecided) cluster.atoms = cluster.atoms.flatMap((a) => byParent.get(a) ?? [a]);
    }
    for (const cluster of undecided) if (new Set(cluster.atoms.map((a) => ancestor(a, level))).size > 1) cluster.expansionZoom = level;
    undecided = undecided.filter((c) => c.expansionZoom === null);
  }
  // One zoom-14 cell each: the extremes of its listings' placed positions in the rectangle — known
  // when the cluster is one cell's listings left over at the edges or its cell was read with the
  // counts (and still holds its listings: the cell's read leaves out expired ones too), else read.
  undecided = undecided.filter((cluster) => {
    const read = known.get(zoom14(cluster.atoms[0]!));
    const extremes = (cluster.atoms.length === 1 ? cluster.atoms[0]!.extremes : undefined) ?? (read?.listings === cluster.listings ? read : undefined);
    if (extremes)
      cluster.expansionZoom = expansionZoom(zoom, {
        minX: extremes.minX / WORLD_UNITS,
        maxX: extremes.maxX / WORLD_UNITS,
        minY: extremes.minY / WORLD_UNITS,
        maxY: extremes.maxY / WORLD_UNITS,
      });
    return !extremes;
  });
  if (!undecided.length) return;
  const cells = undecided
    .map((c) => c.atoms[0]!)
    .map((a) => ({ x: Math.floor(a.x / 2 ** (a.level - CELLS_MAX_ZOOM)), y: Math.floor(a.y / 2 ** (a.level - CELLS_MAX_ZOOM)) }));
  const rows = await cellListings(db, cells, inRect, sql`min(p.px) AS min_x, max(p.px) AS max_x, min(p.py) AS min_y, max(p.py) AS max_y`);
  for (const row of rows) {
    const cluster = undecided[row.i - 1]!;
    cluster.expansionZoom = expansionZoom(zoom, {
      minX: Number(row.min_x) / WORLD_UNITS,
      maxX: Number(row.max_x) / WORLD_UNITS,
      minY: Number(row.min_y) / WORLD_UNITS,
      maxY: Number(row.max_y) / WORLD_UNITS,
    });
  }
}

/** A one-listing cluster shows its listing: found in the cell that counts it. */
async function findSingleListings(db: PrismaClient, singles: Cluster[], known: KnownCells, filter: SearchFilter, scope: SearchScope): Promise<void> {
  const unknown = singles.filter((c) => {
    const atom = c.atoms[0]!;
    const read = atom.level >= CELLS_MAX_ZOOM ? known.get(zoom14(atom)) : undefined;
    c.listingId = atom.listingId ?? (read?.listings === 1 ? read.listingId : null);
    return !c.listingId;
  });
  if (!unknown.length) return;
  // Counted cells lie wholly inside the rectangle: the filter without it finds the listing.
  const cells = unknown.map((c) => c.atoms[0]!);
  const rows = await cellListings(
    db,
    cells,
    filterConditions({ ...filter, boundingBox: undefined }, scope),
    sql`min(p.id::text) AS listing_id`,
    cells[0]!.level,
  );
  for (const row of rows) unknown[row.i - 1]!.listingId = row.listing_id as string;
}

/**
 * An aggregate over the listings matching `conditions` in each given cell (at `level`, zoom 14's
 * by default; one level per call), one row per cell numbered from 1. Cells are found through the
 * location index by their latitude/longitude rectangle, decided by their units.
 */
async function cellListings(
  db: PrismaClient,
  cells: { x: number; y: number; level?: number }[],
  conditions: Prisma.Sql,
  aggregate: Prisma.Sql,
  level = CELLS_MAX_ZOOM,
): Promise<({ i: number } & Record<string, unknown>)[]> {
  // Cells of a one-listing cluster may be of any level: ask each level on its own.
  const levelsAsked = [...new Set(cells.map((c) => c.level ?? level))];
  if (levelsAsked.length > 1) {
    const all: ({ i: number } & Record<string, unknown>)[] = [];
    for (const asked of levelsAsked) {
      const indexes = cells.flatMap((c, i) => ((c.level ?? level) === asked ? [i] : []));
      const rows = await cellListings(
        db,
        indexes.map((i) => cells[i]!),
        conditions,
        aggregate,
        asked,
      );
      all.push(...rows.map((row) => ({ ...row, i: indexes[row.i - 1]! + 1 })));
    }
    return all;
  }
  const at = levelsAsked[0]!;
  return db.$queryRaw(
    cellListingsQuery(sql`unnest(${cells.map((c) => c.x)}::int[], ${cells.map((c) => c.y)}::int[]) WITH ORDINALITY AS a(x, y, i)`, conditions, aggregate, at),
  );
}

/**
 * cellListings' statement, for cells of one level: `cells` is a FROM item `a` of rows (x, y, i).
 * A cell's rectangle in degrees, widened by a margin, finds its listings through the location
 * index; their units decide.
 */
function cellListingsQuery(cells: Prisma.Sql, conditions: Prisma.Sql, aggregate: Prisma.Sql, at: number): Prisma.Sql {
  // The cell's edges in units, then degrees (as longitudeOf and latitudeOf).
  const edge = (cell: string, side: 0 | 1) => sql`(a.${Prisma.raw(cell)} + ${side}::int)::float8 * ${cellSize(at)}::float8 / ${WORLD_UNITS}::float8`;
  const longitude = (side: 0 | 1) => sql`(${edge("x", side)} * 360 - 180)`;
  const latitude = (side: 0 | 1) => sql`degrees(atan(sinh(pi() * (1 - 2 * ${edge("y", side)}))))`;
  const margin = sql`${EDGE_MARGIN_DEGREES}::float8`;
  const shift = Prisma.raw(String(30 - at));
  return sql`
    SELECT a.i::int, a.x, a.y, ${aggregate}
    FROM ${cells}
    CROSS JOIN LATERAL (
      SELECT l.id, ${PLACED} FROM reality.listings l
      WHERE l.latitude BETWEEN ${latitude(1)} - ${margin} AND ${latitude(0)} + ${margin}
        AND l.longitude BETWEEN ${longitude(0)} - ${margin} AND ${longitude(1)} + ${margin}
        AND (reality.map_x_units(l.longitude) >> ${shift}) = a.x AND (reality.map_y_units(l.latitude) >> ${shift}) = a.y
        AND ${conditions}
    ) p
    GROUP BY a.i, a.x, a.y`;
}
