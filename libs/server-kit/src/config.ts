// Configuration of the subgraphs and workers: the edge settings plus database, Redis, storage
// and sign-in providers. Every variable is optional in development: the embedded default needs none.
import { z } from "zod";
import { roleDatabaseUrl, ownerDatabaseUrl, type ServerRole } from "@ppt/db";
import { portalOidcFromEnv, type PortalOidcConfig } from "./auth/oidc-config.ts";
import { loadEdgeConfig, type EdgeConfig } from "./edge-config.ts";
import type { SmtpConfig } from "./mail/smtp.ts";

export { repoRoot } from "./edge-config.ts";

const envSchema = z.object({
  REDIS_URL: z.string().url().optional(),
  /** Prefix of every Redis channel and key this deployment uses (tests use a unique one per run). */
  REDIS_KEY_PREFIX: z.string().default("ppt:"),
  S3_ENDPOINT: z.string().url().optional(),
  // The files host in front of the bucket (it adds X-Content-Type-Options: nosniff, which S3
  // cannot): presigned downloads are addressed to it; it forwards them with the bucket's Host.
  S3_DOWNLOAD_ORIGIN: z.string().url().optional(),
  S3_REGION: z.string().default("eu-central-1"),
  S3_BUCKET: z.string().default("ppt-files"),
  S3_ACCESS_KEY_ID: z.string().default("S3RVER"),
  S3_SECRET_ACCESS_KEY: z.string().default("S3RVER"),
  /** Encrypts stored TOTP secrets (any long random string); without it, a key derived from the JWT signing key. */
  MFA_ENCRYPTION_KEY: z.string().min(32).optional(),
  /** Connections of a process's request pool (each request holds at most one at a time). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** After a user's write, how long their reads stay on the primary when a read replica is configured. */
  READ_YOUR_WRITES_MS: z.coerce.number().int().min(0).default(5_000),
  /** The interface a subgraph listens on: loopback by default; a cluster sets the pod's (0.0.0.0). */
  BIND_ADDRESS: z.string().min(1).default("127.0.0.1"),
  /** RabbitMQ for work that must happen once (mail, imports…); without it an in-process broker in each subgraph process. */
  AMQP_URL: z.string().url().optional(),
  /** Prefix of every exchange and queue name (tests use a unique one per stack). */
  AMQP_PREFIX: z.string().default("ppt."),
  /** Tests only: RabbitMQ deletes this deployment's queues once unused this long. */
  AMQP_QUEUE_EXPIRES_MS: z.coerce.number().int().positive().optional(),
  /** "quorum" on a RabbitMQ cluster: replicated queues (see infra/README.md); "classic" on one node. */
  AMQP_QUEUE_TYPE: z.enum(["classic", "quorum"]).default("classic"),
  SMTP_HOST: z.string().default("127.0.0.1"),
  SMTP_PORT: z.coerce.number().int().positive().default(1025),
  SMTP_SECURE: z.enum(["true", "false"]).default("false"),
  // Outbound fetches of URLs users give (calendar imports) may reach private and loopback addresses: tests only.
  OUTBOUND_ALLOW_PRIVATE_HOSTS: z.enum(["true", "false"]).default("false"),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  /** The sender of every mail (SMTP_FROM; MAIL_FROM is read too). */
  SMTP_FROM: z.string().optional(),
  MAIL_FROM: z.string().optional(),
  /** Where links in mail point: the management app and the portal. */
  MANAGEMENT_APP_URL: z.string().url().default("http://localhost:5173"),
  PORTAL_APP_URL: z.string().url().default("http://localhost:5174"),
});

export interface ServerConfig extends EdgeConfig {
  redisUrl: string | null;
  redisKeyPrefix: string;
  s3: { endpoint: string | null; downloadOrigin?: string | null; region: string; bucket: string; accessKeyId: string; secretAccessKey: string };
  mfaEncryptionKey: string | null;
  bindAddress: string;
  /** RabbitMQ (null: the in-process broker) and the prefix of its exchange and queue names. */
  amqpUrl: string | null;
  amqpPrefix: string;
  amqpQueueExpiresMs: number | null;
  amqpQueueType: "classic" | "quorum";
  /** URLs users give may point into private networks (tests with a local server; never production). */
  outboundAllowPrivateHosts: boolean;
  smtp: SmtpConfig;
  /** Origins of the apps that links in mail open. */
  appUrls: { management: string; portal: string };
  /** OpenID Connect providers of portal sign-in (the reality subgraph). */
  portalOidc: PortalOidcConfig;
  databaseUrl(role: ServerRole): string;
  /** A streaming replica of the role's database for reads that tolerate lag (`<ROLE>_READ_DATABASE_URL`), or null. */
  readDatabaseUrl(role: ServerRole): string | null;
  readYourWritesMs: number;
  ownerDatabaseUrl: string;
  databasePoolMax: number;
}

function storageSettings(e: z.infer<typeof envSchema>): ServerConfig["s3"] {
  return {
    endpoint: e.S3_ENDPOINT ?? null,
    downloadOrigin: e.S3_DOWNLOAD_ORIGIN ?? null,
    region: e.S3_REGION,
    bucket: e.S3_BUCKET,
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
  };
}

/** The object storage settings alone (scripts that write to storage without running a service, e.g. the demo photos). */
export function loadStorageConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig["s3"] {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  return storageSettings(parsed.data);
}

export async function loadServerConfig(env: NodeJS.ProcessEnv = process.env): Promise<ServerConfig> {
  const edge = await loadEdgeConfig(env);
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const production = edge.production;
  return {
    ...edge,
    redisUrl: e.REDIS_URL ?? null,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    s3: storageSettings(e),
    mfaEncryptionKey: e.MFA_ENCRYPTION_KEY ?? null,
    bindAddress: e.BIND_ADDRESS,
    amqpUrl: e.AMQP_URL ?? null,
    amqpPrefix: e.AMQP_PREFIX,
    amqpQueueExpiresMs: e.AMQP_QUEUE_EXPIRES_MS ?? null,
    amqpQueueType: e.AMQP_QUEUE_TYPE,
    outboundAllowPrivateHosts: e.OUTBOUND_ALLOW_PRIVATE_HOSTS === "true",
    smtp: {
      host: e.SMTP_HOST,
      port: e.SMTP_PORT,
      secure: e.SMTP_SECURE === "true",
      auth: e.SMTP_USER ? { user: e.SMTP_USER, pass: e.SMTP_PASSWORD ?? "" } : undefined,
      from: e.SMTP_FROM ?? e.MAIL_FROM ?? "PPT <no-reply@ppt.localhost>",
    },
    appUrls: { management: e.MANAGEMENT_APP_URL.replace(/\/$/, ""), portal: e.PORTAL_APP_URL.replace(/\/$/, "") },
    portalOidc: portalOidcFromEnv(env, production),
    // Each process asks only for its own role's database; in production that URL must be given.
    databaseUrl: (role) => {
      const variable = `${role.toUpperCase()}_DATABASE_URL`;
      if (production && !env[variable]) throw new Error(`${variable} must be set in production`);
      return roleDatabaseUrl(role, env);
    },
    readDatabaseUrl: (role) => env[`${role.toUpperCase()}_READ_DATABASE_URL`] || null,
    readYourWritesMs: e.READ_YOUR_WRITES_MS,
    ownerDatabaseUrl: ownerDatabaseUrl(env),
    databasePoolMax: e.DATABASE_POOL_MAX,
  };
}
