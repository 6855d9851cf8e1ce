// Every module's DataLoaders, created fresh for each request.
import { createBuildingLoaders } from "../modules/buildings/loaders.ts";
import { createOrganizationLoaders } from "../modules/organizations/loaders.ts";
import type { PropertyContext } from "./context.ts";

export function createLoaders(ctx: PropertyContext) {
  return {
    ...createBuildingLoaders(ctx),
    ...createOrganizationLoaders(ctx),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
