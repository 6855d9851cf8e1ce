// Feature keys are shown by their Slovak names, never raw.
import { describe, expect, it } from "vitest";
import { sk } from "./strings.ts";

describe("feature labels", () => {
  it("names every feature the portal offers and never shows a bare key", () => {
    expect(sk.featureLabel("lodzia")).toBe("Lodžia");
    expect(sk.featureLabel("klimatizacia")).toBe("Klimatizácia");
    expect(sk.featureLabel("garaz")).toBe("Garáž");
    // A key a feed invented: readable words, not the key.
    expect(sk.featureLabel("bazen_vonkajsi")).toBe("Bazen vonkajsi");
  });
});
