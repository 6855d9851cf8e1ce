// A subgraph process: its role's database pool, token verifier, logger, metrics and HTTP server.
// Both subgraphs start through here; they differ only in schema, resolvers and context.
import type { IncomingHttpHeaders } from "node:http";
import DataLoader from "dataloader";
import type { ServerRole } from "@ppt/db";
import { callerFromHeaders, type Caller } from "./auth/caller.ts";
import { standingSignIns } from "./auth/standing.ts";
import { TokenVerifier } from "./auth/tokens.ts";
import type { ServerConfig } from "./config.ts";
import { connectDatabase, type PrismaClient } from "./db/clients.ts";
import { RecentWriters } from "./db/recent-writers.ts";
import type { ReadReplica } from "./db/tenant-db.ts";
import { scalarResolvers } from "./graphql/scalars.ts";
import { loadSubgraphTypeDefs } from "./graphql/schema-files.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createMetrics, observeDbPool, observeOutboxBacklog } from "./metrics.ts";
import { LiveEvents } from "./events/live-events.ts";
import { LiveRouter, type LiveRoutes } from "./events/live-routes.ts";
import { OutboxRelay } from "./events/outbox-relay.ts";
import { createPubSub } from "./events/pubsub.ts";
import { eventBrokerFromConfig, declareConsumers, startConsumers, type ConsumerFactory, type EventBroker } from "./broker/index.ts";
import type { Identity } from "./graphql/subscription-server.ts";
import type { HttpRoutes } from "./http/server.ts";
import { createRateLimits, type RateLimits } from "./rate-limit.ts";
import { processReadiness } from "./readiness.ts";
import { createObjectStorage, type ObjectStorage } from "./storage/object-storage.ts";
import { startSubgraph, type DisposableContext, type RunningSubgraph } from "./subgraph.ts";

export interface ServiceDeps {
  prisma: PrismaClient;
  /** The role's streaming replica for reads that tolerate lag (null: every read on the primary). */
  replica: ReadReplica | null;
  verifier: TokenVerifier;
  config: ServerConfig;
  logger: Logger;
  storage: ObjectStorage;
  /** Pub/sub (Redis, or in-process in the embedded default), the outbox relay, the post-commit wake-up. */
  events: LiveEvents;
  /** Rate-limit counters shared by every replica (Redis), or in-process in the embedded default. */
  rateLimits: RateLimits;
}

export interface SubgraphDefinition<C extends DisposableContext> {
  name: string;
  role: ServerRole;
  /** The subgraph's src folder: `shared/base.graphql` and `modules/<m>/<m>.graphql`. */
  srcDir: string;
  resolvers: object[];
  /** Per module, the live channels of the event types it writes (the relay and `events.committed` route by them). */
  liveRoutes: readonly LiveRoutes[];
  context: (deps: ServiceDeps, headers: IncomingHttpHeaders) => Promise<C>;
  /** The context for an already verified caller (subscriptions: one per subscribe and per event). Enables graphql-ws. */
  contextForCaller?: (deps: ServiceDeps, caller: Caller | null, identity: Identity) => C;
  /** Subscription fields whose feed hands one event object to every subscriber (subscription-server.ts): one operation per gateway group. */
  sharedFeeds?: readonly string[];
  /** Refuses a revoked session (throws AppError); called when a subscription starts. */
  sessionCheck?: (deps: ServiceDeps, caller: Caller) => Promise<void>;
  /** Further HTTP routes by exact path (e.g. `/.well-known/jwks.json`). */
  httpRoutes?: (deps: ServiceDeps) => NonNullable<HttpRoutes["extra"]>;
  /** The package's broker consumers: run here only with the in-process broker (no AMQP_URL); the workers run them otherwise. */
  consumers?: ConsumerFactory;
  /** Start-up work requests rely on (e.g. rows the code looks up by key): done after the server listens, before it reports ready. */
  prepare?: (deps: ServiceDeps) => Promise<void>;
}

export interface RunningService extends RunningSubgraph {
  /** SQL statements this process's requests have sent (not the relay's or the consumers': tests and benchmarks read it). */
  queryCount: () => number;
  deps: ServiceDeps;
  /** Where this process's relay publishes (the in-process broker without AMQP_URL). */
  broker: EventBroker;
}

export interface SubgraphServiceOptions {
  /** Where the process logs (default: its own logger at the configured level). */
  logger?: Logger;
}

