// The faults module's public surface.
export { createFaultLoaders } from "./loaders.ts";
export { faultResolvers } from "./resolvers.ts";
export { getFault } from "./service.ts";
export { buildingFaultsChannel, faultLiveRoutes } from "./live-routes.ts";
export { faultNotice, type FaultNotice } from "./notice.ts";
