// Every module's DataLoaders (each module's factory, from its index.ts), created fresh for each request.
import { createAgencyLoaders } from "./modules/agencies/index.ts";
import { createFavoriteLoaders } from "./modules/favorites/index.ts";
import { createInquiryLoaders } from "./modules/inquiries/index.ts";
import { createListingLoaders } from "./modules/listings/index.ts";
import { createRealtorLoaders } from "./modules/realtors/index.ts";
import type { RealityContext } from "./context.ts";

export type Loaders = ReturnType<typeof createListingLoaders> &
  ReturnType<typeof createRealtorLoaders> &
  ReturnType<typeof createAgencyLoaders> &
  ReturnType<typeof createInquiryLoaders> &
  ReturnType<typeof createFavoriteLoaders>;

export function createLoaders(ctx: RealityContext): Loaders {
  // Object.assign, not object spread: far cheaper per context (see the property subgraph's loaders).
  // Object.assign of more than four sources is typed any: the result is the Loaders intersection.
  return Object.assign(
    createListingLoaders(ctx),
    createRealtorLoaders(ctx),
    createAgencyLoaders(ctx),
    createInquiryLoaders(ctx),
    createFavoriteLoaders(ctx),
  ) as Loaders;
}
