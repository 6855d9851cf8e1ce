// Two schedulers over two pools stand for two replicas of the worker.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, testPool, type TestDatabase } from "@ppt/db/testing";
import { Scheduler, type ScheduledJob } from "./scheduler.ts";

let database: TestDatabase;
let owner: ReturnType<typeof testPool>;
const replicaPools: Array<ReturnType<typeof testPool>> = [];

beforeAll(async () => {
  database = await createTestDatabase();
  owner = testPool(database.ownerUrl, 2);
  for (let i = 0; i < 2; i++) replicaPools.push(testPool(database.urlFor("property"), 4));
});

afterAll(async () => {
  for (const pool of [owner, ...replicaPools]) await pool.end();
  await database.drop();
});

function recordingJob(name: string, cron: string, runs: Array<{ replica: number; scheduledAt: string; attempt: number }>, replica: number): ScheduledJob {
  return {
    name,
    cron,
    run: async ({ scheduledAt, attempt }) => {
      runs.push({ replica, scheduledAt: scheduledAt.toISOString(), attempt });
      // Long enough that both replicas are inside the same tick at once.
      await new Promise((resolve) => setTimeout(resolve, 150));
    },
  };
}

it("runs each tick of a job once across two replicas and records every run", { timeout: 20_000 }, async () => {
  const runs: Array<{ replica: number; scheduledAt: string; attempt: number }> = [];
  const replicas = replicaPools.map(
    (pool, replica) => new Scheduler({ pool, jobs: [recordingJob("test.every-second", "* * * * * *", runs, replica)], leaseMs: 5_000 }),
  );
  for (const scheduler of replicas) scheduler.start();
  await new Promise((resolve) => setTimeout(resolve, 4_300));
  await Promise.all(replicas.map((scheduler) => scheduler.stop()));

  const ticks = runs.map((run) => run.scheduledAt);
  expect(ticks.length).toBeGreaterThanOrEqual(3);
  expect(new Set(ticks).size).toBe(ticks.length);
  for (const tick of ticks) expect(new Date(tick).getUTCMilliseconds()).toBe(0);
  const { rows } = await owner.query<{ scheduled_at: Date; status: string; finished_at: Date | null }>(
    "SELECT scheduled_at, status, finished_at FROM platform.job_runs WHERE job_name = 'test.every-second' ORDER BY scheduled_at",
  );
  expect(rows.map((row) => row.scheduled_at.toISOString())).toEqual([...ticks].sort());
  expect(rows.every((row) => row.status === "succeeded" && row.finished_at)).toBe(true);
});

it("takes over a run whose process died once its lease expired, and only that one", { timeout: 20_000 }, async () => {
  const crashedAt = new Date("2026-01-05T03:00:00Z");
  const stillAliveAt = new Date("2026-01-06T03:00:00Z");
  await owner.query(
    `INSERT INTO platform.job_runs (id, job_name, scheduled_at, runner, started_at, lease_until) VALUES
       (gen_random_uuid(), 'test.nightly', $1, 'crashed-replica', now() - interval '10 minutes', now() - interval '5 minutes'),
       (gen_random_uuid(), 'test.nightly', $2, 'busy-replica', now(), now() + interval '10 minutes')`,
    [crashedAt, stillAliveAt],
  );
  const runs: Array<{ replica: number; scheduledAt: string; attempt: number }> = [];
  const replicas = replicaPools.map(
    (pool, replica) => new Scheduler({ pool, jobs: [recordingJob("test.nightly", "0 3 * * *", runs, replica)], leaseMs: 5_000, recoverEveryMs: 200 }),
  );
  for (const scheduler of replicas) scheduler.start();
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await Promise.all(replicas.map((scheduler) => scheduler.stop()));

  expect(runs.map(({ scheduledAt, attempt }) => ({ scheduledAt, attempt }))).toEqual([{ scheduledAt: crashedAt.toISOString(), attempt: 2 }]);
  const { rows } = await owner.query<{ scheduled_at: Date; status: string; attempt: number; runner: string }>(
    "SELECT scheduled_at, status, attempt, runner FROM platform.job_runs WHERE job_name = 'test.nightly' ORDER BY scheduled_at",
  );
  expect(rows.map(({ status, attempt, runner }) => ({ status, attempt, busy: runner === "busy-replica" }))).toEqual([
    { status: "succeeded", attempt: 2, busy: false },
    { status: "running", attempt: 1, busy: true },
  ]);
});

it("records a failed run with its error", async () => {
  const job: ScheduledJob = { name: "test.failing", cron: "0 0 1 1 *", run: async () => Promise.reject(new Error("mail server refused")) };
  const scheduler = new Scheduler({ pool: replicaPools[0]!, jobs: [job] });
  expect(await scheduler.claimAndRun(job, new Date("2026-01-01T00:00:00Z"))).toBe(true);
  expect(await scheduler.claimAndRun(job, new Date("2026-01-01T00:00:00Z"))).toBe(false);
  const { rows } = await owner.query("SELECT status, error FROM platform.job_runs WHERE job_name = 'test.failing'");
  expect(rows).toEqual([{ status: "failed", error: "mail server refused" }]);
});
