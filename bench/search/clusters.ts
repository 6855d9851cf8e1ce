// The map searches of the mix timed both ways on one database in one run: grouping every
// matching listing at request time (what main did) and reading the per-cell counts, interleaved
// round by round so both see the same load; each answer checked equal before timing.
//
//   npx tsx bench/search/clusters.ts [--database ppt_bench_search] [--rounds 30]
//
// Runs against the database `run.ts --keep` left (migrated first), as the reality subgraph's role.
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { applyMigrations } from "@ppt/db/migrate";
import { roleNames, withLogin } from "@ppt/db";
import { connectDatabase } from "@ppt/server-kit";
import { cellClusters } from "../../subgraphs/reality/src/modules/listings/map-cells.ts";
import { groupedClusters } from "../../subgraphs/reality/src/modules/listings/clusters.ts";
import type { ListingClusterRow } from "../../subgraphs/reality/src/modules/listings/map-grid.ts";
import { parseListingFilter } from "../../subgraphs/reality/src/modules/listings/filter.ts";
import { PUBLIC_SEARCH } from "../../subgraphs/reality/src/modules/search/service.ts";
import { testDatabaseUrl } from "../../prisma/src/testing/server.ts";
import { percentile } from "../support/services.ts";
import { MIX } from "./mix.ts";

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

const { values } = parseArgs({ options: { database: { type: "string", default: "ppt_bench_search" }, rounds: { type: "string", default: "30" } } });
const ownerUrl = testDatabaseUrl(values.database);
await applyMigrations({ databaseUrl: ownerUrl });
const db = connectDatabase(withLogin(ownerUrl, roleNames.reality), { max: 2 });
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
try {
  const searches = MIX.filter((m) => m.name.startsWith("map clusters"));
  const ways = { grouped: groupedClusters, cells: cellClusters } as const;
  const times = new Map<string, number[]>();
  for (let round = 0; round < Number(values.rounds) + 1; round++) {
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
        else times.set(`${search.name}|${way}`, [...(times.get(`${search.name}|${way}`) ?? []), ms]);
        if (round === 0) console.log(`${search.name}, ${way}: ${clusters.length} clusters of ${clusters.reduce((s, c) => s + c.count, 0)} listings`);
      }
      if (round === 0 && !sameClusters(answers[0]!, answers[1]!)) console.log(`  ANSWERS DIFFER for ${search.name}`);
    }
  }
  console.log(`\n${values.rounds} rounds, load average (1/5/15 min) at the end: ${load()}`);
  console.log(`${"".padEnd(36)}${"grouped p50/p95 ms".padStart(22)}${"cells p50/p95 ms".padStart(22)}`);
  for (const search of searches) {
    const cell = (way: string) => {
      const list = times.get(`${search.name}|${way}`)!.sort((a, b) => a - b);
      return `${percentile(list, 50).toFixed(1)} / ${percentile(list, 95).toFixed(1)}`;
    };
    console.log(`${search.name.padEnd(36)}${cell("grouped").padStart(22)}${cell("cells").padStart(22)}`);
  }
} finally {
  await db.close();
}
