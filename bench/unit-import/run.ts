// Unit import benchmark: a building of --rows units (2,000, the mutation's limit) with their
// owners, sent through the gateway as the management app sends it: the dry run its preview
// shows, the import, the same import retried with its key (answered from the idempotency store),
// and the same file again under a new key (every row found as it is: nothing written). Prints
// each one's time; the statement count per import is held constant by the module's test.
//
//   npx tsx bench/unit-import/run.ts [--rows 2000] [--owners 200] [--keep]
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { connectDatabase } from "@ppt/server-kit";
import { permissionsOf } from "@ppt/property/organizations";
import { addMember, createBuilding, createOrganization, createUser } from "@ppt/testing/fixtures";
import { createBenchDatabase, graphql, startServices } from "../support/services.ts";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "2000" },
    owners: { type: "string", default: "200" },
    keep: { type: "boolean", default: false },
  },
});
const ROWS = Number(values.rows);
const OWNERS = Number(values.owners);

const IMPORT = `mutation ($b: ID!, $rows: [UnitImportRow!]!, $key: String, $dry: Boolean) {
  importUnits(buildingId: $b, rows: $rows, idempotencyKey: $key, dryRun: $dry) { applied createdCount updatedCount failedCount rows { status } }
}`;
interface Outcome {
  applied: boolean;
  createdCount: number;
  updatedCount: number;
  failedCount: number;
  rows: { status: string }[];
}

const db = await createBenchDatabase("ppt_bench_import_units");
const services = await startServices(db);
const owner = connectDatabase(db.ownerUrl, { max: 2 });
try {
  const orgId = (await createOrganization(owner.prisma, "Bench SVB Import")).id;
  const buildingId = (await createBuilding(owner.prisma, orgId, "Košice", "Importná", "1")).id;
  const manager = await createUser(owner.prisma, "Bench", "Správca");
  await addMember(owner.prisma, orgId, manager.id);
  const emails: string[] = [];
  for (let i = 0; i < OWNERS; i++) {
    const user = await createUser(owner.prisma, "Vlastník", String(i));
    await addMember(owner.prisma, orgId, user.id);
    emails.push(user.email);
  }
  const token = await services.token({ sub: manager.id, org: orgId, roles: ["manager"], permissions: permissionsOf(["manager"]) });
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    designation: String(i + 1),
    entrance: String.fromCharCode(65 + (i % 8)),
    floor: String(i % 12),
    sizeSqm: "62,5",
    ownershipShare: `1/${ROWS}`,
    ownerEmail: emails[i % OWNERS],
  }));
  const send = async (label: string, key: string | null, dry: boolean) => {
    const started = performance.now();
    const data = (await graphql(services.gatewayUrl, IMPORT, { b: buildingId, rows, key, dry }, token)) as { importUnits: Outcome };
    const ms = performance.now() - started;
    const o = data.importUnits;
    const statuses = [...new Set(o.rows.map((r) => r.status))].join(",");
    console.log(
      `${label.padEnd(28)} ${(ms / 1000).toFixed(2).padStart(6)} s  applied=${o.applied} created=${o.createdCount} updated=${o.updatedCount} failed=${o.failedCount} (${statuses})`,
    );
    return o;
  };
  console.log(`${ROWS} rows, ${OWNERS} owners`);
  const dry = await send("dry run (preview)", null, true);
  if (dry.createdCount !== ROWS || (await owner.prisma.unit.count({ where: { buildingId } })) !== 0) throw new Error("the dry run wrote or refused");
  const key = randomUUID();
  const first = await send("import", key, false);
  if (!first.applied || (await owner.prisma.unit.count({ where: { buildingId } })) !== ROWS) throw new Error("the import did not write every row");
  await send("same key again", key, false);
  const again = await send("same file, new key", randomUUID(), false);
  if (again.rows.some((r) => r.status !== "UNCHANGED")) throw new Error("the same file again changed something");
  if ((await owner.prisma.unitOwnership.count({ where: { unit: { buildingId } } })) !== ROWS) throw new Error("owners were added twice");
} finally {
  await owner.close();
  await services.stop();
  if (!values.keep) await db.drop();
}
