// Gateway configuration: where the subgraphs are, and the edge settings (no database URLs).
import { loadEdgeConfig, type EdgeConfig } from "@ppt/server-kit/edge";
import { loadPersistedDocumentsSettings, type PersistedDocumentsSettings } from "./persisted-documents.ts";
import { loadRateLimitSettings, type RateLimitSettings } from "./rate-limit/index.ts";
import { loadResponseCacheSettings, type ResponseCacheSettings } from "./response-cache/settings.ts";

export interface GatewayConfig extends EdgeConfig {
  subgraphUrls: Record<string, string>;
  /** How long a subgraph may take on a read before its part of a query fails (never a hang). */
  subgraphTimeoutMs: number;
  /** After SIGTERM: how long the gateway keeps serving, unready and closing each keep-alive connection after its response, before it stops. */
  shutdownDrainMs?: number;
  /** The same for an ordinary mutation (default: 3 × the read timeout). */
  subgraphWriteTimeoutMs?: number;
  /** The same for the bulk operations only: bulk listing edits and feed import/export (default 120 s). */
  subgraphBulkTimeoutMs?: number;
  /** Circuit breaker: how long a subgraph that failed is refused before one request probes it (default 5 s). */
  subgraphBreakerResetMs?: number;
  bodyLimitBytes: number;
  /** In-flight deduplication of identical subgraph queries of one caller (`SUBGRAPH_DEDUP`, default on). */
  subgraphDedup?: boolean;
  /** Queries planned as one fetch of the client's own selection are forwarded without Apollo's execution (`GATEWAY_DIRECT_LANE`, default on; never while tracing). */
  directLane?: boolean;
  /** The supergraph the gateway serves (`SUPERGRAPH_PATH`; default: the committed schema/supergraph.graphql). */
  supergraphPath?: string;
  /** Redis, where subgraphs announce ended sign-ins (absent: the gateway hears none, the subgraphs still end them). */
  redisUrl?: string | null;
  redisKeyPrefix?: string;
  /** Per-caller rate limits (RATE_LIMIT_*); absent: the defaults. Counted in Redis when redisUrl is set. */
  rateLimits?: RateLimitSettings;
  /** The self-hosted GraphiQL explorer (`GRAPHIQL`): on wherever introspection is, so off in production unless enabled for partners (absent: as introspection). */
  explorer?: boolean;
  /** Which callers must send the apps' persisted documents (`PERSISTED_DOCUMENTS`); absent: off. */
  persistedDocuments?: PersistedDocumentsSettings;
  /** The public response cache in Redis (`RESPONSE_CACHE`); absent: off. */
  responseCache?: ResponseCacheSettings;
}

export async function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): Promise<GatewayConfig> {
  const base = await loadEdgeConfig(env);
  return {
    ...base,
    subgraphUrls: {
      property: env.PROPERTY_SUBGRAPH_URL ?? "http://127.0.0.1:4001/graphql",
      reality: env.REALITY_SUBGRAPH_URL ?? "http://127.0.0.1:4002/graphql",
    },
    subgraphTimeoutMs: Number(env.SUBGRAPH_TIMEOUT_MS ?? 4_000),
    shutdownDrainMs: Number(env.GATEWAY_SHUTDOWN_DRAIN_MS ?? 2_000),
    subgraphWriteTimeoutMs: Number(env.SUBGRAPH_WRITE_TIMEOUT_MS ?? 15_000),
    subgraphBulkTimeoutMs: Number(env.SUBGRAPH_BULK_TIMEOUT_MS ?? 120_000),
    subgraphBreakerResetMs: Number(env.SUBGRAPH_BREAKER_RESET_MS ?? 5_000),
    // A bulk edit of 10,000 listing patches is a few megabytes; nothing legitimate is larger.
    bodyLimitBytes: Number(env.GATEWAY_BODY_LIMIT_BYTES ?? 10 * 1024 * 1024),
    subgraphDedup: flag(env, "SUBGRAPH_DEDUP") ?? true,
    directLane: flag(env, "GATEWAY_DIRECT_LANE") ?? true,
    ...(env.SUPERGRAPH_PATH ? { supergraphPath: env.SUPERGRAPH_PATH } : {}),
    redisUrl: env.REDIS_URL ?? null,
    redisKeyPrefix: env.REDIS_KEY_PREFIX ?? "ppt:",
    rateLimits: loadRateLimitSettings(env),
    explorer: flag(env, "GRAPHIQL") ?? base.introspection,
    persistedDocuments: loadPersistedDocumentsSettings(env, base.production),
    responseCache: loadResponseCacheSettings(env, env.REDIS_URL),
  };
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const value = env[name];
  if (value === undefined || value === "") return undefined;
  if (value !== "true" && value !== "false") throw new Error(`Invalid configuration: ${name} must be "true" or "false"`);
  return value === "true";
}
