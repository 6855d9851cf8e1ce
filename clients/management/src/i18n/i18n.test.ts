// The i18n layer without a server: every enum value the app can show has a label in every
// language (held against the schema, so a new value fails here), the language is picked as
// documented, plurals follow each language's rules, and server refusals read in the reader's language.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describeRefusal, fromExtensions, LOCALES, pickLocale, RATE_LIMIT_REASONS, SERVER_ERROR_CODES } from "@ppt/client-shared";
import { appEnums as enumsOf } from "@ppt/client-shared/schema-enums";
import { formatterFor } from "../format.ts";
import { dictionaries, enumLabels } from "./messages.ts";

const read = (relative: string) => readFileSync(fileURLToPath(new URL(relative, import.meta.url)), "utf8");

const { schemaEnums, appEnums } = enumsOf(read("../../../../schema/supergraph.graphql"), read("../generated/graphql.ts"));

describe("enum labels", () => {
  it("finds the enums the app uses", () => {
    expect(appEnums).toEqual(expect.arrayContaining(["FaultStatus", "UnitType", "VoteStatus", "VotingRight", "VoteMatterType"]));
  });

  for (const locale of LOCALES) {
    it(`labels every value of every enum the app uses, in ${locale}`, () => {
      const labels: Record<string, Record<string, string> | undefined> = enumLabels(dictionaries[locale]);
      for (const name of appEnums) {
        const values = schemaEnums.get(name)!;
        expect(labels[name], `${name} has no labels in ${locale}`).toBeDefined();
        for (const value of values) expect(labels[name]![value]?.trim(), `${name}.${value} in ${locale}`).toBeTruthy();
      }
    });
  }

  it("says different things in Slovak and English", () => {
    expect(enumLabels(dictionaries.sk).FaultStatus.IN_PROGRESS).toBe("Rieši sa");
    expect(enumLabels(dictionaries.en).FaultStatus.IN_PROGRESS).toBe("In progress");
    expect(dictionaries.en.unitType.FLAT).toBe("Flat");
  });
});

describe("choosing the language", () => {
  it("takes a stored choice first, then the browser's languages, Czech as Slovak, others as English", () => {
    expect(pickLocale("en", ["sk-SK"])).toBe("en");
    expect(pickLocale(null, ["sk-SK", "en"])).toBe("sk");
    expect(pickLocale(null, ["en-US", "sk"])).toBe("en");
    expect(pickLocale(null, ["cs-CZ"])).toBe("sk");
    expect(pickLocale("de", ["de-AT", "hu"])).toBe("en");
    expect(pickLocale(undefined, [])).toBe("sk");
  });
});

describe("plurals and numbers", () => {
  it("follows each language's plural rules (Slovak one/few/other, English one/other)", () => {
    const sk = dictionaries.sk.buildings.count;
    const en = dictionaries.en.buildings.count;
    expect([1, 3, 5, 0].map(sk)).toEqual(["1 budova", "3 budovy", "5 budov", "0 budov"]);
    expect([1, 3, 1200].map(en)).toEqual(["1 building", "3 buildings", "1,200 buildings"]);
    expect(dictionaries.sk.faults.count(1200)).toBe("1\u00a0200 porúch");
  });

  it("formats areas, percentages and dates by the language", () => {
    expect(formatterFor("sk").area("68.40")).toBe("68,4 m²");
    expect(formatterFor("en").area("68.40")).toBe("68.4 m²");
    expect(formatterFor("sk").percent("0.666667")).toBe("66,67\u00a0%");
    expect(formatterFor("en").percent("0.666667")).toBe("66.67%");
    expect(formatterFor("en").dateTime("2026-03-05T14:30:00Z")).toMatch(/5 Mar 2026/);
    expect(formatterFor("sk").dateTime("2026-03-05T14:30:00Z")).toMatch(/5\. 3\. 2026/);
  });
});

describe("entrances", () => {
  it("names an entrance once, whether its designation is 'A' or already 'Vchod 1'", () => {
    expect(dictionaries.sk.buildings.entranceLabel("A")).toBe("Vchod A");
    expect(dictionaries.sk.buildings.entranceLabel("Vchod 1")).toBe("Vchod 1");
    expect(dictionaries.en.buildings.entranceLabel("Vchod 1")).toBe("Entrance 1");
  });
});

describe("server refusals", () => {
  it("has a message for every known code and rate-limit reason in every language", () => {
    for (const locale of LOCALES) {
      for (const code of SERVER_ERROR_CODES) expect(dictionaries[locale].errors.codes[code]).toBeTruthy();
      for (const reason of RATE_LIMIT_REASONS) expect(dictionaries[locale].errors.reasons[reason]).toBeTruthy();
    }
  });

  it("words a code in the reader's language, a screen's own wording first", () => {
    const forbidden = fromExtensions({ code: "FORBIDDEN" });
    expect(describeRefusal(dictionaries.sk, forbidden)).toBe("Na túto akciu nemáte oprávnenie.");
    expect(describeRefusal(dictionaries.en, forbidden)).toBe("You are not allowed to do this.");
    const wrongPassword = fromExtensions({ code: "UNAUTHENTICATED" });
    expect(describeRefusal(dictionaries.en, wrongPassword, dictionaries.en.session.refused)).toBe("Wrong e-mail or password.");
    expect(describeRefusal(dictionaries.en, fromExtensions({ code: "SOMETHING_NEW" }), dictionaries.en.session.refused)).toBe(
      "Signing in failed. Please try again.",
    );
    expect(describeRefusal(dictionaries.sk, fromExtensions({ code: "QUERY_TOO_COMPLEX", limit: "cost" }))).toMatch(/príliš zložitá/);
  });

  it("says why a sign-in is rate-limited and how long to wait", () => {
    const locked = fromExtensions({ code: "RATE_LIMITED", reason: "LOGIN_LOCKED", retryAfter: 42, limit: 5, remaining: 0 });
    expect(describeRefusal(dictionaries.en, locked, dictionaries.en.session.refused)).toBe(
      "The account is locked for a while after several wrong attempts. Try again in 42 seconds.",
    );
    expect(describeRefusal(dictionaries.sk, { ...locked, retryAfter: 300 }, dictionaries.sk.session.refused)).toBe(
      "Účet je po viacerých nesprávnych pokusoch dočasne zamknutý. Skúste to znova o 5 minút.",
    );
  });
});
