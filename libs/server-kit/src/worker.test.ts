// The worker's cron jobs against a real database: a failing run is logged and the job runs again
// at its next scheduled time, each scheduled time runs once across two replicas, stop() waits for
// the run in hand, and /health and /metrics are served.
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSigningKey } from "./auth/tokens.ts";
import { loadServerConfig, type ServerConfig } from "./config.ts";
import { startWorker, type CronJob } from "./worker.ts";

let db: TestDatabase;
let config: ServerConfig;

beforeAll(async () => {
  db = await createTestDatabase();
  const keys = await generateSigningKey("test");
  config = await loadServerConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATABASE_URL: db.ownerUrl,
    PROPERTY_DATABASE_URL: db.urlFor("property"),
    REALITY_DATABASE_URL: db.urlFor("reality"),
    JWT_JWKS: JSON.stringify(keys.jwks),
  });
});

afterAll(() => db?.drop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(20);
  }
}

/** A logger whose entries the test reads. */
function capturingLogger() {
  const entries: Record<string, any>[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void entries.push(JSON.parse(line)) });
  return { logger, entries };
}

const everySecond = "* * * * * *";

describe("scheduled jobs", () => {
  it("logs a failing run with the job's name and runs the job again at its next turn", { timeout: 20_000 }, async () => {
    const { logger, entries } = capturingLogger();
    let runs = 0;
    const flaky: CronJob = {
      name: "test.flaky",
      cron: everySecond,
      run: async () => {
        runs++;
        if (runs <= 2) throw new Error(`boom ${runs}`);
        return runs;
      },
    };
    const worker = await startWorker({ name: "test", role: "property", config, liveRoutes: [], cronJobs: [flaky], port: 0, logger });
    try {
      await until(() => runs >= 4);
      const failures = entries.filter((e) => e.msg?.startsWith("job run failed"));
      expect(failures.map((e) => [e.job, e.err?.message, e.level])).toEqual([
        ["test.flaky", "boom 1", 50],
        ["test.flaky", "boom 2", 50],
      ]);
      expect(entries.some((e) => e.job === "test.flaky" && e.msg === "cron job ran" && e.result === 3)).toBe(true);

      expect((await fetch(`${worker.url}/health`)).status).toBe(200);
      const metrics = await (await fetch(`${worker.url}/metrics`)).text();
      expect(metrics).toMatch(/ppt_worker_job_runs_total\{[^}]*job="test\.flaky"[^}]*outcome="failed"[^}]*\} 2/);
      expect(metrics).toMatch(/ppt_worker_job_runs_total\{[^}]*job="test\.flaky"[^}]*outcome="ok"/);
    } finally {
      await worker.stop();
    }
  });

  it("never runs one job twice at once, even with two replicas, and stop() waits for the run in hand", { timeout: 20_000 }, async () => {
    const ticks: string[] = [];
    let active = 0;
    let mostAtOnce = 0;
    let runs = 0;
    let finished = 0;
    const slow: CronJob = {
      name: "test.slow",
      cron: everySecond,
      run: async ({ scheduledAt }) => {
        ticks.push(scheduledAt.toISOString());
        runs++;
        active++;
        mostAtOnce = Math.max(mostAtOnce, active);
        await sleep(150);
        active--;
        finished++;
      },
    };
    const replicas = await Promise.all([1, 2].map(() => startWorker({ name: "test", role: "property", config, liveRoutes: [], cronJobs: [slow], port: 0 })));
    try {
      await until(() => runs >= 3);
      expect(mostAtOnce).toBe(1);
      // Each scheduled time ran in one replica only.
      expect(new Set(ticks).size).toBe(ticks.length);
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
    }
    expect(active).toBe(0);
    expect(finished).toBe(runs);
    const after = runs;
    await sleep(100);
    expect(runs).toBe(after);
  });
});
