import type { Resolvers } from "../../generated/graphql.ts";
import * as ownership from "./ownership.ts";
import * as buildings from "./service.ts";
import { buildingStatistics } from "./statistics.ts";
import { importUnits } from "./unit-import.ts";

export const buildingResolvers: Resolvers = {
  Query: {
    buildings: (_, { filter, first, after }, ctx) => buildings.listBuildings(ctx, filter, first, after),
    building: (_, { id }, ctx) => buildings.getBuilding(ctx, id),
    unit: (_, { id }, ctx) => buildings.getUnit(ctx, id),
  },
  Mutation: {
    createBuilding: (_, { input }, ctx) => buildings.createBuilding(ctx, input),
    updateBuilding: (_, { id, input }, ctx) => buildings.updateBuilding(ctx, id, input),
    archiveBuilding: (_, { id }, ctx) => buildings.archiveBuilding(ctx, id),
    createEntrance: (_, { input }, ctx) => buildings.createEntrance(ctx, input),
    createUnit: (_, { input }, ctx) => buildings.createUnit(ctx, input),
    updateUnit: (_, { id, input }, ctx) => buildings.updateUnit(ctx, id, input),
    archiveUnit: (_, { id }, ctx) => buildings.archiveUnit(ctx, id),
    addUnitOwnership: (_, { input }, ctx) => ownership.addUnitOwnership(ctx, input),
    endUnitOwnership: (_, { id, validTo }, ctx) => ownership.endUnitOwnership(ctx, id, validTo),
    addUnitOccupancy: (_, { input }, ctx) => ownership.addUnitOccupancy(ctx, input),
    endUnitOccupancy: (_, { id, validTo }, ctx) => ownership.endUnitOccupancy(ctx, id, validTo),
    importUnits: (_, { buildingId, rows, idempotencyKey, dryRun }, ctx) => importUnits(ctx, { buildingId, rows, idempotencyKey, dryRun }),
  },
  UnitImportRowResult: {
    unit: (row, _, ctx) => (row.unitId ? buildings.unitById(ctx, row.unitId) : null),
  },
  Building: {
    __resolveReference: ({ id }, ctx) => buildings.resolveBuildingReference(ctx, id),
    streetNumber: (building) => building.streetNumber,
    amenities: (building) => (Array.isArray(building.amenities) ? building.amenities.map(String) : []),
    entrances: (building, _, ctx) => buildings.entrancesOfBuilding(ctx, building),
    units: (building, _, ctx) => buildings.unitsOfBuilding(ctx, building),
    statistics: (building, _, ctx) => buildingStatistics(ctx, building),
  },
  Entrance: {
    __resolveReference: ({ id }, ctx) => buildings.resolveEntranceReference(ctx, id),
    building: async (entrance, _, ctx) => (await buildings.buildingById(ctx, entrance.buildingId))!,
  },
  Unit: {
    __resolveReference: ({ id }, ctx) => buildings.resolveUnitReference(ctx, id),
    building: (unit, _, ctx) => buildings.buildingOfUnit(ctx, unit),
    entrance: (unit, _, ctx) => (unit.entranceId ? buildings.entranceById(ctx, unit.entranceId) : null),
    ownerships: (unit, _, ctx) => ownership.ownershipsOfUnit(ctx, unit),
    occupancies: (unit, _, ctx) => ownership.occupanciesOfUnit(ctx, unit),
  },
  UnitOwnership: {
    unit: async (row, _, ctx) => (await buildings.unitById(ctx, row.unitId))!,
    owner: async (row, _, ctx) => (await ctx.loaders.user.load(row.userId))!,
    share: (row) => ({ numerator: row.shareNumerator, denominator: row.shareDenominator }),
    validFrom: (row) => ownership.localDateOf(row.validFrom)!,
    validTo: (row) => ownership.localDateOf(row.validTo),
  },
  UnitOccupancy: {
    unit: async (row, _, ctx) => (await buildings.unitById(ctx, row.unitId))!,
    occupant: async (row, _, ctx) => (await ctx.loaders.user.load(row.userId))!,
    validFrom: (row) => ownership.localDateOf(row.validFrom)!,
    validTo: (row) => ownership.localDateOf(row.validTo),
  },
};
