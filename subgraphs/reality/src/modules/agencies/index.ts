// Agencies: registration and verification, their members and roles, invitations of realtors.
export { agencyResolvers } from "./resolvers.ts";
export { createAgencyLoaders } from "./loaders.ts";
export { activeMembers, currentMemberships } from "./service.ts";
export { agencyMailConsumers, agencyMailPaths, AGENCY_MAIL_CONSUMER } from "./agency-mail.ts";
