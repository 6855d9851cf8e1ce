// The request context of the reality subgraph: the caller (portal user, realtor, or a PPT
// user), the role's database client and this request's DataLoaders.
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { callerFromHeaders, type Caller, type DisposableContext, type Logger, type ObjectStorage, type PrismaClient, type RateLimits, type ServiceDeps } from "@ppt/server-kit";
import { portalAuthRuntime, type PortalAuthRuntime } from "../modules/accounts/runtime.ts";
import { checkPortalSession } from "../modules/accounts/sessions.ts";
import { createLoaders, type Loaders } from "./loaders.ts";

export interface RealityContext extends DisposableContext {
  caller: Caller | null;
  requestId: string;
  language: string;
  db: PrismaClient;
  storage: ObjectStorage;
  loaders: Loaders;
  /** Portal sign-in: token signing, rate limits, OIDC providers (one per process). */
  auth: PortalAuthRuntime;
  /** The process's rate-limit counters (Redis when configured, shared by every replica). */
  rateLimits: RateLimits;
  /** The client's address as the gateway forwarded it (first x-forwarded-for hop): rate limits, sessions. */
  clientIp: string | null;
  userAgent: string | null;
  logger: Logger;
}

function headerText(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return typeof value === "string" && value ? value : null;
}

export async function buildContext(deps: ServiceDeps, headers: IncomingHttpHeaders): Promise<RealityContext> {
  const caller = await callerFromHeaders(headers, deps.verifier);
  // A portal token is only as good as its session: logout and "log out everywhere" take effect at once.
  if (caller) await checkPortalSession(deps, caller);
  const context: RealityContext = {
    caller,
    requestId: String(headers["x-request-id"] ?? randomUUID()),
    language: String(headers["accept-language"] ?? "sk").split(",")[0]!.trim(),
    db: deps.prisma,
    storage: deps.storage,
    loaders: undefined as unknown as Loaders,
    auth: portalAuthRuntime(deps),
    rateLimits: deps.rateLimits,
    clientIp: headerText(headers, "x-forwarded-for")?.split(",")[0]!.trim().slice(0, 45) || null,
    userAgent: headerText(headers, "user-agent")?.slice(0, 512) ?? null,
    logger: deps.logger,
    dispose: async () => undefined,
  };
  context.loaders = createLoaders(context);
  return context;
}
