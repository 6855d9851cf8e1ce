// A worker process: the outbox relay (the guarantee that every committed event is published,
// even when no subgraph process is running), the broker consumers of its package, each
// idempotent by event id, and its scheduled jobs. Any number of workers may run: the relay
// claims rows with SKIP LOCKED, each consumer group hands an event to one of its consumers, and
// each run of a cron job happens once across replicas, recorded in platform.job_runs and taken
// over after a crash (the kit's Scheduler). Interval jobs (`jobs`, an advisory lock per turn)
// remain for packages not yet on cron.
// Its one listener serves /health and /metrics (PORT, 9464 in the cluster).
import type { Server } from "node:http";
import type { ServerRole } from "@ppt/db";
import { Counter, Histogram } from "prom-client";
import type { ServerConfig } from "./config.ts";
import { connectDatabase, type DbHandle, type PrismaClient } from "./db/clients.ts";
import { LiveRouter, type LiveRoutes } from "./events/live-routes.ts";
import { OutboxRelay } from "./events/outbox-relay.ts";
import { createPubSub } from "./events/pubsub.ts";
import { createEventBroker, startConsumers, type ConsumerFactory } from "./broker/index.ts";
import { createHttpServer, listen } from "./http/server.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createMetrics } from "./metrics.ts";
import { createObjectStorage, type ObjectStorage } from "./storage/object-storage.ts";
import { Scheduler as CronScheduler, type JobContext } from "./scheduler/index.ts";

/** What a scheduled job works with: the worker's role client (RLS stays on), storage, its logger. */
export interface JobDeps {
  prisma: PrismaClient;
  /** The same role's pool, for the kit's SQL-level ledgers (deliveries). */
  pool: DbHandle["pool"];
  config: ServerConfig;
  storage: ObjectStorage;
  logger: Logger;
}

/**
 * A periodic job. It must be safe to run again at any time (a run may be cut short by a crash)
 * and should not rely on the lock alone for correctness: the lock only keeps replicas from
 * doing the same work twice.
 */
export interface ScheduledJob {
  /** Unique: names the job's logs, metrics and advisory lock, e.g. "property.close-due-votes". */
  name: string;
  /** The pause between the end of one run and the start of the next (runs never overlap). */
  intervalMs: number;
  run(deps: JobDeps): Promise<unknown>;
}

/**
 * A cron job: each scheduled time runs once across every replica (platform.job_runs), and a run
 * cut short by a crash is taken over once its lease expires. It still must be safe to run again.
 */
export interface CronJob {
  /** Unique: names the job's runs, logs and metrics, e.g. "property.close-due-votes". */
  name: string;
  /** croner syntax (six fields include seconds), in UTC unless `timezone` says otherwise. */
  cron: string;
  timezone?: string;
  run(deps: JobDeps & JobContext): Promise<unknown>;
}

/** Runs `body` when this process wins the job's lock for this run; false (nothing run) when another holds it. */
export type JobLock = (jobName: string, body: () => Promise<void>) => Promise<boolean>;

/** Within one process runs never overlap anyway: no lock needed (tests, a single worker). */
export const noJobLock: JobLock = async (_name, body) => {
  await body();
  return true;
};

/**
 * A session-level PostgreSQL advisory lock per job name, held on one connection for the whole
 * run: across every replica at most one runs the job at a time, and the others skip that turn.
 * If the process dies, its connection ends and the server releases the lock.
 */
export function advisoryJobLock(pool: DbHandle["pool"]): JobLock {
  return async (jobName, body) => {
    const key = `ppt.job:${jobName}`;
    const client = await pool.connect();
    let locked: boolean;
    try {
      locked = (await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [key])).rows[0]?.locked === true;
    } catch (error) {
      client.release(true);
      throw error;
    }
    if (!locked) {
      client.release();
      return false;
    }
    try {
      await body();
      return true;
    } finally {
      // A connection whose unlock failed is destroyed, not pooled: ending it frees the lock.
      const unlocked = await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key]).then(
        () => true,
        () => false,
      );
      client.release(!unlocked);
    }
  };
}

export interface JobMetrics {
  runs: Counter<"job" | "outcome">;
  duration: Histogram<"job">;
}

export interface Scheduler {
  /** Runs finished per job (any outcome, skipped turns included): tests wait on it. */
  turns(jobName: string): number;
  /** Stops scheduling, then waits for the runs in hand. */
  stop(): Promise<void>;
}

/**
 * Runs each job now and then again `intervalMs` after each run ends (so a slow run never
 * overlaps the next one). A failing run is logged and the job runs again at its next turn.
 */
export function schedule(jobs: readonly ScheduledJob[], options: { deps: JobDeps; lock?: JobLock; metrics?: JobMetrics }): Scheduler {
  const names = new Set<string>();
  for (const job of jobs) {
    if (names.has(job.name)) throw new Error(`Two scheduled jobs named ${job.name}`);
    if (!(job.intervalMs > 0)) throw new Error(`Scheduled job ${job.name}: intervalMs must be positive`);
    names.add(job.name);
  }
  const { deps, metrics } = options;
  const lock = options.lock ?? noJobLock;
  const turns = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  const turn = async (job: ScheduledJob) => {
    const started = performance.now();
    let outcome = "skipped";
    try {
      const ran = await lock(job.name, async () => {
        const result = await job.run(deps);
        deps.logger.debug({ job: job.name, result, ms: Math.round(performance.now() - started) }, "scheduled job ran");
      });
      outcome = ran ? "ok" : "skipped";
    } catch (error) {
      outcome = "failed";
      deps.logger.error({ err: error, job: job.name }, "scheduled job failed; it runs again at its next turn");
    } finally {
      turns.set(job.name, (turns.get(job.name) ?? 0) + 1);
      metrics?.runs.inc({ job: job.name, outcome });
      if (outcome !== "skipped") metrics?.duration.observe({ job: job.name }, (performance.now() - started) / 1000);
    }
  };

  const next = (job: ScheduledJob, delayMs: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (stopped) return;
      const run = turn(job).finally(() => {
        running.delete(run);
        if (!stopped) next(job, job.intervalMs);
      });
      running.add(run);
    }, delayMs);
    timers.add(timer);
  };
  for (const job of jobs) next(job, 0);

  return {
    turns: (jobName) => turns.get(jobName) ?? 0,
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([...running]);
    },
  };
}

