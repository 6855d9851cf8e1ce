// The property subgraph: PPT's property-management modules behind one Federation 2 schema.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startSubgraphService, type ServerConfig, type SubgraphDefinition } from "@ppt/server-kit";
import { buildingResolvers } from "./modules/buildings/resolvers.ts";
import { organizationResolvers } from "./modules/organizations/resolvers.ts";
import { buildContext, type PropertyContext } from "./shared/context.ts";

export const propertySubgraph: SubgraphDefinition<PropertyContext> = {
  name: "property",
  role: "property",
  srcDir: dirname(fileURLToPath(import.meta.url)),
  resolvers: [{ Query: { propertyHealth: () => true } }, organizationResolvers, buildingResolvers],
  context: (deps, headers) => buildContext(deps, headers),
};

export const startPropertySubgraph = (config: ServerConfig, port: number) => startSubgraphService(propertySubgraph, config, port);
