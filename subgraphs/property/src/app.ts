// The property subgraph: PPT's property-management modules behind one Federation 2 schema. The
// composition root: the per-process services are made here once per started service and handed
// to every context (context.ts); each module's resolvers come from its index.ts.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import {
  startSubgraphService,
  type Caller,
  type Identity,
  type ServerConfig,
  type ServiceDeps,
  type SubgraphDefinition,
  type SubgraphServiceOptions,
} from "@ppt/server-kit";
import { buildContext, contextForCaller, createPropertyServices, type PropertyContext, type PropertyServices } from "./context.ts";
import { announcementResolvers } from "./modules/announcements/index.ts";
import { authResolvers, checkSession, jwksRoutes } from "./modules/auth/index.ts";
import { buildingResolvers } from "./modules/buildings/index.ts";
import { documentResolvers } from "./modules/documents/index.ts";
import { faultResolvers } from "./modules/faults/index.ts";
import { financialResolvers } from "./modules/financial/index.ts";
import { memberResolvers } from "./modules/members/index.ts";
import { messageResolvers } from "./modules/messages/index.ts";
import { meterResolvers } from "./modules/meters/index.ts";
import { organizationResolvers, syncSystemRoles } from "./modules/organizations/index.ts";
import { notificationResolvers } from "./modules/notifications/index.ts";
import { realtimeResolvers, realtimeSharedFeeds } from "./modules/realtime/index.ts";
import { rentalResolvers, rentalRoutes } from "./modules/rentals/index.ts";
import { votingResolvers } from "./modules/voting/index.ts";
import { propertyConsumers } from "./consumers.ts";
import { propertyLiveRoutes } from "./live-routes.ts";

/** The subgraph's definition; its services are made once, from the first deps the kit hands it (one per started service). */
export function propertySubgraph(): SubgraphDefinition<PropertyContext> & { services(deps: ServiceDeps): PropertyServices } {
  let made: { deps: ServiceDeps; services: PropertyServices } | undefined;
  const services = (deps: ServiceDeps): PropertyServices => {
    if (!made) made = { deps, services: createPropertyServices(deps) };
    else if (made.deps !== deps) throw new Error("One property subgraph definition serves one service: call propertySubgraph() per service");
    return made.services;
  };
  return {
    name: "property",
    role: "property",
    srcDir: dirname(fileURLToPath(import.meta.url)),
    resolvers: [
      { Query: { propertyHealth: () => true } },
      authResolvers,
      organizationResolvers,
      buildingResolvers,
      memberResolvers,
      faultResolvers,
      documentResolvers,
      announcementResolvers,
      messageResolvers,
      realtimeResolvers,
      votingResolvers,
      notificationResolvers,
      meterResolvers,
      financialResolvers,
      rentalResolvers,
    ],
    liveRoutes: propertyLiveRoutes,
    context: (deps, headers) => buildContext(deps, services(deps), headers),
    contextForCaller: (deps, caller, identity) => contextForCaller(deps, services(deps), caller, identity),
    sessionCheck: (deps, caller) => checkSession(deps, caller),
    sharedFeeds: realtimeSharedFeeds,
    httpRoutes: (deps) => ({ ...jwksRoutes(deps), ...rentalRoutes(deps) }),
    // Run here only with the in-process broker; with RabbitMQ the workers run them.
    consumers: propertyConsumers,
    // identity.roles mirrors the kit's role table: rewritten on every start (idempotent across replicas).
    prepare: (deps) => syncSystemRoles(deps.prisma),
    services,
  };
}

export async function startPropertySubgraph(config: ServerConfig, port: number, options: SubgraphServiceOptions = {}) {
  const definition = propertySubgraph();
  const service = await startSubgraphService(definition, config, port, options);
  const services = definition.services(service.deps);
  return Object.assign(service, {
    services,
    /** A context of this service for an already verified caller (tests that call a module's function directly). */
    contextForCaller: (caller: Caller | null, identity: Identity = {}) => contextForCaller(service.deps, services, caller, identity),
  });
}
