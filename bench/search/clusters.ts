// The map searches of the mix timed both ways on one database in one run: grouping every
// matching listing at request time (what main did) and reading the per-cell counts, interleaved
// round by round so both see the same load; each answer checked equal before timing.
//
//   npx tsx bench/search/clusters.ts [--database ppt_bench_search] [--rounds 30]
//
// Runs against the database `run.ts --keep` left (migrated first), as the reality subgraph's role.
import { cellClusters } from "../../subgraphs/reality/src/modules/listings/map-cells.ts";
import { groupedClusters } from "../../subgraphs/reality/src/modules/listings/clusters.ts";
import type { ListingClusterRow } from "../../subgraphs/reality/src/modules/listings/map-grid.ts";
import { parseListingFilter } from "../../subgraphs/reality/src/modules/listings/filter.ts";
import { PUBLIC_SEARCH } from "../../subgraphs/reality/src/modules/search/service.ts";
import { MIX } from "./mix.ts";
import { keptDatabase, loadAverage, Timings } from "./side-by-side.ts";

/** Equal counts, listings and expansion zooms, centres within 1e-6° (the counts sum integer map units). */
function sameClusters(a: ListingClusterRow[], b: ListingClusterRow[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      return (
        x.count === y.count &&
        x.listingId === y.listingId &&
        x.expansionZoom === y.expansionZoom &&
        Math.abs(x.latitude - y.latitude) < 1e-6 &&
        Math.abs(x.longitude - y.longitude) < 1e-6
      );
    })
  );
}

const { db, rounds } = await keptDatabase(30);
try {
  const searches = MIX.filter((m) => m.name.startsWith("map clusters"));
  const ways = { grouped: groupedClusters, cells: cellClusters } as const;
  const times = new Timings();
  for (let round = 0; round < rounds + 1; round++) {
    for (const search of searches) {
      const variables = search.variables(round) as { bounds: { south: number; west: number; north: number; east: number }; zoom: number; filter?: object };
      const filter = parseListingFilter({ ...variables.filter, boundingBox: variables.bounds });
      const answers: ListingClusterRow[][] = [];
      for (const [way, run] of Object.entries(ways)) {
        const started = performance.now();
        const clusters = await run(db.prisma, filter, PUBLIC_SEARCH, filter.boundingBox!, variables.zoom);
        const ms = performance.now() - started;
        // Round 0 warms the caches and compares the answers (centres to 1e-6°).
        if (round === 0) answers.push(clusters);
        else times.add(search.name, way, ms);
        if (round === 0) console.log(`${search.name}, ${way}: ${clusters.length} clusters of ${clusters.reduce((s, c) => s + c.count, 0)} listings`);
      }
      if (round === 0 && !sameClusters(answers[0]!, answers[1]!)) console.log(`  ANSWERS DIFFER for ${search.name}`);
    }
  }
  console.log(`\n${rounds} rounds, load average (1/5/15 min) at the end: ${loadAverage()}`);
  times.print("", 36, [
    { way: "grouped", heading: "grouped p50/p95 ms", width: 22 },
    { way: "cells", heading: "cells p50/p95 ms", width: 22 },
  ]);
} finally {
  await db.close();
}
