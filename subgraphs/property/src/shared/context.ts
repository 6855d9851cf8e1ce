// The request context of the property subgraph: verified caller → active organization →
// a tenant-scoped database handle (RLS) and this request's DataLoaders.
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { callerFromHeaders, TenantDb, type Caller, type DisposableContext, type ObjectStorage, type PrismaClient, type ServiceDeps } from "@ppt/server-kit";
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
  loaders: Loaders;
}

export async function buildContext(deps: ServiceDeps, headers: IncomingHttpHeaders): Promise<PropertyContext> {
  const found = await callerFromHeaders(headers, deps.verifier);
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
    loaders: undefined as unknown as Loaders,
    dispose: () => db.close(),
  };
  context.loaders = createLoaders(context);
  return context;
}
