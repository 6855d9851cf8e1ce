// The request context of the property subgraph: verified caller → active organization →
// a tenant-scoped database handle (RLS) and this request's DataLoaders.
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import {
  callerFromHeaders,
  TenantDb,
  type Caller,
  type DisposableContext,
  type Identity,
  type LiveEvents,
  type ObjectStorage,
  type PrismaClient,
  type ServiceDeps,
} from "@ppt/server-kit";
import { authRuntime, type AuthRuntime } from "../modules/auth/runtime.ts";
import { checkSession } from "../modules/auth/session-check.ts";
import { createLoaders, type Loaders } from "./loaders.ts";

export interface PropertyContext extends DisposableContext {
  caller: Caller | null;
  requestId: string;
  language: string;
  /** Tenant-scoped: every query runs under the caller's organization and RLS. */
  db: TenantDb;
  /** The role's plain client, only for the narrow public-read functions (published listings' unit facts). */
  publicDb: PrismaClient;
  storage: ObjectStorage;
  /** Pub/sub and the post-commit wake-up (live subscriptions). */
  events: LiveEvents;
  loaders: Loaders;
  /** Token signing, rate limits, the TOTP secret key (one per process). */
  auth: AuthRuntime;
  /** The client's address as the gateway forwarded it (first x-forwarded-for hop): rate limits, sessions, audit. */
  clientIp: string | null;
  userAgent: string | null;
  /** A fresh context for the same caller (own transaction, fresh loaders): live subscriptions check each event with one. */
  fork(): PropertyContext;
}

export async function buildContext(deps: ServiceDeps, headers: IncomingHttpHeaders): Promise<PropertyContext> {
  const caller = await callerFromHeaders(headers, deps.verifier);
  if (caller) await checkSession(deps, caller);
  return contextForCaller(deps, caller, headers);
}

function headerText(headers: IncomingHttpHeaders | Identity, name: string): string | null {
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === "string" && value ? value : null;
}

/** The context of an already verified caller (HTTP requests, and each subscription event). */
export function contextForCaller(deps: ServiceDeps, found: Caller | null, headers: IncomingHttpHeaders | Identity): PropertyContext {
  // Portal users have no business in property management data.
  const caller = found?.audience === "ppt" ? found : null;
  const db = new TenantDb(deps.prisma, { organizationId: caller?.organizationId ?? null, userId: caller?.userId ?? null });
  const context: PropertyContext = {
    caller,
    requestId: String(headers["x-request-id"] ?? randomUUID()),
    language: String(headers["accept-language"] ?? "sk").split(",")[0]!.trim(),
    db,
    publicDb: deps.prisma,
    storage: deps.storage,
    events: deps.events,
    loaders: undefined as unknown as Loaders,
    auth: authRuntime(deps),
    clientIp: headerText(headers, "x-forwarded-for")?.split(",")[0]!.trim().slice(0, 45) || null,
    userAgent: headerText(headers, "user-agent")?.slice(0, 512) ?? null,
    dispose: () => db.close(),
    fork: () => contextForCaller(deps, found, headers),
  };
  context.loaders = createLoaders(context);
  return context;
}
