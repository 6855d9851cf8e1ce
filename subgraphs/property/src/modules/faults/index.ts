// The faults module's public surface.
export { createFaultLoaders } from "./loaders.ts";
export { faultResolvers } from "./resolvers.ts";
export { getFault } from "./service.ts";
