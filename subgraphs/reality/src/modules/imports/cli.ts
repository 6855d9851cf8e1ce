// npm run import -- <file.xml> --agency <agency id> [--partial]
// Imports an agency feed as the reality server role (REALITY_DATABASE_URL, or the role's login
// on DATABASE_URL's server), with a progress bar on stderr and the run's summary on stdout.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { roleDatabaseUrl } from "@ppt/db";
import { connectDatabase, isUuid } from "@ppt/server-kit";
import { importFeed } from "./feed-import.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { agency: { type: "string" }, partial: { type: "boolean", default: false } },
});
const file = positionals[0];
if (!file || !values.agency || !isUuid(values.agency)) {
  console.error(
    "usage: npm run import -- <file.xml> --agency <agency id> [--partial]\n  --partial  listings missing from the file are kept (default: the file is the full offer)",
  );
  process.exit(2);
}

const db = connectDatabase(roleDatabaseUrl("reality"), { max: 2 });
const bar = new cliProgress.SingleBar(
  // noTTYOutput: the bar also reaches logs and pipes (redrawn every second there).
  { format: "importing [{bar}] {percentage}% | {value}/{total} listings", stream: process.stderr, hideCursor: true, noTTYOutput: true, notTTYSchedule: 1_000 },
  cliProgress.Presets.shades_classic,
);
let started = false;
try {
  const xml = await readFile(file, "utf8");
  const run = await importFeed(db.prisma, {
    agencyId: values.agency,
    xml,
    ...(values.partial ? { full: false } : {}),
    onProgress: (done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
  });
  bar.stop();
  console.log(
    `import ${run.id}: ${run.status} — created ${run.createdCount}, updated ${run.updatedCount}, unchanged ${run.unchangedCount}, archived ${run.archivedCount}, failed ${run.failedCount}`,
  );
  for (const error of (run.errors as { index: number; externalId: string | null; code: string; message: string }[]) ?? []) {
    console.log(`  #${error.index} ${error.externalId ?? "-"}: ${error.code} ${error.message}`);
  }
  process.exitCode = run.status === "FAILED" ? 1 : 0;
} catch (error) {
  if (started) bar.stop();
  console.error(`import failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
