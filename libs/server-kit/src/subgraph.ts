// Everything a subgraph process needs around its schema: Apollo Server (Federation 2),
// error mapping, per-request context disposal, metrics, health, graceful stop.
import type { IncomingMessage, Server } from "node:http";
import { ApolloServer, type BaseContext } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { GraphQLError, Kind, OperationTypeNode, type DocumentNode, type GraphQLSchema } from "graphql";
import { AppError, ErrorCode, formatGraphQLError } from "./errors.ts";
import { attachSubscriptionServer, type SubscriptionHooks, type SubscriptionServer } from "./graphql/subscription-server.ts";
import { hideServiceSdl, queryLimitProtection, SUBGRAPH_QUERY_LIMITS } from "./graphql/query-limits.ts";
import { requestErrorStatusPlugin } from "./graphql/request-error-status.ts";
import { graphqlHandler } from "./http/graphql-handler.ts";
import { requestLogPlugin } from "./http/request-log.ts";
import { carriesSubgraphSecret } from "./http/subgraph-secret.ts";
import { settleSubgraphClientAddress } from "./http/client-address.ts";
import { createHttpServer, listen, type HttpRoutes, type Readiness } from "./http/server.ts";
import type { Logger } from "./logger.ts";
import { countGraphQLErrors, type Metrics } from "./metrics.ts";

export interface DisposableContext extends BaseContext {
  /** Called once the response is sent: ends the request's database transaction. */
  dispose(): Promise<void>;
  /** The operation is a query: its reads may go to a read replica (mutations read the primary). */
  tolerateLag?(): void;
}

export interface SubgraphOptions<C extends DisposableContext> {
  name: string;
  typeDefs: DocumentNode;
  /** Resolver maps of every module (typed by codegen in each subgraph). */
  resolvers: object[];
  context: (req: IncomingMessage) => Promise<C>;
  readiness: () => Promise<Readiness>;
  introspection: boolean;
  /** Production: HSTS, limits not revealed. Outside development: `_service` refused. */
  nodeEnv: "development" | "test" | "production";
  /** The interface to listen on: loopback unless a cluster needs the pod's address. */
  bindAddress: string;
  /** The gateway's shared secret: /graphql (HTTP and websocket) refuses a request without it. */
  sharedSecret: string | null;
  logger: Logger;
  metrics: Metrics;
  /** Largest request body accepted (bulk mutations need megabytes, nothing needs more). */
  bodyLimitBytes?: number;
  /** Subscriptions over graphql-ws at /graphql (same schema); absent: none. */
  subscriptions?: SubscriptionHooks<C>;
  /** Further HTTP routes by exact path (e.g. the property subgraph's JWKS document). */
  extraRoutes?: HttpRoutes["extra"];
}

export interface RunningSubgraph {
  url: string;
  port: number;
  schema: GraphQLSchema;
  httpServer: Server;
  /** The graphql-ws server, when the subgraph has subscriptions. */
  subscriptionServer: SubscriptionServer | null;
  stop(): Promise<void>;
}

/** Context creation failures (bad token, tenant mismatch) become coded GraphQL errors with an HTTP status. */
function contextError(error: unknown): never {
  if (error instanceof AppError) {
    const status = error.code === ErrorCode.Unauthenticated ? 401 : error.code === ErrorCode.Forbidden ? 403 : error.code === ErrorCode.RateLimited ? 429 : 400;
    throw new GraphQLError(error.message, { originalError: error, extensions: { ...error.details, code: error.code, http: { status } } });
  }
  throw error;
}

