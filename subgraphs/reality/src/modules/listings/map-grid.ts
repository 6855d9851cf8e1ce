// The map's grid, shared by both ways of computing clusters (clusters.ts, map-cells.ts): Web
// Mercator (the maps' own projection) with cells of a quarter tile (64 px) at each zoom, so
// clusters look evenly spaced on screen. Zoom z's cells are the grid of level z: 2^(z+2) cells a
// side; each level's cells split in four at the next.

/** Zoom levels the grid supports (slippy-map zooms). */
export const MIN_CLUSTER_ZOOM = 0;
export const MAX_CLUSTER_ZOOM = 20;
/** Cells per tile side: 4 → 64-px cells on 256-px tiles. */
const CELLS_PER_TILE_LOG2 = 2;
/** Listings hiding their address are snapped to this zoom's cell centre. */
export const HIDDEN_ADDRESS_ZOOM = 14;

export interface ListingClusterRow {
  latitude: number;
  longitude: number;
  count: number;
  /** The listing when the cluster holds exactly one. */
  listingId: string | null;
  /** The zoom where the cluster first splits into more than one cell; null: it never does (same point). */
  expansionZoom: number | null;
}

export const cellsAt = (zoom: number) => 2 ** (zoom + CELLS_PER_TILE_LOG2);

/** The first zoom above `zoom` where [minX, maxX] × [minY, maxY] (Mercator 0…1) spans more than one cell. */
export function expansionZoom(zoom: number, box: { minX: number; maxX: number; minY: number; maxY: number }): number | null {
  for (let z = zoom + 1; z <= MAX_CLUSTER_ZOOM + 8; z++) {
    const n = cellsAt(z);
    if (Math.floor(box.minX * n) !== Math.floor(box.maxX * n) || Math.floor(box.minY * n) !== Math.floor(box.maxY * n)) return z;
  }
  return null;
}

/** Clusters as the map shows them: the biggest first, then north to south, west to east. */
export function byMapOrder(a: ListingClusterRow, b: ListingClusterRow): number {
  return b.count - a.count || a.latitude - b.latitude || a.longitude - b.longitude;
}
