// Agencies and their members.
export { agencyResolvers } from "./resolvers.ts";
export { createAgencyLoaders } from "./loaders.ts";
export { activeMembers } from "./service.ts";
