// Every module's DataLoaders, created fresh for each request.
import { createAgencyLoaders } from "../modules/agencies/loaders.ts";
import { createInquiryLoaders } from "../modules/inquiries/loaders.ts";
import { createListingLoaders } from "../modules/listings/loaders.ts";
import { createRealtorLoaders } from "../modules/realtors/loaders.ts";
import { createOwnerPageLoaders } from "../modules/search/owner-pages.ts";
import type { RealityContext } from "./context.ts";

export function createLoaders(ctx: RealityContext) {
  return {
    ...createListingLoaders(ctx),
    ...createRealtorLoaders(ctx),
    ...createAgencyLoaders(ctx),
    ...createInquiryLoaders(ctx),
    ownerPages: createOwnerPageLoaders(ctx),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
