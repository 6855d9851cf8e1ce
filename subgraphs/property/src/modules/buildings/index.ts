// The buildings module's public surface: buildings, entrances, units, who owns and lives in them.
export { createBuildingLoaders } from "./loaders.ts";
export { ownershipsOfUnit, localDateOf } from "./ownership.ts";
export { loadOwnedUnits, type OwnedUnitRow } from "./owned-units.ts";
export { requirePlace, type Place } from "./places.ts";
export { isBuildingStaff, loadResidency, residencyOf, visibleBuildingIds, type Residency } from "./residency.ts";
export { activeUnitsOf, buildingIdsOf, unitWeightsOfBuilding, type BuildingUnitWeights, type OrganizationUnit } from "./organization-units.ts";
export { buildingResolvers } from "./resolvers.ts";
export { buildingById, canSeeBuilding, canSeeUnit, entranceById, resolveBuildingReference, unitById, type BuildingView, type UnitView } from "./service.ts";
export * from "./ratio.ts";
export { residentIdsOf, unitAudienceOf, unitResidentIdsOf, type UnitAudience } from "./audience.ts";
