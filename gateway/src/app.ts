// The one public endpoint: Apollo Gateway (over the static, committed supergraph) inside
// Apollo Server, on node:http with health, readiness and metrics.
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { IncomingMessage, Server } from "node:http";
import { ApolloGateway, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import {
  callerFromHeaders,
  childTraceparent,
  CLIENT_ADDRESS_HEADER,
  clientAddress,
  countGraphQLErrors,
  createHttpServer,
  createLogger,
  createMetrics,
  GATEWAY_CHARGE_HEADER,
  GATEWAY_QUERY_LIMITS,
  gatewayRequestMark,
  graphqlHandler,
  injectTraceContext,
  listen,
  observeGauge,
  RedisPubSub,
  queryLimitProtection,
  repoRoot,
  requestErrorStatusPlugin,
  requestLogPlugin,
  SUBGRAPH_SECRET_HEADER,
  TRACEPARENT_HEADER,
  tracingEnabled,
  trustedProxySet,
  type Logger,
  type TrustedProxySet,
} from "@ppt/server-kit/edge";
import { GraphQLError } from "graphql";
import type { GatewayConfig } from "./config.ts";
import { createExplorer } from "./explorer.ts";
import { defaultBreakerSettings, SubgraphBreakers } from "./circuit-breaker.ts";
import { formatGatewayError, ResilientDataSource, subgraphSender } from "./subgraph-errors.ts";
import type { QueryPlan } from "@apollo/query-planner";
import { DirectLane, type HandedAnswer } from "./direct-fetch/lane.ts";
import { DirectRoutes } from "./direct-fetch/routes.ts";
import type { Charge } from "./rate-limit/charges.ts";
import { boundToManifests, CLIENT_NAME_HEADER, loadManifests, manifestText, persistedDocumentsPlugin } from "./persisted-documents.ts";
import { createResponseCache } from "./response-cache/index.ts";
import { gatewayRateLimits } from "./rate-limit/index.ts";
import { OperationBudgets } from "./subgraph-fetch.ts";
import { InflightFetches } from "./dedup.ts";
import { CachingTokenVerifier } from "./verified-tokens.ts";
import { SubscriptionPlanner } from "./subscriptions/planner.ts";
import { attachGatewaySubscriptions } from "./subscriptions/server.ts";
import { UpstreamConnections } from "./subscriptions/upstream.ts";

/** Headers the subgraphs need: identity (they verify it again), tenant, tracing, language; the client's address goes as CLIENT_ADDRESS_HEADER. */
const FORWARDED_HEADERS = ["authorization", "x-tenant-id", "x-request-id", "tracestate", "accept-language", "user-agent"] as const;

export interface GatewayContext {
  headers: Record<string, string>;
  requestId: string;
  /** The rate limit's charge, when the direct lane made it before leaving the request to Apollo. */
  charged?: Charge;
  /** The subgraph answers the direct lane got and could not use, in the order sent: Apollo's fetches take them instead of asking again. */
  handedAnswers?: HandedAnswer[];
}

export interface RunningGateway {
  url: string;
  port: number;
  httpServer: Server;
  /** Live subscriptions: client sockets on this gateway and upstream sockets to the subgraphs. */
  subscriptions: { clientCount(): number; upstreamSocketCount(): number; activeCount(): number; groupCount(): number };
  /** Queries the direct lane answered by forwarding their subgraph's answer (see direct-fetch/). */
  forwardedQueries(): number;
  /** Shutdown's first step: readiness fails and every response closes its connection, so clients move to another replica without a request cut. */
  beginDrain(): void;
  stop(): Promise<void>;
}

export function supergraphSdl(path = join(repoRoot, "schema", "supergraph.graphql")): string {
  return readFileSync(path, "utf8");
}

function forwardedHeaders(req: IncomingMessage, trustedProxies: TrustedProxySet): GatewayContext {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  headers["x-request-id"] ??= randomUUID();
  // W3C trace context: the subgraphs continue the request's trace (the server settled a valid
  // traceparent on it) under a span id of the gateway's own.
  headers[TRACEPARENT_HEADER] = childTraceparent(req.headers[TRACEPARENT_HEADER]);
  // Worked out once, here: subgraphs believe this header only next to the gateway's secret.
  const client = clientAddress(req, trustedProxies);
  if (client) headers[CLIENT_ADDRESS_HEADER] = client;
  return { headers, requestId: headers["x-request-id"] };
}

export interface GatewayOptions {
  /** Where the gateway logs (default: its own logger at the configured level). */
  logger?: Logger;
}

export async function startGateway(config: GatewayConfig, port: number, options: GatewayOptions = {}): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger("gateway", config.logLevel);
  const metrics = createMetrics("gateway");
  /** Every answered GraphQL request, by Apollo or by the direct lane. */
  const countRequest = (type: string, failed: boolean, seconds: number) => {
    metrics.graphqlRequests.inc({ operation_type: type, outcome: failed ? "error" : "ok" });
    metrics.graphqlDuration.observe({ operation_type: type }, seconds);
  };
  const verifier = new CachingTokenVerifier(config.keys.jwks);
  const trustedProxies = trustedProxySet(config.trustedProxies);
  const resilience = {
    budgets: new OperationBudgets({
      readMs: config.subgraphTimeoutMs,
      writeMs: config.subgraphWriteTimeoutMs ?? 3 * config.subgraphTimeoutMs,
      bulkMs: config.subgraphBulkTimeoutMs ?? 120_000,
    }),
    breakers: new SubgraphBreakers({ ...defaultBreakerSettings, resetMs: config.subgraphBreakerResetMs ?? defaultBreakerSettings.resetMs }, logger),
    logger,
    ...(config.subgraphDedup !== false ? { dedup: new InflightFetches() } : {}),
  };

  /** What every subgraph request of a client request carries besides its body. */
  const subgraphHeaders = (context: Partial<GatewayContext>): Record<string, string> => {
    const headers: Record<string, string> = { ...context.headers };
    // With tracing on, the subgraph's span goes under this fetch's span (Apollo's gateway.fetch),
    // replacing the plain child traceparent: same trace id either way.
    injectTraceContext(headers);
    headers[SUBGRAPH_SECRET_HEADER] = config.subgraphSecret;
    // One mark per client request, the same on every subgraph fetch of it: the partner quota is
    // charged once. Only a caller with a token can be a partner (subgraphs read the mark for
    // signed-in callers alone): an anonymous request is spared the HMAC.
    if (context.headers?.authorization) {
      context.headers[GATEWAY_CHARGE_HEADER] ??= gatewayRequestMark(config.subgraphSecret);
      headers[GATEWAY_CHARGE_HEADER] = context.headers[GATEWAY_CHARGE_HEADER];
    }
    return headers;
  };
  const buildService = ({ name, url }: { name: string; url?: string }) =>
    new ResilientDataSource<GatewayContext>(name, resilience, {
      url: config.subgraphUrls[name] ?? url,
      willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
        for (const [key, value] of Object.entries(subgraphHeaders(context as Partial<GatewayContext>))) request.http?.headers.set(key, value);
      },
    });
  // @apollo/gateway otherwise reports usage metrics to Apollo and probes cloud metadata endpoints
  // (AWS, GCP, Azure, Alibaba) from every process: nothing of ours leaves the network unasked.
  // An operator who wants Apollo's telemetry sets APOLLO_TELEMETRY_DISABLED=false.
  process.env.APOLLO_TELEMETRY_DISABLED ??= "true";
  // Each document's plan (Apollo's document store hands out one object per query text), for the direct lane to learn from once Apollo has answered it.
  const plans = new WeakMap<object, QueryPlan>();
  const directRoutes = new DirectRoutes();
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphSdl(config.supergraphPath),
    buildService,
    ...(config.directLane !== false
      ? { experimental_didResolveQueryPlan: ({ queryPlan, requestContext }) => void plans.set(requestContext.document, queryPlan) }
      : {}),
  });
  // Registered before the gateway loads, so it sees the first load and every update.
  const planner = new SubscriptionPlanner(gateway);

  let loaded = false;
  let draining = false;
  // The partner explorer replaces Apollo Sandbox, which loads from Apollo's servers and fails offline.
  const explorer = (config.explorer ?? config.introspection) ? createExplorer() : undefined;
  const routes = {
    service: "gateway",
    production: config.production,
    // A draining gateway answers at once: the balancer's probe must see it leave before it stops listening.
    readiness: async () =>
      draining ? { ready: false, draining: true } : { ready: loaded, supergraph: loaded ? "loaded" : "loading", subgraphs: await subgraphReachability(config) },
    metrics: metrics.registry,
    logger,
    ...(explorer ? { extra: explorer.routes } : {}),
    graphql: undefined as undefined | ((req: IncomingMessage, res: import("node:http").ServerResponse) => Promise<void>),
  };
  const httpServer = createHttpServer(routes);
  // Closing an idle keep-alive socket races a request the client is sending on it ("fetch failed"
  // at the client). While draining, each response says `Connection: close` instead: the client
  // opens its next connection elsewhere, and only then does the server stop.
  httpServer.prependListener("request", (_req, res) => {
    if (draining) res.setHeader("connection", "close");
  });
  // Query limits; the exact limits are only revealed to callers outside production.
  const limits = queryLimitProtection(GATEWAY_QUERY_LIMITS, { exposeLimits: !config.production, blockFieldSuggestion: !config.introspection });
  const rateLimits = gatewayRateLimits({
    settings: config.rateLimits,
    redisUrl: config.redisUrl,
    redisKeyPrefix: config.redisKeyPrefix,
    verifier,
    trustedProxies,
    logger,
  });

  const responseCache = await createResponseCache(config, logger);
  // The apps' documents by id (codegen's manifests): the persisted-documents rule and the direct lane read them.
  const manifests = config.persistedDocuments ? loadManifests(config.persistedDocuments.manifests) : new Map<string, string>();
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: !config.introspection,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    formatError: (formatted) => formatGatewayError(formatted),
    // These plugins are typed against @apollo/server's CommonJS build; they are the same objects.
    plugins: [
      ...(limits.plugins as never[]),
      rateLimits.plugin,
      ...responseCache.plugins,
      ...(config.persistedDocuments ? [persistedDocumentsPlugin(config.persistedDocuments, manifests, { verifier, logger })] : []),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      requestErrorStatusPlugin<GatewayContext>(),
      requestLogPlugin<GatewayContext>(),
      explorer ? explorer.plugin<GatewayContext>() : ApolloServerPluginLandingPageDisabled(),
      {
        async requestDidStart() {
          const started = process.hrtime.bigint();
          return {
            async willSendResponse({ operation, response, contextValue, request, schema, document }) {
              // A query answered whole, without errors, from its text: the direct lane may forward it from now on.
              const plan = document && plans.get(document);
              if (plan && request.query && document && operation && response.body.kind === "single")
                if (!response.body.singleResult.errors && (response.http.status ?? 200) === 200)
                  directRoutes.learn(request.query, plan, schema, document, operation);
              response.http.headers.set("x-request-id", contextValue.requestId);
              const type = operation?.operation ?? "unknown";
              const failed = response.body.kind === "single" && (response.body.singleResult.errors?.length ?? 0) > 0;
              countRequest(type, failed, Number(process.hrtime.bigint() - started) / 1e9);
              if (response.body.kind === "single") countGraphQLErrors(metrics, response.body.singleResult.errors);
            },
          };
        },
      },
    ],
  });
  await server.start();
  loaded = true;

  // One context per request: the direct lane's, when it built one and left the request to Apollo (with its charge).
  const contexts = new WeakMap<IncomingMessage, GatewayContext>();
  const requestContext = async (req: IncomingMessage): Promise<GatewayContext> => {
    const known = contexts.get(req);
    if (known) return known;
    const context = forwardedHeaders(req, trustedProxies);
    // Verify at the edge too: a bad token is refused here, before any subgraph is asked.
    try {
      await callerFromHeaders(req.headers, verifier);
    } catch (error) {
      const code = (error as { code?: string }).code ?? "UNAUTHENTICATED";
      throw new GraphQLError((error as Error).message, { extensions: { code, http: { status: code === "FORBIDDEN" ? 403 : 401 } } });
    }
    contexts.set(req, context);
    return context;
  };
  const lane =
    config.directLane !== false
      ? new DirectLane<GatewayContext>({
          routes: directRoutes,
          context: requestContext,
          manifestText: (extensions) => manifestText(manifests, extensions),
          eligible: (req, fromManifest) => {
            // Apollo's spans (plan, fetch, post-processing) are what a trace of a query shows: a traced request keeps them.
            if (tracingEnabled()) return false;
            const headers = req.headers;
            // An anonymous read is the response cache's to answer; a first-party app's document is checked against the manifests.
            if (responseCache.plugins.length && !headers.authorization && !headers["x-tenant-id"]) return false;
            return fromManifest || !boundToManifests(config.persistedDocuments, String(headers[CLIENT_NAME_HEADER] ?? ""));
          },
          subgraphUrls: config.subgraphUrls,
          senders: Object.fromEntries(Object.keys(config.subgraphUrls).map((name) => [name, subgraphSender(name, resilience)])),
          timeoutMs: (query) => resilience.budgets.timeoutMs(query),
          subgraphHeaders: (context) => ({ "content-type": "application/json", ...subgraphHeaders(context) }),
          ...(rateLimits.charge ? { charge: (context, route, variables) => rateLimits.charge!(context, { ...route, variables }) } : {}),
          answered: (seconds) => countRequest("query", false, seconds),
        })
      : undefined;
  routes.graphql = graphqlHandler(server, requestContext, config.bodyLimitBytes, lane?.serve);
  const upstream = new UpstreamConnections(config.subgraphUrls, { [SUBGRAPH_SECRET_HEADER]: config.subgraphSecret }, logger);
  // Only Redis carries the subgraphs' "sign-in ended" signals to another process.
  const pubsub = config.redisUrl ? new RedisPubSub(config.redisUrl, config.redisKeyPrefix ?? "ppt:", logger) : undefined;
  const subscriptions = attachGatewaySubscriptions({
    httpServer,
    planner,
    upstream,
    // The same data sources as the gateway's own queries (entity fetches of subscription events).
    services: Object.fromEntries(Object.keys(config.subgraphUrls).map((name) => [name, buildService({ name })])),
    verifier,
    logger,
    validationRules: limits.validationRules,
    ...(pubsub ? { pubsub } : {}),
    ...(rateLimits.admission ? { admission: rateLimits.admission } : {}),
  });
  observeGauge(metrics, "ppt_subscriptions_active", "Client subscriptions being served", () => subscriptions.activeCount());
  observeGauge(metrics, "ppt_subscription_client_sockets", "graphql-ws client sockets open on this gateway", () => subscriptions.clientCount());
  observeGauge(metrics, "ppt_subscription_upstream_sockets", "graphql-ws sockets open from this gateway to subgraphs", () => upstream.socketCount());
  const boundPort = await listen(httpServer, port);
  logger.info({ port: boundPort }, "gateway ready");
  return {
    url: `http://127.0.0.1:${boundPort}/graphql`,
    port: boundPort,
    httpServer,
    subscriptions: {
      clientCount: () => subscriptions.clientCount(),
      groupCount: () => subscriptions.groupCount(),
      upstreamSocketCount: () => upstream.socketCount(),
      activeCount: () => subscriptions.activeCount(),
    },
    forwardedQueries: () => lane?.forwarded ?? 0,
    beginDrain: () => {
      draining = true;
    },
    stop: async () => {
      draining = true;
      await subscriptions.dispose().catch(() => undefined);
      await pubsub?.close().catch(() => undefined);
      await server.stop();
      await responseCache.stop();
      resilience.breakers.shutdown();
    },
  };
}

/** Reported in the readiness body, never failing it: one subgraph's outage must not take every gateway out of rotation. */
async function subgraphReachability(config: GatewayConfig): Promise<Record<string, "up" | "down">> {
  const entries = await Promise.all(
    Object.entries(config.subgraphUrls).map(async ([name, url]) => {
      try {
        const res = await fetch(new URL("/health", url), { signal: AbortSignal.timeout(1_000) });
        return [name, res.ok ? "up" : "down"] as const;
      } catch {
        return [name, "down"] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}
