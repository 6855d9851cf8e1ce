// The graph as separate processes, as production runs it: N replicas of the gateway and of each
// subgraph, each tier behind a round-robin TCP balancer (the gateways reach the subgraphs through
// theirs, clients reach the gateways through theirs). For fault and scale-out tests; the ordinary
// tests use stack.ts (everything in the test process, faster to start).
import { createTestDatabase, type TestDatabase } from "@ppt/db/testing";
import { connectDatabase, generateSigningKey, TokenSigner, type AccessClaims, type DbHandle } from "@ppt/server-kit";
import { permissionsOf } from "@ppt/property/organizations";
import { startTestS3, type TestS3 } from "./s3.ts";
import { stackEnvironment, type GraphQLResponse } from "./stack.ts";
import { startServiceProcess, type ServiceProcess } from "./processes.ts";
import { startBalancer, type Balancer } from "./tcp-proxy.ts";

export interface ProcessStack {
  env: Record<string, string>;
  db: Pick<TestDatabase, "ownerUrl" | "urlFor">;
  /** The owner's connection (bypasses RLS): fixtures and checks. */
  owner: DbHandle;
  /** The clients' entry: the gateways' balancer. */
  url: string;
  gateways: ServiceProcess[];
  property: ServiceProcess[];
  reality: ServiceProcess[];
  balancers: { gateway: Balancer; property: Balancer; reality: Balancer };
  /** Starts a worker process on the stack's environment (counted in crashes, killed by stop). */
  startWorker(kind: "property-worker" | "reality-worker"): Promise<ServiceProcess>;
  tokenFor(userId: string, organizationId: string, roles?: string[]): Promise<string>;
  token(claims: Partial<AccessClaims> & { sub: string }): Promise<string>;
  /** A GraphQL request through the gateways' balancer (or to one gateway's url). */
  query<T = any>(query: string, variables?: Record<string, unknown>, token?: string, url?: string): Promise<GraphQLResponse<T>>;
  /** Exits nobody asked for, by process: must stay empty. */
  crashes(): string[];
  stop(): Promise<void>;
}

export interface ProcessStackOptions {
  replicas?: number;
  /** A database of the test's own server (default: a fresh test database on the shared one). */
  database?: Pick<TestDatabase, "ownerUrl" | "urlFor">;
  /** The test's own Redis (default: none; pub/sub then stays inside each process, so only one replica makes sense). */
  redisUrl?: string;
  /** RabbitMQ under a prefix of this stack's own (the broker is never restarted): the workers the test starts run the consumers. */
  broker?: boolean;
  env?: Record<string, string>;
}

export async function startProcessStack(options: ProcessStackOptions = {}): Promise<ProcessStack> {
  const replicas = options.replicas ?? 1;
  const created = options.database ? null : await createTestDatabase();
  const db = options.database ?? created!;
  const s3: TestS3 = await startTestS3();
  const keys = await generateSigningKey("test");
  const env = stackEnvironment(db, s3, keys, { broker: options.broker, env: { ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}), ...options.env } });
  const many = (kind: "property" | "reality" | "gateway", extra: Record<string, string> = {}) =>
    Promise.all(Array.from({ length: replicas }, () => startServiceProcess(kind, { ...env, ...extra })));
  const started: ServiceProcess[] = [];
  const balancers: Balancer[] = [];
  const owner = connectDatabase(db.ownerUrl, { max: 4 });
  const stop = async () => {
    await Promise.all(started.map((p) => p.signal("SIGKILL")));
    await Promise.all(balancers.map((b) => b.close()));
    await owner.close();
    await created?.drop();
    await s3.stop();
  };
  try {
    const [property, reality] = await Promise.all([many("property"), many("reality")]);
    started.push(...property, ...reality);
    const propertyBalancer = await startBalancer(property.map((p) => p.port));
    const realityBalancer = await startBalancer(reality.map((p) => p.port));
    balancers.push(propertyBalancer, realityBalancer);
    const gateways = await many("gateway", { PROPERTY_SUBGRAPH_URL: propertyBalancer.url, REALITY_SUBGRAPH_URL: realityBalancer.url });
    started.push(...gateways);
    // The clients' entry follows the gateways' readiness, as a Kubernetes Service does: a draining
    // gateway (SIGTERM) is out of rotation before it stops listening. The subgraph tiers only skip
    // a replica that refuses connections (their probes would add load on a shared machine).
    const gatewayBalancer = await startBalancer(
      gateways.map((p) => p.port),
      { readyPath: "/health/ready" },
    );
    balancers.push(gatewayBalancer);
    const signer = new TokenSigner(keys.signing);
    const token = async (claims: Partial<AccessClaims> & { sub: string }) => {
      // As stack.ts: a ppt token stands for an active membership, which is made to exist.
      if ((claims.aud ?? "ppt") === "ppt" && claims.org) {
        await owner.prisma.$executeRaw`
          INSERT INTO identity.organization_members (organization_id, user_id, status, updated_at)
          SELECT ${claims.org}::uuid, ${claims.sub}::uuid, 'ACTIVE', now() WHERE EXISTS (SELECT 1 FROM identity.users WHERE id = ${claims.sub}::uuid)
          ON CONFLICT (user_id, organization_id) DO NOTHING`;
      }
      return signer.sign({ aud: "ppt", ...claims });
    };
    return {
      env,
      db,
      owner,
      url: gatewayBalancer.url,
      gateways,
      property,
      reality,
      balancers: { gateway: gatewayBalancer, property: propertyBalancer, reality: realityBalancer },
      async startWorker(kind) {
        const worker = await startServiceProcess(kind, env);
        started.push(worker);
        return worker;
      },
      token,
      tokenFor: (userId, organizationId, roles = ["manager"]) => token({ sub: userId, org: organizationId, roles, permissions: permissionsOf(roles) }),
      async query(query, variables, bearer, url = gatewayBalancer.url) {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        return (await res.json()) as GraphQLResponse;
      },
      crashes: () => started.flatMap((p) => p.crashes.map(([code, signal]) => `${p.kind}:${p.port} exited ${code ?? signal}: ${p.stderr().slice(-500)}`)),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
