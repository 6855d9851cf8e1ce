import { describe, expect, it } from "vitest";
import { parseListingFilter, queryTerms } from "./filter.ts";

describe("query words", () => {
  it("keeps letters, digits and inner hyphens only, so nothing typed is a tsquery operator", () => {
    // Folded and normalized as the index is (search-vocabulary.ts): "3 izbový" reads as 3-izbovy.
    expect(queryTerms("Košice  3-izbový!")).toEqual(["kosice", "3-izbovy"]);
    expect(queryTerms("Košice 3 izbový")).toEqual(["kosice", "3-izbovy"]);
    expect(queryTerms("a & b | !c <-> (d):* 'e'")).toEqual(["a", "b", "c", "d", "e"]);
    expect(queryTerms("--x-- ---")).toEqual(["x"]);
  });

  it("caps the number and length of words", () => {
    expect(queryTerms(Array.from({ length: 20 }, (_, i) => `w${i}`).join(" "))).toHaveLength(10);
    expect(queryTerms("x".repeat(100))[0]).toHaveLength(64);
  });
});

describe("listing filter", () => {
  it("merges property types and drops nulls", () => {
    expect(parseListingFilter({ propertyType: "HOUSE", propertyTypes: ["HOUSE", "LAND"], city: null })).toEqual({
      terms: [],
      propertyTypes: ["HOUSE", "LAND"],
    });
  });

  it("refuses bad values with the field named", () => {
    expect(() => parseListingFilter({ minPrice: "1e5" })).toThrow(/filter.minPrice/);
    expect(() => parseListingFilter({ radius: { latitude: 48, longitude: 21, radiusKm: 0 } })).toThrow(/filter.radius.radiusKm/);
    expect(() => parseListingFilter({ features: ["Balkón"] })).toThrow(/filter.features/);
  });
});
