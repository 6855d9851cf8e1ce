// The portal's i18n layer without a server: every enum value it can show has a label in every
// language (held against the schema), feature keys are named in both languages and never shown
// raw, plurals and money follow the language, and server refusals read in the reader's language.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describeRefusal, fromExtensions, LOCALES } from "@ppt/client-shared";
import { appEnums as enumsOf } from "@ppt/client-shared/schema-enums";
import { formatterFor } from "../format.ts";
import { dictionaries, enumLabels } from "./messages.ts";

const read = (relative: string) => readFileSync(fileURLToPath(new URL(relative, import.meta.url)), "utf8");

const { schemaEnums, appEnums } = enumsOf(read("../../../../schema/supergraph.graphql"), read("../generated/graphql.ts"));

describe("enum labels", () => {
  it("finds the enums the portal uses", () => {
    expect(appEnums).toEqual(expect.arrayContaining(["PropertyType", "TransactionType", "InquiryStatus"]));
  });

  for (const locale of LOCALES) {
    it(`labels every value of every enum the portal uses, in ${locale}`, () => {
      const labels: Record<string, Record<string, string> | undefined> = enumLabels(dictionaries[locale]);
      for (const name of appEnums) {
        expect(labels[name], `${name} has no labels in ${locale}`).toBeDefined();
        for (const value of schemaEnums.get(name)!) expect(labels[name]![value]?.trim(), `${name}.${value} in ${locale}`).toBeTruthy();
      }
    });
  }

  it("names property and transaction types in each language", () => {
    expect(dictionaries.sk.propertyType.HOUSE).toBe("Dom");
    expect(dictionaries.en.propertyType.HOUSE).toBe("House");
    expect(dictionaries.en.transactionType.RENT).toBe("To rent");
  });
});

describe("feature labels", () => {
  it("names every feature the portal knows in both languages, and never shows a bare key", () => {
    expect(dictionaries.sk.featureLabel("lodzia")).toBe("Lodžia");
    expect(dictionaries.en.featureLabel("lodzia")).toBe("Loggia");
    expect(dictionaries.sk.featureLabel("klimatizacia")).toBe("Klimatizácia");
    expect(dictionaries.en.featureLabel("garaz")).toBe("Garage");
    for (const locale of LOCALES) {
      for (const [key, label] of Object.entries(dictionaries[locale].features)) expect(label, `${key} in ${locale}`).not.toBe(key);
    }
    // A key a feed invented: readable words, not the key.
    expect(dictionaries.sk.featureLabel("bazen_vonkajsi")).toBe("Bazen vonkajsi");
  });
});

describe("counts and money", () => {
  it("counts listings by each language's plural rules", () => {
    expect([1, 3, 12].map(dictionaries.sk.resultCount)).toEqual(["1 inzerát", "3 inzeráty", "12 inzerátov"]);
    expect([1, 3, 1200].map(dictionaries.en.resultCount)).toEqual(["1 listing", "3 listings", "1,200 listings"]);
  });

  it("formats prices and dates by the language", () => {
    expect(formatterFor("sk").price({ amount: "650.50", currency: "EUR" }, "RENT", dictionaries.sk.listing.perMonth)).toBe("650,50\u00a0€ / mesiac");
    expect(formatterFor("en").price({ amount: "650.50", currency: "EUR" }, "RENT", dictionaries.en.listing.perMonth)).toBe("€650.50 / month");
    expect(formatterFor("en").date("2026-03-05T10:00:00Z")).toBe("5 Mar 2026");
  });
});

describe("server refusals", () => {
  it("words an inquiry's refusal in the reader's language", () => {
    const gone = fromExtensions({ code: "NOT_FOUND" });
    expect(describeRefusal(dictionaries.sk, gone, dictionaries.sk.inquiries.refused)).toBe("Inzerát už nie je zverejnený.");
    expect(describeRefusal(dictionaries.en, gone, dictionaries.en.inquiries.refused)).toBe("The listing is no longer published.");
    expect(describeRefusal(dictionaries.en, fromExtensions({ code: "SERVICE_UNAVAILABLE" }), dictionaries.en.inquiries.refused)).toBe(
      "The service is temporarily unavailable. Try again in a moment.",
    );
  });

  it("says an account is locked and for how long, not only 'too many attempts'", () => {
    const locked = fromExtensions({ code: "RATE_LIMITED", reason: "LOGIN_LOCKED", retryAfter: 60 });
    expect(describeRefusal(dictionaries.en, locked, dictionaries.en.account.refused)).toBe(
      "The account is locked for a while after several wrong attempts. Try again in 60 seconds.",
    );
    const tooMany = fromExtensions({ code: "RATE_LIMITED", reason: "TOO_MANY_REQUESTS", retryAfter: 1800 });
    expect(describeRefusal(dictionaries.sk, tooMany, dictionaries.sk.inquiries.refused)).toBe(
      "Poslali ste priveľa dopytov za poslednú hodinu. Skúste to, prosím, neskôr. Skúste to znova o 30 minút.",
    );
  });
});
