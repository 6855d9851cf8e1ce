// Every module's DataLoaders, created fresh for each request.
import { createAgencyLoaders } from "../modules/agencies/loaders.ts";
import { createListingLoaders } from "../modules/listings/loaders.ts";
import { createRealtorLoaders } from "../modules/realtors/loaders.ts";
import type { RealityContext } from "./context.ts";

export function createLoaders(ctx: RealityContext) {
  return {
    ...createListingLoaders(ctx),
    ...createRealtorLoaders(ctx),
    ...createAgencyLoaders(ctx),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
