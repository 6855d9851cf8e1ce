// A subgraph process: its role's database pool, token verifier, logger, metrics and HTTP server.
// Both subgraphs start through here; they differ only in schema, resolvers and context.
import type { IncomingHttpHeaders } from "node:http";
import type { ServerRole } from "@ppt/db";
import { TokenVerifier } from "./auth/tokens.ts";
import type { ServerConfig } from "./config.ts";
import { connectDatabase, type PrismaClient } from "./db/clients.ts";
import { scalarResolvers } from "./graphql/scalars.ts";
import { loadSubgraphTypeDefs } from "./graphql/schema-files.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createMetrics } from "./metrics.ts";
import { createObjectStorage, type ObjectStorage } from "./storage/object-storage.ts";
import { startSubgraph, type DisposableContext, type RunningSubgraph } from "./subgraph.ts";

export interface ServiceDeps {
  prisma: PrismaClient;
  verifier: TokenVerifier;
  config: ServerConfig;
  logger: Logger;
  storage: ObjectStorage;
}

export interface SubgraphDefinition<C extends DisposableContext> {
  name: string;
  role: ServerRole;
  /** The subgraph's src folder: `shared/base.graphql` and `modules/<m>/<m>.graphql`. */
  srcDir: string;
  resolvers: object[];
  context: (deps: ServiceDeps, headers: IncomingHttpHeaders) => Promise<C>;
}

export interface RunningService extends RunningSubgraph {
  /** SQL statements this process has sent (tests and benchmarks read it). */
  queryCount(): number;
  deps: ServiceDeps;
}

export async function startSubgraphService<C extends DisposableContext>(
  definition: SubgraphDefinition<C>,
  config: ServerConfig,
  port: number,
): Promise<RunningService> {
  const logger = createLogger(definition.name, config.logLevel);
  const metrics = createMetrics(definition.name);
  const db = connectDatabase(config.databaseUrl(definition.role), { onQuery: () => metrics.dbQueries.inc({ role: definition.role }) });
  const deps: ServiceDeps = {
    prisma: db.prisma,
    verifier: new TokenVerifier(config.keys.jwks),
    config,
    logger,
    storage: createObjectStorage(config.s3),
  };
  const running = await startSubgraph(
    {
      name: definition.name,
      typeDefs: loadSubgraphTypeDefs(definition.srcDir),
      resolvers: [scalarResolvers, ...definition.resolvers],
      context: (req) => definition.context(deps, req.headers),
      readiness: async () => {
        try {
          await db.pool.query("SELECT 1");
          return { ready: true, database: "up" };
        } catch {
          return { ready: false, database: "down" };
        }
      },
      introspection: config.introspection,
      logger,
      metrics,
    },
    port,
  );
  return {
    ...running,
    deps,
    queryCount: db.queryCount,
    stop: async () => {
      await running.stop();
      await db.close();
    },
  };
}
