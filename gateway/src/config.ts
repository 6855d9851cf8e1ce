// Gateway configuration: where the subgraphs are, and the edge settings (no database URLs).
import { loadEdgeConfig, type EdgeConfig } from "@ppt/server-kit/edge";

export interface GatewayConfig extends EdgeConfig {
  subgraphUrls: Record<string, string>;
  /** How long a subgraph may take before its part of a query fails (never a hang). */
  subgraphTimeoutMs: number;
  bodyLimitBytes: number;
}

export async function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): Promise<GatewayConfig> {
  const base = await loadEdgeConfig(env);
  return {
    ...base,
    subgraphUrls: {
      property: env.PROPERTY_SUBGRAPH_URL ?? "http://127.0.0.1:4001/graphql",
      reality: env.REALITY_SUBGRAPH_URL ?? "http://127.0.0.1:4002/graphql",
    },
    subgraphTimeoutMs: Number(env.SUBGRAPH_TIMEOUT_MS ?? 10_000),
    // A bulk edit of 10,000 listing patches is a few megabytes; nothing legitimate is larger.
    bodyLimitBytes: Number(env.GATEWAY_BODY_LIMIT_BYTES ?? 10 * 1024 * 1024),
  };
}
