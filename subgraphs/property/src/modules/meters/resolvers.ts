import type { Resolvers } from "../../generated/graphql.ts";
import { buildingById, localDateOf, unitById } from "../buildings/index.ts";
import { memberById } from "../members/index.ts";
import { consumptionCsv, consumptionForSettlement } from "./consumption.ts";
import * as personMonths from "./person-months.ts";
import * as readings from "./readings.ts";
import * as meters from "./service.ts";

export const meterResolvers: Resolvers = {
  Query: {
    meters: (_, { filter }, ctx) => meters.listMeters(ctx, filter),
    meter: (_, { id }, ctx) => meters.getMeter(ctx, id),
    meterKindRules: (_, __, ctx) => meters.meterKindRules(ctx),
    meterReadingPeriods: (_, { buildingId, kind }, ctx) => readings.listReadingPeriods(ctx, buildingId, kind),
    meterReadingsToReview: (_, { buildingId }, ctx) => readings.readingsToReview(ctx, buildingId),
    periodConsumption: async (_, { periodId }, ctx) => {
      const result = await consumptionForSettlement(ctx, periodId);
      const period = (await ctx.loaders.meterReadingPeriod.load(periodId))!;
      const units = await Promise.all(
        result.units.map(async (u) => ({ ...u, kind: result.kind, designation: (await unitById(ctx, u.unitId))?.designation ?? null })),
      );
      return { period, total: result.total.toFixed(3), units, csv: consumptionCsv(units) };
    },
    personMonths: (_, { unitId, year }, ctx) => personMonths.personMonthsOfUnit(ctx, unitId, year),
  },
  Mutation: {
    createMeter: (_, { input }, ctx) => meters.createMeter(ctx, input),
    updateMeter: (_, { id, input }, ctx) => meters.updateMeter(ctx, id, input),
    replaceMeter: (_, { id, input }, ctx) => meters.replaceMeter(ctx, id, input),
    openMeterReadingPeriod: (_, { input }, ctx) => readings.openReadingPeriod(ctx, input),
    closeMeterReadingPeriod: (_, { id }, ctx) => readings.closeReadingPeriod(ctx, id),
    submitMeterReading: (_, { input, idempotencyKey }, ctx) => readings.submitReading(ctx, input, idempotencyKey),
    importMeterReadings: (_, { periodId, csv }, ctx) => readings.importReadings(ctx, periodId, csv),
    reviewMeterReading: (_, { id, decision, correctedValue, note }, ctx) => readings.reviewReading(ctx, id, decision, correctedValue, note),
    declarePersonMonths: (_, args, ctx) => personMonths.declarePersonMonths(ctx, args),
    confirmPersonMonths: (_, { id }, ctx) => personMonths.confirmPersonMonths(ctx, id),
  },
  Unit: {
    meters: (unit, _, ctx) => meters.metersOfUnit(ctx, unit.id),
  },
  Meter: {
    __resolveReference: async ({ id }, ctx) => meters.getMeter(ctx, id).catch(() => null),
    installedOn: (m) => localDateOf(m.installedAt),
    verifiedOn: (m) => localDateOf(m.verifiedOn),
    verificationDueOn: (m) => localDateOf(m.verificationDueOn),
    removedOn: (m) => localDateOf(m.removedAt),
    rolloverValue: (m) => m.rolloverValue?.toString() ?? null,
    building: async (m, _, ctx) => (await buildingById(ctx, m.buildingId))!,
    unit: (m, _, ctx) => (m.unitId ? unitById(ctx, m.unitId) : null),
    replacedBy: (m, _, ctx) => (m.replacedById ? ctx.loaders.meter.load(m.replacedById) : null),
    lastReading: async (m, _, ctx) => (await ctx.loaders.lastReadingByMeter.load(m.id))[0] ?? null,
    readings: async (m, { first }, ctx) => (await ctx.loaders.readingsByMeter.load(m.id)).slice(0, Math.min(Math.max(first ?? 20, 0), 100)),
  },
  MeterReading: {
    meter: async (r, _, ctx) => (await ctx.loaders.meter.load(r.meterId))!,
    value: (r) => r.value.toString(),
    consumption: async (r, _, ctx) => (await ctx.loaders.readingConsumption.load(r.id))?.consumption ?? null,
    period: (r, _, ctx) => (r.periodId ? ctx.loaders.meterReadingPeriod.load(r.periodId) : null),
    submittedBy: (r, _, ctx) => (r.submittedById ? memberById(ctx, r.submittedById) : null),
    verifiedBy: (r, _, ctx) => (r.verifiedById ? memberById(ctx, r.verifiedById) : null),
    photoUrl: (r, _, ctx) => readings.readingPhotoUrl(ctx, r),
    suggestedValue: (r) => r.ocrValue?.toString() ?? null,
    suggestionConfidence: (r) => r.ocrConfidence,
    suggestionDiffers: (r) => r.ocrValue !== null && !r.ocrValue.equals(r.value),
  },
  MeterReadingPeriod: {
    building: async (p, _, ctx) => (await buildingById(ctx, p.buildingId))!,
    periodStart: (p) => localDateOf(p.periodStart)!,
    periodEnd: (p) => localDateOf(p.periodEnd)!,
    opensOn: (p) => localDateOf(p.opensOn)!,
    closesOn: (p) => localDateOf(p.closesOn)!,
    isOpen: (p) => readings.isPeriodOpen(p),
  },
  UnitConsumption: {
    unit: async (u, _, ctx) => (await unitById(ctx, u.unitId))!,
    consumption: (u) => u.consumption.toFixed(3),
  },
  PersonMonth: {
    unit: async (p, _, ctx) => (await unitById(ctx, p.unitId))!,
    confirmed: (p) => p.confirmedAt !== null,
  },
};
