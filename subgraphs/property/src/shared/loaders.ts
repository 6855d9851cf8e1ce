// Every module's DataLoaders, created fresh for each request.
import { createAnnouncementLoaders } from "../modules/announcements/loaders.ts";
import { createBuildingLoaders } from "../modules/buildings/loaders.ts";
import { createDocumentLoaders } from "../modules/documents/loaders.ts";
import { createFaultLoaders } from "../modules/faults/loaders.ts";
import { createMemberLoaders } from "../modules/members/loaders.ts";
import { createMessageLoaders } from "../modules/messages/loaders.ts";
import { createOrganizationLoaders } from "../modules/organizations/loaders.ts";
import { createVotingLoaders } from "../modules/voting/loaders.ts";
import type { PropertyContext } from "./context.ts";

export function createLoaders(ctx: PropertyContext) {
  return {
    ...createBuildingLoaders(ctx),
    ...createOrganizationLoaders(ctx),
    ...createMemberLoaders(ctx),
    ...createFaultLoaders(ctx),
    ...createDocumentLoaders(ctx),
    ...createAnnouncementLoaders(ctx),
    ...createMessageLoaders(ctx),
    ...createVotingLoaders(ctx),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
