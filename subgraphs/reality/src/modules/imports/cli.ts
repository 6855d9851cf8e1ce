// npm run import -- <file.xml> --agency <agency id> [--partial] [--confirm-archive]
// Imports an agency feed as the reality server role (REALITY_DATABASE_URL, or the role's login
// on DATABASE_URL's server), with a progress bar on stderr and the run's summary on stdout.
// Exit status: 0 every item imported, 1 some or all items refused (or the run failed),
// 2 usage, 3 a full feed that would archive too much and was not confirmed.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { roleDatabaseUrl } from "@ppt/db";
import { AppError, connectDatabase, isUuid } from "@ppt/server-kit";
import { ARCHIVE_CONFIRMATION_REQUIRED, importFeed, type ItemError } from "./feed-import.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    agency: { type: "string" },
    partial: { type: "boolean", default: false },
    "confirm-archive": { type: "boolean", default: false },
  },
});
const file = positionals[0];
if (!file || !values.agency || !isUuid(values.agency)) {
  console.error(
    [
      "usage: npm run import -- <file.xml> --agency <agency id> [--partial] [--confirm-archive]",
      "  --partial          listings missing from the file are kept (default: the file is the full offer)",
      "  --confirm-archive  let a full feed archive more than 20 % of the agency's active listings",
    ].join("\n"),
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
    confirmArchive: values["confirm-archive"],
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
  const errors = Array.isArray(run.errors) ? (run.errors as unknown as ItemError[]) : [];
  for (const error of errors) console.log(`  #${error.index} ${error.externalId ?? "-"}: ${error.code} ${error.message}`);
  if (errors.length) {
    // A partial run is a failed run for scripts: some of the agency's offer did not arrive.
    const byCode = new Map<string, number>();
    for (const error of errors) byCode.set(error.code, (byCode.get(error.code) ?? 0) + 1);
    console.error(`import ${run.status}: ${errors.length} item(s) refused (${[...byCode].map(([code, n]) => `${code} ${n}`).join(", ")})`);
  }
  process.exitCode = run.status === "SUCCEEDED" ? 0 : 1;
} catch (error) {
  if (started) bar.stop();
  if (error instanceof AppError && error.details.reason === ARCHIVE_CONFIRMATION_REQUIRED) {
    console.error(`import refused: ${error.message}\nRun again with --confirm-archive to archive them, or with --partial to keep them.`);
    process.exitCode = 3;
  } else {
    console.error(`import failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
} finally {
  await db.close();
}
