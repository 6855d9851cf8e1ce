// Access cases of the meters module. Ids of A are top-level variables, so the matrix can swap
// them for missing ones.
import type { AccessCase } from "./cases.ts";

const byId = (field: string, permission: AccessCase["permission"], document: string, variables: AccessCase["variables"]): AccessCase => ({
  field,
  document,
  variables,
  permission,
  kind: "byId",
});
const list = (field: string, permission: AccessCase["permission"], document: string, variables: AccessCase["variables"] = () => ({})): AccessCase => ({
  field,
  document,
  variables,
  permission,
  kind: "list",
});

export const metersCases: AccessCase[] = [
  list("Query.meters", "meters:read", `{ meters(filter: { includeRemoved: true }) { id serialNumber lastReading { id value } } }`),
  byId(
    "Query.meter",
    "meters:read",
    `query ($id: ID!) { meter(id: $id) { id readings { id value photoUrl suggestedValue suggestionConfidence suggestionDiffers } } }`,
    (w) => ({ id: w.meterA }),
  ),
  list("Query.meterKindRules", "meters:read", `{ meterKindRules { kind verificationIntervalMonths } }`),
  list("Query.meterReadingPeriods", "meters:read", `query ($b: ID!) { meterReadingPeriods(buildingId: $b) { id } }`, (w) => ({ b: w.buildingA })),
  list("Query.meterReadingsToReview", "meters:manage", `{ meterReadingsToReview { id value anomalyReason } }`),
  byId("Query.periodConsumption", "meters:manage", `query ($p: ID!) { periodConsumption(periodId: $p) { total csv units { unit { id } } } }`, (w) => ({
    p: w.meterPeriodA,
  })),
  list("Query.personMonths", "meters:read", `query ($u: ID!) { personMonths(unitId: $u, year: 2025) { id personCount } }`, (w) => ({ u: w.unitA })),
  byId(
    "Mutation.createMeter",
    "meters:manage",
    `mutation ($b: ID!, $u: ID) { createMeter(input: { buildingId: $b, unitId: $u, kind: WATER_HOT, serialNumber: "TV-X" }) { id } }`,
    (w) => ({ b: w.buildingA, u: w.unitA }),
  ),
  byId("Mutation.updateMeter", "meters:manage", `mutation ($id: ID!) { updateMeter(id: $id, input: { location: "X" }) { id } }`, (w) => ({ id: w.meterA })),
  byId(
    "Mutation.replaceMeter",
    "meters:manage",
    `mutation ($id: ID!) { replaceMeter(id: $id, input: { finalReading: "13", replacedOn: "2025-02-01", serialNumber: "SV-A-2", initialReading: "0" }) { id } }`,
    (w) => ({ id: w.meterA }),
  ),
  byId(
    "Mutation.openMeterReadingPeriod",
    "meters:manage",
    `mutation ($b: ID!) { openMeterReadingPeriod(input: { buildingId: $b, kind: GAS, periodStart: "2025-01-01", periodEnd: "2025-12-31", opensOn: "2026-01-01", closesOn: "2026-01-15" }) { id } }`,
    (w) => ({ b: w.buildingA }),
  ),
  byId("Mutation.closeMeterReadingPeriod", "meters:manage", `mutation ($id: ID!) { closeMeterReadingPeriod(id: $id) { id } }`, (w) => ({ id: w.meterPeriodA })),
  byId("Mutation.submitMeterReading", "meters:write", `mutation ($m: ID!) { submitMeterReading(input: { meterId: $m, value: "20" }) { id } }`, (w) => ({
    m: w.meterA,
  })),
  byId(
    "Mutation.importMeterReadings",
    "meters:manage",
    `mutation ($p: ID!) { importMeterReadings(periodId: $p, csv: "serial_number,value\\nSV-A-1,30") { created } }`,
    (w) => ({
      p: w.meterPeriodA,
    }),
  ),
  byId("Mutation.reviewMeterReading", "meters:manage", `mutation ($id: ID!) { reviewMeterReading(id: $id, decision: VERIFY) { id } }`, (w) => ({
    id: w.meterReadingA,
  })),
  byId(
    "Mutation.declarePersonMonths",
    "meters:write",
    `mutation ($u: ID!) { declarePersonMonths(unitId: $u, year: 2025, month: 2, personCount: 3) { id } }`,
    (w) => ({
      u: w.unitA,
    }),
  ),
  byId("Mutation.confirmPersonMonths", "meters:manage", `mutation ($id: ID!) { confirmPersonMonths(id: $id) { id } }`, (w) => ({ id: w.personMonthA })),
];