export interface RunningWorker {
  relay: OutboxRelay;
  /** The interval jobs' scheduler. */
  scheduler: Scheduler;
  /** The cron jobs' scheduler. */
  cron: CronScheduler;
  /** Base URL of /health and /metrics. */
  url: string;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  name: string;
  role: ServerRole;
  config: ServerConfig;
  /** The subgraph's live routes: the worker's relay publishes its rows' wake-ups by them. */
  liveRoutes: readonly LiveRoutes[];
  /** The package's broker consumers; run here when the broker is RabbitMQ (else by the subgraph processes). */
  consumers?: ConsumerFactory;
  jobs?: ScheduledJob[];
  cronJobs?: CronJob[];
  /** The /health and /metrics listener (0: any free port). */
  port: number;
  /** Default: a logger at the configured level. */
  logger?: Logger;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { config } = options;
  const logger = options.logger ?? createLogger(`${options.name}-worker`, config.logLevel);
  const metrics = createMetrics(`${options.name}-worker`);
  const db = connectDatabase(config.databaseUrl(options.role), {
    max: 4,
    onQuery: () => metrics.dbQueries.inc({ role: options.role }),
    onIdleError: (err) => logger.warn({ err }, "idle database connection lost"),
  });
  const pubsub = createPubSub({ redisUrl: config.redisUrl, prefix: config.redisKeyPrefix, logger });
  const broker = createEventBroker({ amqpUrl: config.amqpUrl, prefix: config.amqpPrefix, queueExpiresMs: config.amqpQueueExpiresMs ?? undefined, logger });
  // It connects as its subgraph's role, so it relays that subgraph's rows only.
  const relay = new OutboxRelay({ databaseUrl: config.databaseUrl(options.role), pubsub, router: new LiveRouter(options.liveRoutes, logger), broker, logger });
  // Without Redis, pub/sub is in-process: what this process published would reach no subscriber;
  // without RabbitMQ, the broker is in-process and this process runs no consumers: an event it
  // relayed would reach none. In either case the serving processes (which relay too) keep the
  // outbox to themselves.
  if (config.redisUrl && config.amqpUrl) relay.start();
  // With the in-process broker, no relay of another process could reach these: the subgraph processes run them.
  const stopConsumers = config.amqpUrl
    ? await startConsumers(broker, options.consumers, { prisma: db.prisma, pool: db.pool, config, logger })
    : async () => undefined;
  const jobMetrics: JobMetrics = {
    runs: new Counter({
      name: "ppt_worker_job_runs_total",
      help: "Scheduled job turns by outcome (ok, failed, skipped: another replica held the lock)",
      labelNames: ["job", "outcome"],
      registers: [metrics.registry],
    }),
    duration: new Histogram({
      name: "ppt_worker_job_duration_seconds",
      help: "Scheduled job run duration",
      labelNames: ["job"],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
      registers: [metrics.registry],
    }),
  };
  const deps: JobDeps = { prisma: db.prisma, pool: db.pool, config, storage: createObjectStorage(config.s3), logger };
  const scheduler = schedule(options.jobs ?? [], { deps, lock: advisoryJobLock(db.pool), metrics: jobMetrics });
  const cron = new CronScheduler({
    pool: db.pool,
    logger,
    jobs: (options.cronJobs ?? []).map((job) => ({
      name: job.name,
      cron: job.cron,
      timezone: job.timezone,
      run: async (context) => {
        const started = performance.now();
        let outcome = "failed";
        try {
          const result = await job.run({ ...deps, ...context });
          outcome = "ok";
          logger.debug({ job: job.name, result, ms: Math.round(performance.now() - started) }, "cron job ran");
        } finally {
          jobMetrics.runs.inc({ job: job.name, outcome });
          jobMetrics.duration.observe({ job: job.name }, (performance.now() - started) / 1000);
        }
      },
    })),
  });
  cron.start();
  const server: Server = createHttpServer({ readiness: async () => ({ ready: true }), metrics: metrics.registry, logger });
  const port = await listen(server, options.port);
  logger.info(
    {
      port,
      broker: config.amqpUrl ? "rabbitmq" : "in-process (consumers run in the subgraph processes)",
      jobs: [...(options.jobs ?? []), ...(options.cronJobs ?? [])].map((j) => j.name),
    },
    `${options.name} worker running`,
  );
  return {
    relay,
    scheduler,
    cron,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      // The job in hand finishes first: it still needs the database and the relay publishes what it wrote.
      await scheduler.stop();
      await cron.stop();
      await stopConsumers();
      await relay.stop();
      await broker.close();
      await pubsub.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await db.close();
    },
  };
}
