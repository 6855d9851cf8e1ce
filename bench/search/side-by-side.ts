// What the side-by-side search scripts (clusters.ts, words.ts, geo.ts) share: the database
// `run.ts --keep` left, migrated to this checkout and opened as the reality subgraph's role; the
// load average they print; and their timings, kept per row and way and printed as p50 / p95.
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { applyMigrations } from "@ppt/db/migrate";
import { roleNames, withLogin } from "@ppt/db";
import { connectDatabase } from "@ppt/server-kit";
import { testDatabaseUrl } from "../../prisma/src/testing/server.ts";
import { percentile } from "../support/services.ts";

/** `--database` (default ppt_bench_search) opened as the reality subgraph's role, and `--rounds`. */
export async function keptDatabase(defaultRounds: number) {
  const { values } = parseArgs({
    options: { database: { type: "string", default: "ppt_bench_search" }, rounds: { type: "string", default: String(defaultRounds) } },
  });
  const ownerUrl = testDatabaseUrl(values.database);
  await applyMigrations({ databaseUrl: ownerUrl });
  return { db: connectDatabase(withLogin(ownerUrl, roleNames.reality), { max: 2 }), rounds: Number(values.rounds) };
}

export const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

/** Milliseconds per row (a search) and way (one of the variants timed against each other). */
export class Timings {
  private readonly times = new Map<string, number[]>();

  add(row: string, way: string, ms: number): void {
    const key = `${row}|${way}`;
    this.times.set(key, [...(this.times.get(key) ?? []), ms]);
  }

  /** One line per row: p50 / p95 of each way, under a heading. */
  print(rowHeading: string, rowWidth: number, ways: { way: string; heading: string; width: number }[]): void {
    console.log(`${rowHeading.padEnd(rowWidth)}${ways.map(({ heading, width }) => heading.padStart(width)).join("")}`);
    for (const row of new Set([...this.times.keys()].map((key) => key.slice(0, key.lastIndexOf("|"))))) {
      const cell = (way: string) => {
        const list = [...(this.times.get(`${row}|${way}`) ?? [])].sort((a, b) => a - b);
        return list.length ? `${percentile(list, 50).toFixed(1)} / ${percentile(list, 95).toFixed(1)}` : "-";
      };
      console.log(`${row.padEnd(rowWidth)}${ways.map(({ way, width }) => cell(way).padStart(width)).join("")}`);
    }
  }
}
