// The anomaly rules case by case: a 10× spike is flagged with its reason, normal readings and
// ordinary noise are not, the building's distribution catches a unit with no history, and heat
// is compared within its season.
import { describe, expect, it } from "vitest";
import { median, medianAbsoluteDeviation, outlierOf, scoreConsumption } from "./anomalies.ts";

const monthly = (values: number[]) => values.map((consumption, i) => ({ consumption, month: (i % 12) + 1 }));

describe("robust statistics", () => {
  it("median and MAD ignore one wild value", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(medianAbsoluteDeviation([1, 2, 3, 4, 1000])).toBe(1);
  });

  it("needs enough comparison values", () => {
    expect(outlierOf(100, [1, 1], 3)).toBeNull();
  });
});

describe("scoring a consumption", () => {
  const history = monthly([3.1, 2.9, 3.4, 3.0, 2.8, 3.2]);

  it("flags a 10× spike against the unit's history, with its reason", () => {
    const anomaly = scoreConsumption(31, { history, month: 7, seasonal: false, building: [] });
    expect(anomaly?.code).toBe("UNIT_HISTORY");
    expect(anomaly?.reason).toMatch(/^High consumption: 31 is 10\.2× the unit's median 3\.05, robust z \d+/);
  });

  it("does not flag a normal reading or ordinary variation", () => {
    expect(scoreConsumption(3.3, { history, month: 7, seasonal: false, building: [2, 3, 4, 3, 5, 3] })).toBeNull();
    expect(scoreConsumption(4.2, { history, month: 7, seasonal: false, building: [] })).toBeNull();
  });

  it("flags a consumption that collapsed (a stuck or bypassed meter)", () => {
    expect(scoreConsumption(0.1, { history, month: 7, seasonal: false, building: [] })?.reason).toMatch(/^Low consumption/);
  });

  it("uses the building's distribution for a unit without history", () => {
    const building = [3, 4, 2.5, 3.5, 5, 4.2, 3.1];
    expect(scoreConsumption(40, { history: [], month: 7, seasonal: false, building })?.code).toBe("BUILDING_DISTRIBUTION");
    expect(scoreConsumption(4, { history: [], month: 7, seasonal: false, building })).toBeNull();
  });

  it("floors the spread of an even history: a 20 % change is normal, 10× is not", () => {
    const flat = monthly([5, 5, 5, 5]);
    expect(scoreConsumption(50, { history: flat, month: 5, seasonal: false, building: [] })?.reason).toContain("10.0× the unit's median 5");
    expect(scoreConsumption(6, { history: flat, month: 5, seasonal: false, building: [] })).toBeNull();
  });

  it("compares heat within its season: a winter month is not an anomaly against summers", () => {
    // Three years of monthly heat: winters ~10, summers ~0.5.
    const years = [0, 1, 2].flatMap(() => [10, 9, 7, 4, 1, 0.5, 0.4, 0.5, 1.5, 4, 7, 9.5]);
    const heat = years.map((consumption, i) => ({ consumption, month: (i % 12) + 1 }));
    expect(scoreConsumption(10.5, { history: heat, month: 1, seasonal: true, building: [] })).toBeNull();
    expect(scoreConsumption(10.5, { history: heat, month: 7, seasonal: true, building: [] })?.code).toBe("UNIT_HISTORY");
  });
});