export async function startSubgraph<C extends DisposableContext>(options: SubgraphOptions<C>, port: number): Promise<RunningSubgraph> {
  const schema = buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: mergeResolvers(options.resolvers) as never });
  const production = options.nodeEnv === "production";
  const secret = options.sharedSecret;
  const admit = secret ? (req: IncomingMessage) => carriesSubgraphSecret(req.headers, secret) : undefined;
  const limits = queryLimitProtection(SUBGRAPH_QUERY_LIMITS, { exposeLimits: !production, blockFieldSuggestion: !options.introspection });
  const validationRules = [...limits.validationRules, ...(options.nodeEnv === "development" ? [] : [hideServiceSdl])];
  const routes = {
    service: options.name,
    production,
    ...(admit ? { admitGraphql: admit } : {}),
    readiness: options.readiness,
    metrics: options.metrics.registry,
    logger: options.logger,
    graphql: undefined as undefined | ((req: IncomingMessage, res: import("node:http").ServerResponse) => Promise<void>),
    extra: options.extraRoutes,
  };
  const httpServer = createHttpServer(routes);
  const server = new ApolloServer<C>({
    schema,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: !options.introspection,
    formatError: formatGraphQLError((error) => options.logger.error({ err: error }, "internal error")),
    validationRules,
    parseOptions: limits.parseOptions,
    plugins: [
      ...(limits.plugins as never[]),
      requestErrorStatusPlugin<C>(),
      requestLogPlugin<C>(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      {
        async requestDidStart() {
          const started = process.hrtime.bigint();
          return {
            async didResolveOperation({ operation, request, overallCachePolicy, contextValue }) {
              // Whatever a signed-in caller is shown may be theirs (a favorite star, a draft they
              // own): never PUBLIC, whatever the schema's hints say of the same fields for everyone.
              if (request.http?.headers.get("authorization")) overallCachePolicy.restrict({ scope: "PRIVATE" });
              if (operation?.operation === OperationTypeNode.QUERY) contextValue.tolerateLag?.();
              for (const selection of operation?.selectionSet.selections ?? []) {
                if (selection.kind === Kind.FIELD) options.metrics.rootFields.inc({ field: selection.name.value });
              }
            },
            async willSendResponse({ contextValue, operation, errors, response }) {
              await contextValue.dispose?.();
              const type = operation?.operation ?? "unknown";
              const failed = (errors?.length ?? 0) > 0 || (response.body.kind === "single" && (response.body.singleResult.errors?.length ?? 0) > 0);
              options.metrics.graphqlRequests.inc({ operation_type: type, outcome: failed ? "error" : "ok" });
              if (response.body.kind === "single") countGraphQLErrors(options.metrics, response.body.singleResult.errors);
              options.metrics.graphqlDuration.observe({ operation_type: type }, Number(process.hrtime.bigint() - started) / 1e9);
            },
          };
        },
      },
    ],
  });
  await server.start();
  routes.graphql = graphqlHandler(
    server,
    (req) => {
      settleSubgraphClientAddress(req, secret);
      return options.context(req).catch(contextError);
    },
    options.bodyLimitBytes ?? 12 * 1024 * 1024,
  );
  const subscriptionServer = options.subscriptions
    ? attachSubscriptionServer(httpServer, schema, { ...options.subscriptions, ...(admit ? { admit } : {}), validationRules }, options.logger)
    : null;
  const boundPort = await listen(httpServer, port, options.bindAddress);
  options.logger.info({ port: boundPort, host: options.bindAddress }, `${options.name} subgraph ready`);
  return {
    url: `http://127.0.0.1:${boundPort}/graphql`,
    port: boundPort,
    schema,
    httpServer,
    subscriptionServer,
    stop: async () => {
      await subscriptionServer?.dispose().catch(() => undefined);
      await server.stop();
    },
  };
}

/** Modules each contribute a resolver map; fields of one type may come from several modules. */
export function mergeResolvers(maps: object[]): Record<string, Record<string, unknown>> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [typeName, fields] of Object.entries(map as Record<string, Record<string, unknown>>)) {
      // Scalars are single objects, not field maps: keep them whole.
      if (fields && typeof fields === "object" && fields.constructor?.name === "GraphQLScalarType") {
        merged[typeName] = fields;
        continue;
      }
      for (const [field, resolver] of Object.entries(fields ?? {})) {
        if (merged[typeName]?.[field]) throw new Error(`${typeName}.${field} is resolved by two modules`);
        (merged[typeName] ??= {})[field] = resolver;
      }
    }
  }
  return merged;
}
