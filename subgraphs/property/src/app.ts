// The property subgraph: PPT's property-management modules behind one Federation 2 schema.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startSubgraphService, type ServerConfig, type SubgraphDefinition } from "@ppt/server-kit";
import { announcementResolvers } from "./modules/announcements/resolvers.ts";
import { jwksRoutes } from "./modules/auth/jwks.ts";
import { authResolvers } from "./modules/auth/resolvers.ts";
import { checkSession } from "./modules/auth/session-check.ts";
import { buildingResolvers } from "./modules/buildings/resolvers.ts";
import { documentResolvers } from "./modules/documents/resolvers.ts";
import { faultResolvers } from "./modules/faults/resolvers.ts";
import { memberResolvers } from "./modules/members/resolvers.ts";
import { messageResolvers } from "./modules/messages/resolvers.ts";
import { organizationResolvers } from "./modules/organizations/resolvers.ts";
import { syncSystemRoles } from "./modules/organizations/roles.ts";
import { realtimeResolvers } from "./modules/realtime/resolvers.ts";
import { votingResolvers } from "./modules/voting/resolvers.ts";
import { propertyLiveRoutes } from "./live-routes.ts";
import { buildContext, contextForCaller, type PropertyContext } from "./shared/context.ts";

export const propertySubgraph: SubgraphDefinition<PropertyContext> = {
  name: "property",
  role: "property",
  srcDir: dirname(fileURLToPath(import.meta.url)),
  resolvers: [{ Query: { propertyHealth: () => true } }, authResolvers, organizationResolvers, buildingResolvers, memberResolvers, faultResolvers, documentResolvers, announcementResolvers, messageResolvers, realtimeResolvers, votingResolvers],
  liveRoutes: propertyLiveRoutes,
  context: (deps, headers) => buildContext(deps, headers),
  contextForCaller,
  sessionCheck: checkSession,
  httpRoutes: jwksRoutes,
};

export async function startPropertySubgraph(config: ServerConfig, port: number) {
  const service = await startSubgraphService(propertySubgraph, config, port);
  // identity.roles mirrors the kit's role table: rewritten on every start (idempotent across replicas).
  await syncSystemRoles(service.deps.prisma);
  return service;
}
