// A worker process: the outbox relay (the guarantee that every committed event is published,
// even when no subgraph process is running), the broker consumers of its package, each
// idempotent by event id, and its scheduled jobs. Any number of workers may run: the relay
// claims rows with SKIP LOCKED, each consumer group hands an event to one of its consumers, and
// each run of a cron job happens once across replicas, recorded in platform.job_runs and taken
// over after a crash (the kit's Scheduler).
// Its one listener serves /health and /metrics (PORT, 9464 in the cluster).
import type { Server } from "node:http";
import type { ServerRole } from "@ppt/db";
import { Counter, Histogram } from "prom-client";
import type { ServerConfig } from "./config.ts";
import { connectDatabase, type DbHandle, type PrismaClient } from "./db/clients.ts";
import { LiveRouter, type LiveRoutes } from "./events/live-routes.ts";
import { OutboxRelay } from "./events/outbox-relay.ts";
import { createPubSub } from "./events/pubsub.ts";
import { eventBrokerFromConfig, startConsumers, type ConsumerFactory } from "./broker/index.ts";
import { createHttpServer, listen } from "./http/server.ts";
import { processReadiness } from "./readiness.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createMetrics, observeDbPool } from "./metrics.ts";
import { createObjectStorage, type ObjectStorage } from "./storage/object-storage.ts";
import { Scheduler, type JobContext } from "./scheduler/index.ts";

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

export interface RunningWorker {
  relay: OutboxRelay;
  /** The jobs' scheduler. */
  cron: Scheduler;
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
  const broker = eventBrokerFromConfig(config, logger);
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
  const jobMetrics = {
    runs: new Counter({
      name: "ppt_worker_job_runs_total",
      help: "Scheduled job runs by outcome (ok, failed) in this replica",
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
  const cron = new Scheduler({
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
  const readiness = processReadiness({ db, pubsub, broker, config, metrics });
  observeDbPool(metrics, options.role, db.pool);
  const server: Server = createHttpServer({ service: `${options.name}-worker`, readiness, metrics: metrics.registry, logger });
  const port = await listen(server, options.port);
  logger.info(
    {
      port,
      broker: config.amqpUrl ? "rabbitmq" : "in-process (consumers run in the subgraph processes)",
      jobs: (options.cronJobs ?? []).map((j) => j.name),
    },
    `${options.name} worker running`,
  );
  return {
    relay,
    cron,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      // The job in hand finishes first: it still needs the database and the relay publishes what it wrote.
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
