// The composition root's request context of the property subgraph: verified caller → active
// organization → a tenant-scoped database handle (RLS) and this request's DataLoaders. The
// per-process services (token signing and rate limits, the live feeds) are made once per process
// by createPropertyServices and handed to every context; modules import only the types here.
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import {
  callerFromHeaders,
  CLIENT_ADDRESS_HEADER,
  TenantDb,
  unsubscribeKey,
  type Caller,
  type DisposableContext,
  type Identity,
  type LiveEvents,
  type ObjectStorage,
  type PrismaClient,
  type ServiceDeps,
} from "@ppt/server-kit";
import { checkSession, createAuthRuntime, type AuthRuntime, type MembershipDirectory } from "./modules/auth/index.ts";
import { membershipDirectory } from "./modules/organizations/index.ts";
import { createConversationFeeds, type ConversationFeeds } from "./modules/messages/index.ts";
import { webPushPublicKeyFromEnv } from "./modules/notifications/index.ts";
import { createTallyFeeds, type TallyFeeds } from "./modules/realtime/index.ts";
import { httpIcsFetcher, type IcsFetcher } from "./modules/rentals/index.ts";
import { createLoaders, type Loaders } from "./loaders.ts";

/** What this process holds once, whatever the number of requests. */
export interface PropertyServices {
  /** Token signing, rate limits, the TOTP secret key. */
  auth: AuthRuntime;
  /** `voteTallyUpdated`: one feed per open vote. */
  tallyFeeds: TallyFeeds;
  /** `messageAdded`: one feed per open conversation. */
  conversationFeeds: ConversationFeeds;
  /** The organizations module's answers to auth (who may act in which organization, with which roles). */
  memberships: MembershipDirectory;
  /**
   * The key of the notification e-mails' unsubscribe links (null: this process cannot verify
   * them) and the VAPID public key browsers subscribe to Web Push with (null: no Web Push here).
   */
  notifications: { unsubscribeKey: Buffer | null; webPushPublicKey: string | null };
  /** How calendar imports fetch the URLs owners give (public addresses only, unless configured for tests). */
  calendarFetcher: IcsFetcher;
}

export function createPropertyServices(deps: ServiceDeps): PropertyServices {
  return {
    auth: createAuthRuntime(deps, membershipDirectory),
    tallyFeeds: createTallyFeeds(deps.events.pubsub),
    conversationFeeds: createConversationFeeds(deps.events.pubsub),
    memberships: membershipDirectory,
    notifications: { unsubscribeKey: unsubscribeKey(deps.config), webPushPublicKey: webPushPublicKeyFromEnv(process.env, deps.config.dataDir) },
    calendarFetcher: httpIcsFetcher({ allowPrivateHosts: deps.config.outboundAllowPrivateHosts }),
  };
}

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
  /** Token signing, rate limits, the TOTP secret key (one per process: services.auth). */
  auth: AuthRuntime;
  /** This process's services (one per process). */
  services: PropertyServices;
  /** The client's address as the gateway worked it out (the direct peer's when the gateway's secret is absent): rate limits, sessions, audit. */
  clientIp: string | null;
  userAgent: string | null;
  /** A fresh context for the same caller (own transaction, fresh loaders): live subscriptions check each event with one. */
  fork(): PropertyContext;
}

export async function buildContext(deps: ServiceDeps, services: PropertyServices, headers: IncomingHttpHeaders): Promise<PropertyContext> {
  const caller = await callerFromHeaders(headers, deps.verifier);
  if (caller) await checkSession(deps, caller, headers);
  return contextForCaller(deps, services, caller, headers);
}

function headerText(headers: IncomingHttpHeaders | Identity, name: string): string | null {
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === "string" && value ? value : null;
}

/** The context of an already verified caller (HTTP requests, and each subscription event). */
export function contextForCaller(
  deps: ServiceDeps,
  services: PropertyServices,
  found: Caller | null,
  headers: IncomingHttpHeaders | Identity,
): PropertyContext {
  // Portal users have no business in property management data.
  const caller = found?.audience === "ppt" ? found : null;
  const db = new TenantDb(deps.prisma, { organizationId: caller?.organizationId ?? null, userId: caller?.userId ?? null }, deps.replica);
  const context: PropertyContext = {
    caller,
    requestId: String(headers["x-request-id"] ?? randomUUID()),
    language: String(headers["accept-language"] ?? "sk")
      .split(",")[0]!
      .trim(),
    db,
    publicDb: deps.prisma,
    storage: deps.storage,
    events: deps.events,
    loaders: undefined as unknown as Loaders,
    auth: services.auth,
    services,
    clientIp: headerText(headers, CLIENT_ADDRESS_HEADER),
    userAgent: headerText(headers, "user-agent")?.slice(0, 512) ?? null,
    dispose: () => db.close(),
    tolerateLag: () => db.tolerateLag(),
    fork: () => contextForCaller(deps, services, found, headers),
  };
  context.loaders = createLoaders(context);
  return context;
}
