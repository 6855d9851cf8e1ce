// The reality subgraph: the Reality Portal's modules behind one Federation 2 schema. The
// composition root: per-process services are made here once and reach modules through the context.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startSubgraphService, unsubscribeKey, type ServerConfig, type SubgraphDefinition, type SubgraphServiceOptions } from "@ppt/server-kit";
import { buildContext, type RealityContext, type RealityProcess } from "./context.ts";
import { realityConsumers } from "./consumers.ts";
import { accountResolvers, createPortalAuthRuntime } from "./modules/accounts/index.ts";
import { agencyResolvers } from "./modules/agencies/index.ts";
import { analyticsResolvers } from "./modules/analytics/index.ts";
import { favoriteResolvers } from "./modules/favorites/index.ts";
import { importResolvers } from "./modules/imports/index.ts";
import { inquiryResolvers } from "./modules/inquiries/index.ts";
import { listingResolvers } from "./modules/listings/index.ts";
import { realtorResolvers } from "./modules/realtors/index.ts";
import { searchResolvers } from "./modules/search/index.ts";
import { realityLiveRoutes } from "./live-routes.ts";

/** A definition per server: its process services are made on the first request and kept with it. */
export function realitySubgraph(): SubgraphDefinition<RealityContext> {
  let shared: RealityProcess | undefined;
  return {
    name: "reality",
    role: "reality",
    srcDir: dirname(fileURLToPath(import.meta.url)),
    resolvers: [
      { Query: { realityHealth: () => true } },
      listingResolvers,
      searchResolvers,
      realtorResolvers,
      agencyResolvers,
      favoriteResolvers,
      inquiryResolvers,
      analyticsResolvers,
      importResolvers,
      accountResolvers,
    ],
    liveRoutes: realityLiveRoutes,
    // Run here only with the in-process broker; with RabbitMQ the workers run them.
    consumers: realityConsumers,
    context: (deps, headers) => buildContext(deps, (shared ??= { auth: createPortalAuthRuntime(deps), unsubscribeKey: unsubscribeKey(deps.config) }), headers),
  };
}

export const startRealitySubgraph = (config: ServerConfig, port: number, options: SubgraphServiceOptions = {}) =>
  startSubgraphService(realitySubgraph(), config, port, options);
