// The whole graph in one test process: a fresh database, both subgraphs and the gateway on
// free ports, real HTTP between them, and tokens signed with a key made for this run.
import { startPropertySubgraph } from "@ppt/property";
import { startRealitySubgraph } from "@ppt/reality";
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, generateSigningKey, loadServerConfig, permissionsOf, TokenSigner, type AccessClaims, type DbHandle, type RunningService } from "@ppt/server-kit";
import { startTestS3, type TestS3 } from "@ppt/server-kit/testing/s3";
import { startGateway, type RunningGateway } from "../../src/app.ts";
import type { GatewayConfig } from "../../src/config.ts";

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Stack {
  db: TestDatabase;
  /** The owner's connection (bypasses RLS as a superuser): for fixtures and for checking the database. */
  owner: DbHandle;
  property: RunningService;
  reality: RunningService;
  gateway: RunningGateway;
  s3: TestS3;
  token(claims: Partial<AccessClaims> & { sub: string }): Promise<string>;
  /** A ppt token for a user acting in an organization with the given roles. */
  tokenFor(userId: string, organizationId: string, roles?: string[]): Promise<string>;
  query<T = any>(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** SQL statements both subgraphs have sent so far. */
  queryCount(): number;
  stop(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const db = await createTestDatabase();
  const s3 = await startTestS3();
  const keys = await generateSigningKey("test");
  const config = await loadServerConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATABASE_URL: db.ownerUrl,
    PROPERTY_DATABASE_URL: db.urlFor("property"),
    REALITY_DATABASE_URL: db.urlFor("reality"),
    ADMIN_DATABASE_URL: db.urlFor("admin"),
    JWT_JWKS: JSON.stringify(keys.jwks),
    JWT_PRIVATE_KEY: keys.signing.privateKeyPem,
    JWT_KEY_ID: keys.signing.kid,
    REDIS_URL: process.env.TEST_REDIS_URL,
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
  });
  const property = await startPropertySubgraph(config, 0);
  const reality = await startRealitySubgraph(config, 0);
  const gatewayConfig: GatewayConfig = {
    ...config,
    subgraphUrls: { property: property.url, reality: reality.url },
    subgraphTimeoutMs: 5_000,
    bodyLimitBytes: 10 * 1024 * 1024,
  };
  const gateway = await startGateway(gatewayConfig, 0);
  const owner = connectDatabase(db.ownerUrl, { max: 4 });
  const signer = new TokenSigner(keys.signing);

  const token = (claims: Partial<AccessClaims> & { sub: string }) => signer.sign({ aud: "ppt", ...claims });
  return {
    db,
    owner,
    property,
    reality,
    gateway,
    s3,
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
    queryCount: () => property.queryCount() + reality.queryCount(),
    async stop() {
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
