// The reality subgraph: the Reality Portal's modules behind one Federation 2 schema.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startSubgraphService, type ServerConfig, type SubgraphDefinition } from "@ppt/server-kit";
import { accountResolvers } from "./modules/accounts/resolvers.ts";
import { agencyResolvers } from "./modules/agencies/resolvers.ts";
import { analyticsResolvers } from "./modules/analytics/resolvers.ts";
import { favoriteResolvers } from "./modules/favorites/resolvers.ts";
import { importResolvers } from "./modules/imports/resolvers.ts";
import { inquiryResolvers } from "./modules/inquiries/resolvers.ts";
import { listingResolvers } from "./modules/listings/resolvers.ts";
import { realtorResolvers } from "./modules/realtors/resolvers.ts";
import { searchResolvers } from "./modules/search/resolvers.ts";
import { realityLiveRoutes } from "./live-routes.ts";
import { buildContext, type RealityContext } from "./shared/context.ts";

export const realitySubgraph: SubgraphDefinition<RealityContext> = {
  name: "reality",
  role: "reality",
  srcDir: dirname(fileURLToPath(import.meta.url)),
  resolvers: [{ Query: { realityHealth: () => true } }, listingResolvers, searchResolvers, realtorResolvers, agencyResolvers, favoriteResolvers, inquiryResolvers, analyticsResolvers, importResolvers, accountResolvers],
  liveRoutes: realityLiveRoutes,
  context: (deps, headers) => buildContext(deps, headers),
};

export const startRealitySubgraph = (config: ServerConfig, port: number) => startSubgraphService(realitySubgraph, config, port);
