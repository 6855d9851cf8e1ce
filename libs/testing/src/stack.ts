// The whole graph in one test process: a fresh database, both subgraphs and the gateway on
// free ports, real HTTP between them, and tokens signed with a key made for this run.
import { randomBytes, randomUUID } from "node:crypto";
import { startPropertySubgraph } from "@ppt/property";
import { startRealitySubgraph } from "@ppt/reality";
import { seed, type SeedOptions, type SeedSummary } from "@ppt/db/seed";
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import {
  connectDatabase,
  generateSigningKey,
  loadServerConfig,
  SUBGRAPH_SECRET_HEADER,
  TokenSigner,
  type AccessClaims,
  type DbHandle,
  type Logger,
  type RunningService,
  type ServerConfig,
} from "@ppt/server-kit";
import { startTestS3, type TestS3 } from "./s3.ts";
import { startGateway, type RunningGateway } from "@ppt/gateway";
import { loadPersistedDocumentsSettings } from "@ppt/gateway/persisted-documents";
import { loadRateLimitSettings } from "@ppt/gateway/rate-limit";
import { loadResponseCacheSettings } from "@ppt/gateway/response-cache";
import { permissionsOf } from "@ppt/property/organizations";

type RunningProperty = Awaited<ReturnType<typeof startPropertySubgraph>>;

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Stack {
  db: TestDatabase;
  /** The configuration the subgraphs run with (e.g. to start a worker in-process on the same database and Redis). */
  config: ServerConfig;
  /** The environment that configuration was loaded from (to start a worker as a child process on the same services). */
  env: Record<string, string>;
  /** The owner's connection (bypasses RLS as a superuser): for fixtures and for checking the database. */
  owner: DbHandle;
  property: RunningProperty;
  reality: RunningService;
  gateway: RunningGateway;
  s3: TestS3;
  /** What the demo seed wrote (with the `seed` option). */
  seeded?: SeedSummary;
  /** With `replicas`: a second property subgraph and a second gateway (routing to it) on the same database and Redis. */
  property2?: RunningProperty;
  gateway2?: RunningGateway;
  token(claims: Partial<AccessClaims> & { sub: string }, ttlSeconds?: number): Promise<string>;
  /** A ppt token for a user acting in an organization with the given roles. */
  tokenFor(userId: string, organizationId: string, roles?: string[]): Promise<string>;
  query<T = any>(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** What the gateway adds to every subgraph request (tests that call a subgraph directly, as the gateway would). */
  subgraphHeaders: Record<string, string>;
  /** SQL statements both subgraphs have sent so far. */
  queryCount(): number;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Use the real Redis (127.0.0.1:6379, or TEST_REDIS_URL) with a channel prefix unique to this stack. */
  redis?: boolean;
  /** Also start a second property subgraph and a second gateway (two "processes" sharing Redis and the database). */
  replicas?: boolean;
  /**
   * RabbitMQ (127.0.0.1:5672, or TEST_AMQP_URL) under a prefix unique to this stack: the workers the
   * test starts run the consumers. Without it each subgraph runs its own on an in-process broker.
   */
  broker?: boolean;
  /** Further environment of every process (e.g. PORTAL_OIDC_* for a local OpenID provider). */
  env?: Record<string, string>;
  /** Load the demo data (`npm run db:seed`, or its options) before the subgraphs start, as the first `npm start` does. */
  seed?: boolean | SeedOptions;
  /**
   * The gateway's per-caller rate limits: by default far out of reach, so no test is refused for
   * the requests other tests send from the same address; "production" keeps the defaults (and
   * whatever RATE_LIMIT_* the test passes in `env`), for tests of the limits themselves.
   */
  rateLimits?: "production";
  /** Each process's logger (default: silent), e.g. one writing to a stream the test reads. */
  logger?: (service: "gateway" | "property" | "reality") => Logger;
}

const OUT_OF_REACH = String(1_000_000_000);
const OUT_OF_REACH_RATE_LIMITS = {
  RATE_LIMIT_ANONYMOUS_POINTS: OUT_OF_REACH,
  RATE_LIMIT_USER_POINTS: OUT_OF_REACH,
  RATE_LIMIT_PARTNER_POINTS: OUT_OF_REACH,
  RATE_LIMIT_PARTNER_PLAN_QUOTA: "false",
  RATE_LIMIT_WS_CONNECTIONS: OUT_OF_REACH,
  RATE_LIMIT_WS_SUBSCRIBES: OUT_OF_REACH,
};

/** Every process's environment for a stack on `db` (also what process-stack.ts passes its children). */
export function stackEnvironment(
  db: Pick<TestDatabase, "ownerUrl" | "urlFor">,
  s3: Pick<TestS3, "endpoint" | "bucket">,
  keys: Awaited<ReturnType<typeof generateSigningKey>>,
  options: Pick<StackOptions, "redis" | "broker" | "rateLimits" | "env">,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries({
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      DATABASE_URL: db.ownerUrl,
      PROPERTY_DATABASE_URL: db.urlFor("property"),
      REALITY_DATABASE_URL: db.urlFor("reality"),
      ADMIN_DATABASE_URL: db.urlFor("admin"),
      JWT_JWKS: JSON.stringify(keys.jwks),
      JWT_PRIVATE_KEY: keys.signing.privateKeyPem,
      JWT_KEY_ID: keys.signing.kid,
      REDIS_URL: options.redis ? (process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379") : process.env.TEST_REDIS_URL,
      REDIS_KEY_PREFIX: `test-${randomUUID()}:`,
      ...(options.broker
        ? {
            AMQP_URL: process.env.TEST_AMQP_URL ?? "amqp://guest:guest@127.0.0.1:5672",
            AMQP_PREFIX: `test-${randomUUID()}.`,
            AMQP_QUEUE_EXPIRES_MS: String(30 * 60_000),
          }
        : {}),
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      SUBGRAPH_SHARED_SECRET: randomBytes(32).toString("base64url"),
      // Tests stand in for an ingress: each one sends its own X-Forwarded-For from loopback.
      TRUSTED_PROXIES: "127.0.0.1,::1",
      ...(options.rateLimits === "production" ? {} : OUT_OF_REACH_RATE_LIMITS),
      ...options.env,
    }).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const db = await createTestDatabase();
  let seeded: SeedSummary | undefined;
  if (options.seed) {
    const seeding = connectDatabase(db.ownerUrl, { max: 2 });
    try {
      seeded = await seed(seeding.prisma, options.seed === true ? {} : options.seed);
    } finally {
      await seeding.close();
    }
  }
  const s3 = await startTestS3();
  const keys = await generateSigningKey("test");
  const env = stackEnvironment(db, s3, keys, options);
  const config = await loadServerConfig(env);
  const loggerOf = (service: "gateway" | "property" | "reality") => (options.logger ? { logger: options.logger(service) } : {});
  const property = await startPropertySubgraph(config, 0, loggerOf("property"));
  const reality = await startRealitySubgraph(config, 0, loggerOf("reality"));
  const gatewayConfig: Parameters<typeof startGateway>[0] = {
    ...config,
    subgraphUrls: { property: property.url, reality: reality.url },
    subgraphTimeoutMs: 5_000,
    bodyLimitBytes: 10 * 1024 * 1024,
    rateLimits: loadRateLimitSettings(env),
    persistedDocuments: loadPersistedDocumentsSettings(env, config.production),
    responseCache: loadResponseCacheSettings(env, config.redisUrl),
  };
  const gateway = await startGateway(gatewayConfig, 0, loggerOf("gateway"));
  const property2 = options.replicas ? await startPropertySubgraph(config, 0) : undefined;
  const gateway2 = property2 ? await startGateway({ ...gatewayConfig, subgraphUrls: { property: property2.url, reality: reality.url } }, 0) : undefined;
  const owner = connectDatabase(db.ownerUrl, { max: 4 });
  const signer = new TokenSigner(keys.signing);

  const token = async (claims: Partial<AccessClaims> & { sub: string }, ttlSeconds?: number) => {
    // The property subgraph refuses a ppt token whose organization is not an active membership
    // (zero trust): a token minted here stands for a signed-in member, so the membership is made
    // to exist (never reactivated: a test that ended one keeps it ended).
    if ((claims.aud ?? "ppt") === "ppt" && claims.org && !claims.client_id) {
      await owner.prisma.$executeRaw`
        INSERT INTO identity.organization_members (organization_id, user_id, status, updated_at)
        SELECT ${claims.org}::uuid, ${claims.sub}::uuid, 'ACTIVE', now() WHERE EXISTS (SELECT 1 FROM identity.users WHERE id = ${claims.sub}::uuid)
        ON CONFLICT (user_id, organization_id) DO NOTHING`;
    }
    return signer.sign({ aud: "ppt", ...claims }, ttlSeconds);
  };
  return {
    db,
    config,
    env,
    owner,
    property,
    reality,
    gateway,
    s3,
    seeded,
    ...(property2 && gateway2 ? { property2, gateway2 } : {}),
    token,
    tokenFor: (userId, organizationId, roles = ["manager"]) => token({ sub: userId, org: organizationId, roles, permissions: permissionsOf(roles) }),
    async query(query, variables, bearer, headers = {}) {
      const res = await fetch(gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse;
    },
    subgraphHeaders: { [SUBGRAPH_SECRET_HEADER]: config.subgraphSecret },
    queryCount: () => property.queryCount() + reality.queryCount(),
    async stop() {
      await gateway2?.stop().catch(() => undefined);
      await property2?.stop().catch(() => undefined);
      await gateway.stop().catch(() => undefined);
      await property.stop().catch(() => undefined);
      await reality.stop().catch(() => undefined);
      await owner.close();
      await db.drop();
      await s3.stop();
    },
  };
}

/** The value of one Prometheus counter sample from a process's /metrics. */
export async function metric(baseUrl: string, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(new URL("/metrics", baseUrl))).text();
  const labelText = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (line.startsWith(`${name}{`) && labelText.every((l) => line.includes(l))) return Number(line.split(" ").at(-1));
  }
  return 0;
}
