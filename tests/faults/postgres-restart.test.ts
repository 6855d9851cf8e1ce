// PostgreSQL restarted (fast shutdown: sessions terminated, open transactions rolled back) under a
// steady write load through the gateway. The test's own PostgreSQL 15 server: the shared one is
// never touched. Requests caught by the restart fail with SERVICE_UNAVAILABLE (a retry is the
// client's answer), none is half-applied (each reported fault has its status history and its
// event, or nothing of it exists), and the subgraph serves again without being restarted.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBuilding, createOrganization, createUser } from "@ppt/testing/fixtures";
import { migratedDatabaseOn, startOwnPostgres, type OwnPostgres } from "@ppt/testing/own-servers";
import { startProcessStack, type ProcessStack } from "@ppt/testing/process-stack";

let server: OwnPostgres;
let stack: ProcessStack;

beforeAll(async () => {
  server = await startOwnPostgres();
  stack = await startProcessStack({ database: await migratedDatabaseOn(server) });
});
afterAll(async () => {
  await stack?.stop();
  await server?.stop();
});

const REPORT = `mutation ($input: ReportFaultInput!) { reportFault(input: $input) { id title } }`;

describe("PostgreSQL restarted under a steady write load", () => {
  it("fails the requests it catches with SERVICE_UNAVAILABLE, applies none by half, and recovers without a restart", async () => {
    const org = await createOrganization(stack.owner.prisma);
    const user = await createUser(stack.owner.prisma);
    const building = await createBuilding(stack.owner.prisma, org.id);
    const token = await stack.tokenFor(user.id, org.id, ["manager"]);
    const run = randomUUID().slice(0, 8);

    const outcomes: { title: string; ok: boolean; code?: unknown; message?: string; at: number }[] = [];
    let restarted = 0;
    let stopAt = Infinity;
    const writer = async (lane: number) => {
      for (let i = 0; Date.now() < stopAt; i++) {
        const title = `${run}-${lane}-${i}`;
        const answer = await stack.query(REPORT, { input: { buildingId: building.id, title, description: "Kvapká." } }, token).catch((error: Error) => ({
          errors: [{ message: error.message, extensions: { code: "NO_ANSWER" } }],
          data: undefined,
        }));
        outcomes.push({ title, ok: !answer.errors, code: answer.errors?.[0]?.extensions?.code, message: answer.errors?.[0]?.message, at: Date.now() });
      }
    };
    const lanes = Promise.all([0, 1, 2, 3].map(writer));
    const okCount = () => outcomes.filter((o) => o.ok).length;
    while (okCount() < 20) await new Promise((resolve) => setTimeout(resolve, 50));
    await server.restart();
    restarted = Date.now();
    // Keep writing until the service has taken 20 more writes after the restart.
    while (outcomes.filter((o) => o.ok && o.at > restarted).length < 20) {
      if (Date.now() - restarted > 60_000) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    stopAt = Date.now();
    await lanes;

    const failed = outcomes.filter((o) => !o.ok);
    expect(failed.length).toBeGreaterThan(0); // the restart did catch requests
    expect([...new Set(failed.map((o) => o.code))], stack.property[0]!.stderr()).toEqual(["SERVICE_UNAVAILABLE"]);
    expect(outcomes.filter((o) => o.ok && o.at > restarted).length, JSON.stringify(failed.slice(-3)) + stack.property[0]!.stderr()).toBeGreaterThanOrEqual(20);

    // Atomic: every fault of this run has its first status and its event; every success is there once.
    const rows = await stack.owner.prisma.$queryRaw<{ title: string; history: bigint; events: bigint }[]>`
      SELECT f.title,
             (SELECT count(*) FROM property.fault_status_history h WHERE h.fault_id = f.id) AS history,
             (SELECT count(*) FROM platform.outbox e WHERE e.aggregate_id = f.id AND e.event_type = 'fault.reported') AS events
      FROM property.faults f WHERE f.title LIKE ${run + "-%"}`;
    expect(rows.filter((r) => Number(r.history) !== 1 || Number(r.events) !== 1)).toEqual([]);
    const stored = new Map<string, number>();
    for (const row of rows) stored.set(row.title, (stored.get(row.title) ?? 0) + 1);
    expect(outcomes.filter((o) => o.ok && stored.get(o.title) !== 1)).toEqual([]);
    expect([...stored.values()].every((n) => n === 1)).toBe(true);
    expect(stack.crashes()).toEqual([]);
  });
});
