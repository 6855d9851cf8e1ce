// What every process reads at start, the gateway included: no database, storage or mail settings
// here, so the edge process never needs (nor holds) their secrets. Read and validated once.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { developmentKeys, keysFromEnv, type KeyMaterial } from "./auth/keys.ts";
import { parseTrustedProxies } from "./http/client-address.ts";
import { loadSubgraphSecret } from "./http/subgraph-secret.ts";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");

const edgeEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATA_DIR: z.string().default(join(repoRoot, ".data")),
  ENABLE_INTROSPECTION: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true")),
  SUBGRAPH_SHARED_SECRET: z.string().min(32).optional(),
  TRUSTED_PROXIES: z.string().optional(),
});

export interface EdgeConfig {
  nodeEnv: "development" | "test" | "production";
  production: boolean;
  logLevel: z.infer<typeof edgeEnvSchema>["LOG_LEVEL"];
  dataDir: string;
  /** The gateway verifies tokens with the public keys; only the issuing subgraph signs. */
  keys: KeyMaterial;
  /** Introspection (and, unless GRAPHIQL says otherwise, the gateway's explorer): on in development, off in production unless enabled for partners. */
  introspection: boolean;
  /** What the gateway sends to subgraphs, and what subgraphs require, on every request (`SUBGRAPH_SHARED_SECRET`). */
  subgraphSecret: string;
  /** Addresses and CIDR ranges whose `X-Forwarded-For` the gateway believes (`TRUSTED_PROXIES`; none by default). */
  trustedProxies: string[];
}

export async function loadEdgeConfig(env: NodeJS.ProcessEnv = process.env): Promise<EdgeConfig> {
  const parsed = edgeEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  const keys = keysFromEnv(env) ?? (production ? null : await developmentKeys(join(e.DATA_DIR, "dev-jwt-keys.json")));
  if (!keys) throw new Error("JWT_JWKS must be set in production");
  const subgraphSecret = loadSubgraphSecret(env, production, join(e.DATA_DIR, "subgraph-shared-secret"));
  return {
    nodeEnv: e.NODE_ENV,
    production,
    logLevel: e.LOG_LEVEL,
    dataDir: e.DATA_DIR,
    keys,
    introspection: e.ENABLE_INTROSPECTION ?? !production,
    subgraphSecret,
    trustedProxies: parseTrustedProxies(e.TRUSTED_PROXIES),
  };
}
