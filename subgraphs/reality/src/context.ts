// The request context of the reality subgraph: the caller (portal user, realtor, or a PPT
// user), the role's database client and this request's DataLoaders. The composition root:
// modules import only the RealityContext type from here.
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import {
  callerFromHeaders,
  CLIENT_ADDRESS_HEADER,
  checkSignIn,
  type Caller,
  type DisposableContext,
  type Logger,
  type ObjectStorage,
  type PrismaClient,
  type PubSub,
  type RateLimits,
  type ServiceDeps,
  type Tx,
} from "@ppt/server-kit";
import type { PortalAuthRuntime } from "./modules/accounts/index.ts";
import { matchSavedSearches } from "./modules/favorites/index.ts";
import { createLoaders, type Loaders } from "./loaders.ts";

export interface RealityContext extends DisposableContext {
  caller: Caller | null;
  requestId: string;
  language: string;
  db: PrismaClient;
  /** The role's read replica when one is configured (else `db`): only for public reads that tolerate lag (the public search). */
  replicaDb: PrismaClient;
  storage: ObjectStorage;
  loaders: Loaders;
  /** Portal sign-in: token signing, rate limits, OIDC providers (one per process). */
  auth: PortalAuthRuntime;
  /** The process's rate-limit counters (Redis when configured, shared by every replica). */
  rateLimits: RateLimits;
  /** Pub/sub shared with every process (announces ended sign-ins). */
  pubsub: PubSub;
  /** The client's address as the gateway worked it out (the direct peer's when the gateway's secret is absent): rate limits, sessions. */
  clientIp: string | null;
  userAgent: string | null;
  logger: Logger;
  /**
   * What other modules do in the transaction that makes listings ACTIVE (favorites matches
   * saved searches): wired here, so the listings module depends on none of them.
   */
  onListingsActivated: (tx: Tx, listingIds: readonly string[]) => Promise<unknown>;
  /** Verifies the unsubscribe links of the portal's notification mail (null: no secret configured). */
  unsubscribeKey: Buffer | null;
}

/** What every request shares: made once per process by app.ts. */
export interface RealityProcess {
  auth: PortalAuthRuntime;
  unsubscribeKey: Buffer | null;
}

function headerText(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return typeof value === "string" && value ? value : null;
}

export async function buildContext(deps: ServiceDeps, process: RealityProcess, headers: IncomingHttpHeaders): Promise<RealityContext> {
  const caller = await callerFromHeaders(headers, deps.verifier);
  // Every audience (portal users, management users, partner clients) by the one sign-in rule both
  // subgraphs share: logout, "log out everywhere", removal and revocation take effect at once.
  if (caller) await checkSignIn(deps, caller, headers);
  const context: RealityContext = {
    caller,
    requestId: String(headers["x-request-id"] ?? randomUUID()),
    language: String(headers["accept-language"] ?? "sk")
      .split(",")[0]!
      .trim(),
    db: deps.prisma,
    replicaDb: deps.replica?.prisma ?? deps.prisma,
    storage: deps.storage,
    loaders: undefined as unknown as Loaders,
    auth: process.auth,
    rateLimits: deps.rateLimits,
    pubsub: deps.events.pubsub,
    clientIp: headerText(headers, CLIENT_ADDRESS_HEADER),
    userAgent: headerText(headers, "user-agent")?.slice(0, 512) ?? null,
    logger: deps.logger,
    onListingsActivated: matchSavedSearches,
    unsubscribeKey: process.unsubscribeKey,
    dispose: async () => undefined,
  };
  context.loaders = createLoaders(context);
  return context;
}
