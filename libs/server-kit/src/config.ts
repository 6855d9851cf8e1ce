// Configuration is read and validated once at start; everything else receives it.
// Every variable is optional in development: the embedded default needs none of them.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { roleDatabaseUrl, ownerDatabaseUrl, type ServerRole } from "@ppt/db";
import { developmentKeys, keysFromEnv, type KeyMaterial } from "./auth/keys.ts";
import { portalOidcFromEnv, type PortalOidcConfig } from "./auth/oidc-config.ts";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATA_DIR: z.string().default(join(repoRoot, ".data")),
  REDIS_URL: z.string().url().optional(),
  /** Prefix of every Redis channel and key this deployment uses (tests use a unique one per run). */
  REDIS_KEY_PREFIX: z.string().default("ppt:"),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default("eu-central-1"),
  S3_BUCKET: z.string().default("ppt-files"),
  S3_ACCESS_KEY_ID: z.string().default("S3RVER"),
  S3_SECRET_ACCESS_KEY: z.string().default("S3RVER"),
  /** Encrypts stored TOTP secrets (any long random string); without it, a key derived from the JWT signing key. */
  MFA_ENCRYPTION_KEY: z.string().min(32).optional(),
  ENABLE_INTROSPECTION: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true")),
});

export interface ServerConfig {
  nodeEnv: "development" | "test" | "production";
  production: boolean;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  dataDir: string;
  redisUrl: string | null;
  redisKeyPrefix: string;
  s3: { endpoint: string | null; region: string; bucket: string; accessKeyId: string; secretAccessKey: string };
  keys: KeyMaterial;
  mfaEncryptionKey: string | null;
  /** OpenID Connect providers of portal sign-in (the reality subgraph). */
  portalOidc: PortalOidcConfig;
  /** Introspection and the Sandbox landing page: on in development, off in production unless enabled for partners. */
  introspection: boolean;
  databaseUrl(role: ServerRole): string;
  ownerDatabaseUrl: string;
}

export async function loadServerConfig(env: NodeJS.ProcessEnv = process.env): Promise<ServerConfig> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  const keys = keysFromEnv(env) ?? (production ? null : await developmentKeys(join(e.DATA_DIR, "dev-jwt-keys.json")));
  if (!keys) throw new Error("JWT_JWKS must be set in production");
  return {
    nodeEnv: e.NODE_ENV,
    production,
    logLevel: e.LOG_LEVEL,
    dataDir: e.DATA_DIR,
    redisUrl: e.REDIS_URL ?? null,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    s3: {
      endpoint: e.S3_ENDPOINT ?? null,
      region: e.S3_REGION,
      bucket: e.S3_BUCKET,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    },
    keys,
    mfaEncryptionKey: e.MFA_ENCRYPTION_KEY ?? null,
    portalOidc: portalOidcFromEnv(env, production),
    introspection: e.ENABLE_INTROSPECTION ?? !production,
    // Each process asks only for its own role's database; in production that URL must be given.
    databaseUrl: (role) => {
      const variable = `${role.toUpperCase()}_DATABASE_URL`;
      if (production && !env[variable]) throw new Error(`${variable} must be set in production`);
      return roleDatabaseUrl(role, env);
    },
    ownerDatabaseUrl: ownerDatabaseUrl(env),
  };
}
