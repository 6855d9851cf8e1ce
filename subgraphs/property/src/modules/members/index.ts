// The members module's public surface: people of the organization as `User` entities.
export { createMemberLoaders } from "./loaders.ts";
export { memberResolvers } from "./resolvers.ts";
export { isActiveMember, memberById, type MemberView } from "./service.ts";
