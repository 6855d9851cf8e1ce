// The request context of the reality subgraph: the caller (portal user, realtor, or a PPT
// user), the role's database client and this request's DataLoaders.
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { callerFromHeaders, type Caller, type DisposableContext, type ObjectStorage, type PrismaClient, type ServiceDeps } from "@ppt/server-kit";
import { createLoaders, type Loaders } from "./loaders.ts";

export interface RealityContext extends DisposableContext {
  caller: Caller | null;
  requestId: string;
  language: string;
  db: PrismaClient;
  storage: ObjectStorage;
  loaders: Loaders;
}

export async function buildContext(deps: ServiceDeps, headers: IncomingHttpHeaders): Promise<RealityContext> {
  const context: RealityContext = {
    caller: await callerFromHeaders(headers, deps.verifier),
    requestId: String(headers["x-request-id"] ?? randomUUID()),
    language: String(headers["accept-language"] ?? "sk").split(",")[0]!.trim(),
    db: deps.prisma,
    storage: deps.storage,
    loaders: undefined as unknown as Loaders,
    dispose: async () => undefined,
  };
  context.loaders = createLoaders(context);
  return context;
}
