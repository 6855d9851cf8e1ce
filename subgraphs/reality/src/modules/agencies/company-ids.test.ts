import { describe, expect, it } from "vitest";
import { icoSchema, isValidIco, isValidSkVatId, skVatIdSchema } from "./company-ids.ts";

describe("Slovak company identifiers", () => {
  it("IČO: eight digits with the mod-11 check digit", () => {
    expect(isValidIco("35757442")).toBe(true); // 3·8+5·7+7·6+5·5+7·4+4·3+4·2 = 174, 174 mod 11 = 9 → 2
    expect(isValidIco("35757443")).toBe(false);
    expect(isValidIco("00151742")).toBe(true); // a six-digit number written with two leading zeros
    expect(isValidIco("3575744")).toBe(false);
    expect(isValidIco("3575744a")).toBe(false);
    expect(icoSchema.parse("357 574 42")).toBe("35757442");
  });

  it("IČO remainders 0 and 1 give check digits 1 and 0", () => {
    // Digits 6 and 7 carry weights 3 and 2: "31" sums to 11, "40" to 12.
    expect(isValidIco("00000311")).toBe(true); // remainder 0 → 1
    expect(isValidIco("00000310")).toBe(false);
    expect(isValidIco("00000400")).toBe(true); // 4·3 = 12, remainder 1 → 0
    expect(isValidIco("00000401")).toBe(false);
  });

  it("IČ DPH: SK and ten digits divisible by 11", () => {
    expect(isValidSkVatId("SK2020317068")).toBe(true);
    expect(isValidSkVatId("SK2020317069")).toBe(false);
    expect(isValidSkVatId("CZ2020317068")).toBe(false);
    expect(isValidSkVatId("SK202031706")).toBe(false);
    expect(skVatIdSchema.parse("sk 2020317068")).toBe("SK2020317068");
  });
});
