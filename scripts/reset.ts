// npm run reset: the embedded data (DATA_DIR, default .data) dropped and built again: a fresh
// PostgreSQL cluster, migrated and seeded (SEED=false: left empty), and an S3 store holding only
// the seeded listings' photos.
// The development keys and the subgraph secret in DATA_DIR are kept. Refused while `npm start` runs.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { EMBEDDED_PORT } from "@ppt/db";
import { repoRoot } from "@ppt/server-kit/config";
import { seedDemoData, startEmbeddedPostgres, startEmbeddedS3 } from "./embedded.ts";
import { describePortOwner, isPortFree } from "./process/port-owner.ts";

const log = (line: string) => console.log(`[reset] ${line}`);
const dataDir = process.env.DATA_DIR ?? join(repoRoot, ".data");
const port = Number(process.env.EMBEDDED_PG_PORT ?? EMBEDDED_PORT);
const s3Port = Number(process.env.EMBEDDED_S3_PORT ?? 4569);
const embeddedS3 = !process.env.S3_ENDPOINT;

if (!(await isPortFree(port))) {
  log(`port ${port} (embedded PostgreSQL, EMBEDDED_PG_PORT) is in use ${describePortOwner(port)}: stop \`npm start\` first.`);
  process.exit(1);
}
if (embeddedS3 && !(await isPortFree(s3Port))) {
  log(`port ${s3Port} (embedded S3, EMBEDDED_S3_PORT) is in use ${describePortOwner(s3Port)}: stop \`npm start\` first.`);
  process.exit(1);
}
for (const folder of ["postgres", "s3"]) rmSync(join(dataDir, folder), { recursive: true, force: true });
log(`dropped ${join(dataDir, "postgres")} and ${join(dataDir, "s3")}`);
const postgres = await startEmbeddedPostgres(dataDir, port, process.env.DB_ROLE_PASSWORD ?? "ppt-dev", log);
// The listings' photos go to the store `npm start` will use: the embedded one unless S3_ENDPOINT names another.
const s3 = embeddedS3 ? await startEmbeddedS3(dataDir, s3Port, process.env.S3_BUCKET ?? "ppt-files") : undefined;
try {
  if (process.env.SEED !== "false") await seedDemoData(postgres.ownerUrl, log, s3 ? { ...process.env, S3_ENDPOINT: s3.endpoint } : process.env);
} finally {
  await s3?.stop();
  await postgres.stop();
}
log("done: `npm start` runs on the fresh data");
// The migration engine leaves a timer armed; nothing else is left to do.
process.exit(0);