export async function startSubgraphService<C extends DisposableContext>(
  definition: SubgraphDefinition<C>,
  config: ServerConfig,
  port: number,
  options: SubgraphServiceOptions = {},
): Promise<RunningService> {
  const logger = options.logger ?? createLogger(definition.name, config.logLevel);
  const metrics = createMetrics(definition.name);
  const connect = (max: number, url = config.databaseUrl(definition.role)) =>
    connectDatabase(url, {
      max,
      onQuery: () => metrics.dbQueries.inc({ role: definition.role }),
      onIdleError: (err) => logger.warn({ err }, "idle database connection lost"),
    });
  const db = connect(config.databasePoolMax);
  const readUrl = config.readDatabaseUrl(definition.role);
  const replicaDb = readUrl ? connect(config.databasePoolMax, readUrl) : null;
  const pubsub = createPubSub({ redisUrl: config.redisUrl, prefix: config.redisKeyPrefix, logger });
  const broker = eventBrokerFromConfig(config, logger);
  const router = new LiveRouter(definition.liveRoutes, logger);
  // Every subgraph process relays its own subgraph's outbox rows (those its role wrote; SKIP
  // LOCKED makes replicas share the work), so each wake-up is published where its subscribers are.
  const relay = new OutboxRelay({
    databaseUrl: config.databaseUrl(definition.role),
    pubsub,
    router,
    broker,
    logger,
    onPublished: (types) => types.forEach((type) => metrics.businessEvents.inc({ event_type: type })),
  });
  observeDbPool(metrics, definition.role, db.pool);
  observeOutboxBacklog(metrics, () => relay.backlog());
  const deps: ServiceDeps = {
    prisma: db.prisma,
    replica: replicaDb && { prisma: replicaDb.prisma, recentWriters: new RecentWriters(config.readYourWritesMs) },
    verifier: new TokenVerifier(config.keys.jwks),
    config,
    logger,
    storage: createObjectStorage(config.s3),
    events: new LiveEvents(pubsub, relay, router, logger),
    rateLimits: createRateLimits({ redisUrl: config.redisUrl, prefix: config.redisKeyPrefix, logger }),
  };
  const contextForCaller = definition.contextForCaller;
  // Thousands subscribing at once (a reconnect storm) are checked in one query per batch: a person
  // whose sign-in stands needs nothing more; anyone else (an ended sign-in, a partner with a
  // quota to charge) goes through the full check, which refuses or charges exactly as per request.
  const signIns = new DataLoader<Caller, Awaited<ReturnType<typeof standingSignIns>>[number]>((callers) => standingSignIns(deps.prisma, callers), {
    cache: false,
    batchScheduleFn: (run) => setImmediate(run),
  });
  const subscriptions = contextForCaller && {
    authenticate: async (identity: Identity) => {
      const found = await callerFromHeaders(identity, deps.verifier);
      if (!found || !definition.sessionCheck) return found;
      const standing = await signIns.load(found);
      if (!standing || standing.quotaPerMinute !== null) await definition.sessionCheck(deps, found);
      return found;
    },
    context: (caller: Caller | null, identity: Identity) => contextForCaller(deps, caller, identity),
    standing: async (callers: readonly Caller[]) => (await standingSignIns(deps.prisma, callers)).map((standing) => standing !== null),
    pubsub,
    sharedFeeds: definition.sharedFeeds ?? [],
  };
  let started = false;
  const dependenciesAnswer = processReadiness({ db, pubsub, broker, config, metrics });
  const running = await startSubgraph(
    {
      name: definition.name,
      typeDefs: loadSubgraphTypeDefs(definition.srcDir),
      resolvers: [scalarResolvers, ...definition.resolvers],
      context: (req) => definition.context(deps, req.headers),
      // Ready once its start is done (it answers /health from the first moment, but the balancer
      // must not send requests before `prepare` has run) and while its database answers, and
      // Redis and RabbitMQ when it is configured with them.
      readiness: async () => (started ? dependenciesAnswer() : { ready: false, start: "in progress" }),
      introspection: config.introspection,
      nodeEnv: config.nodeEnv,
      bindAddress: config.bindAddress,
      sharedSecret: config.subgraphSecret,
      logger,
      metrics,
      ...(subscriptions ? { subscriptions } : {}),
      ...(definition.httpRoutes ? { extraRoutes: definition.httpRoutes(deps) } : {}),
    },
    port,
  );
  // With RabbitMQ the workers consume; this process declares their queues before its relay publishes.
  if (config.amqpUrl) await declareConsumers(broker, definition.consumers, { prisma: db.prisma, pool: db.pool, config, logger });
  // Without it the consumers run here, on their own small pool: an event in hand is not a request's
  // work, so its statements stay out of queryCount (they still count in ppt_db_queries_total).
  const consumerDb = !config.amqpUrl && definition.consumers ? connect(4) : null;
  const stopConsumers = consumerDb
    ? await startConsumers(broker, definition.consumers, { prisma: consumerDb.prisma, pool: consumerDb.pool, config, logger })
    : async () => undefined;
  await definition.prepare?.(deps);
  relay.start();
  started = true;
  return {
    ...running,
    deps,
    broker,
    queryCount: () => db.queryCount() + (replicaDb?.queryCount() ?? 0),
    stop: async () => {
      await running.stop();
      await relay.stop();
      await stopConsumers();
      await broker.close();
      await pubsub.close();
      await deps.rateLimits.close();
      await consumerDb?.close();
      await replicaDb?.close();
      await db.close();
    },
  };
}
