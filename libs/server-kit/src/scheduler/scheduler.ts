// Cron-style jobs that run once per scheduled time however many replicas run the scheduler.
// Every replica computes the same scheduled times from the job's cron pattern (croner); the one
// that inserts the (job, scheduled time) row in platform.job_runs runs it, the others find the
// row taken. A run keeps renewing its lease while it works; a row left 'running' by a process
// that died stops being renewed, and once its lease has expired another replica takes it over.
import { hostname } from "node:os";
import { Cron } from "croner";
import type pg from "pg";
import type { Logger } from "../logger.ts";

export interface JobContext {
  /** The time this run was scheduled for (the same on every replica). */
  scheduledAt: Date;
  /** 1, or more when a run abandoned by a crashed process is taken over. */
  attempt: number;
  /** Aborted when the scheduler stops or the run's lease was lost to another replica. */
  signal: AbortSignal;
}

export interface ScheduledJob {
  name: string;
  /** croner syntax; six fields include seconds. Evaluated in UTC unless `timezone` says otherwise. */
  cron: string;
  timezone?: string;
  run(ctx: JobContext): Promise<void>;
}

export interface SchedulerOptions {
  pool: pg.Pool;
  jobs: ScheduledJob[];
  logger?: Logger;
  /** How long a run may go without renewing before another replica may take it over. */
  leaseMs?: number;
  /** How often abandoned runs are looked for. */
  recoverEveryMs?: number;
  runner?: string;
}

/** A scheduled time this far behind is not caught up on (a long stall skips to the next one). */
const CATCH_UP_MS = 60_000;

export class Scheduler {
  private readonly runner: string;
  private readonly leaseMs: number;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Map<string, { done: Promise<void>; abort: AbortController }>();
  private stopped = true;

  constructor(private readonly options: SchedulerOptions) {
    this.runner = options.runner ?? `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    this.leaseMs = options.leaseMs ?? 60_000;
    const names = new Set<string>();
    for (const job of options.jobs) {
      if (names.has(job.name)) throw new Error(`job ${job.name} is declared twice`);
      names.add(job.name);
    }
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    for (const job of this.options.jobs) this.plan(job, new Cron(job.cron, { paused: true, timezone: job.timezone ?? "UTC" }), new Date());
    const recover = () => {
      void this.recoverAbandoned().catch((error) => this.options.logger?.error({ err: error }, "job recovery failed"));
      this.later(recover, this.options.recoverEveryMs ?? Math.max(1_000, this.leaseMs / 2));
    };
    recover();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const { abort } of this.running.values()) abort.abort();
    await Promise.allSettled([...this.running.values()].map((run) => run.done));
  }

  private later(run: () => void, ms: number): void {
    if (this.stopped) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        run();
      },
      Math.max(0, ms),
    );
    this.timers.add(timer);
  }

  private plan(job: ScheduledJob, pattern: Cron, after: Date): void {
    const floor = new Date(Math.max(after.getTime(), Date.now() - CATCH_UP_MS));
    const next = pattern.nextRun(floor);
    if (!next) return;
    this.later(() => {
      void this.claimAndRun(job, next).catch((error) => this.options.logger?.error({ err: error, job: job.name }, "job run failed to start"));
      this.plan(job, pattern, next);
    }, next.getTime() - Date.now());
  }

  /**
   * Claims the run of `job` at `scheduledAt` (a fresh row, or one whose lease expired) and runs it.
   * Returns false when another replica has it.
   */
  async claimAndRun(job: ScheduledJob, scheduledAt: Date): Promise<boolean> {
    const { rows } = await this.options.pool.query<{ id: string; attempt: number }>(
      `INSERT INTO platform.job_runs (id, job_name, scheduled_at, runner, lease_until)
       VALUES (gen_random_uuid(), $1, $2, $3, now() + $4 * interval '1 millisecond')
       ON CONFLICT (job_name, scheduled_at) DO UPDATE
         SET attempt = job_runs.attempt + 1, runner = EXCLUDED.runner, started_at = now(),
             lease_until = EXCLUDED.lease_until, finished_at = NULL, error = NULL
         WHERE job_runs.status = 'running' AND job_runs.lease_until < now()
       RETURNING id, attempt`,
      [job.name, scheduledAt, this.runner, this.leaseMs],
    );
    const claimed = rows[0];
    if (!claimed) return false;
    const abort = new AbortController();
    const done = this.execute(job, scheduledAt, claimed, abort);
    const key = `${job.name}@${scheduledAt.toISOString()}`;
    this.running.set(key, { done, abort });
    await done.finally(() => this.running.delete(key));
    return true;
  }

  private async execute(job: ScheduledJob, scheduledAt: Date, run: { id: string; attempt: number }, abort: AbortController): Promise<void> {
    const { pool, logger } = this.options;
    const renew = setInterval(() => {
      void pool
        .query(`UPDATE platform.job_runs SET lease_until = now() + $3 * interval '1 millisecond' WHERE id = $1 AND runner = $2 AND status = 'running'`, [
          run.id,
          this.runner,
          this.leaseMs,
        ])
        .then(({ rowCount }) => {
          if (rowCount === 0) abort.abort(new Error("lease lost"));
        })
        .catch((error) => logger?.warn({ err: error, job: job.name }, "job lease renewal failed"));
    }, this.leaseMs / 3);
    let error: unknown = null;
    try {
      await job.run({ scheduledAt, attempt: run.attempt, signal: abort.signal });
    } catch (caught) {
      error = caught;
      logger?.error({ err: caught, job: job.name, scheduledAt }, "job run failed");
    } finally {
      clearInterval(renew);
    }
    // Only the current holder records the outcome: a run whose lease was taken over says nothing.
    await pool.query(`UPDATE platform.job_runs SET status = $3, finished_at = now(), error = $4 WHERE id = $1 AND runner = $2 AND status = 'running'`, [
      run.id,
      this.runner,
      error ? "failed" : "succeeded",
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever was thrown is recorded as String() renders it
      error ? String(error instanceof Error ? error.message : error).slice(0, 4_000) : null,
    ]);
  }

  /** Takes over runs of this scheduler's jobs that a crashed process left 'running'. */
  async recoverAbandoned(): Promise<number> {
    const jobs = new Map(this.options.jobs.map((job) => [job.name, job]));
    const { rows } = await this.options.pool.query<{ job_name: string; scheduled_at: Date }>(
      `SELECT job_name, scheduled_at FROM platform.job_runs
        WHERE status = 'running' AND lease_until < now() AND job_name = ANY($1::text[])
        ORDER BY scheduled_at LIMIT 100`,
      [[...jobs.keys()]],
    );
    let taken = 0;
    for (const row of rows) {
      if (this.stopped) break;
      if (await this.claimAndRun(jobs.get(row.job_name)!, row.scheduled_at)) taken++;
    }
    return taken;
  }
}
