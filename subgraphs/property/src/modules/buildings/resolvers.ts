import type { Resolvers } from "../../generated/graphql.ts";
import * as buildings from "./service.ts";

export const buildingResolvers: Resolvers = {
  Query: {
    buildings: (_, { filter, first, after }, ctx) => buildings.listBuildings(ctx, filter, first, after),
    building: (_, { id }, ctx) => buildings.getBuilding(ctx, id),
    unit: (_, { id }, ctx) => buildings.getUnit(ctx, id),
  },
  Building: {
    __resolveReference: ({ id }, ctx) => buildings.resolveBuildingReference(ctx, id),
    streetNumber: (building) => building.streetNumber,
    amenities: (building) => (Array.isArray(building.amenities) ? building.amenities.map(String) : []),
    entrances: (building, _, ctx) => buildings.entrancesOfBuilding(ctx, building),
    units: (building, _, ctx) => buildings.unitsOfBuilding(ctx, building),
  },
  Entrance: {
    __resolveReference: async ({ id }, ctx) => (ctx.caller?.permissions.has("buildings:read") ? ctx.loaders.entrance.load(id) : null),
    building: async (entrance, _, ctx) => buildings.getBuilding(ctx, entrance.buildingId),
  },
  Unit: {
    __resolveReference: ({ id }, ctx) => buildings.resolveUnitReference(ctx, id),
    building: (unit, _, ctx) => buildings.buildingOfUnit(ctx, unit),
    entrance: (unit, _, ctx) => (unit.entranceId ? ctx.loaders.entrance.load(unit.entranceId) : null),
  },
};
