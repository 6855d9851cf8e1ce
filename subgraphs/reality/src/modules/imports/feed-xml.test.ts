import { describe, expect, it } from "vitest";
import { buildFeed, decodeXmlText, listingStartLines, parseFeed, refuseHostileXml, validateAgainstXsd, type FeedListing } from "./feed-xml.ts";

const listing: FeedListing = {
  externalId: "A-1",
  propertyType: "APARTMENT",
  transactionType: "SALE",
  status: "ACTIVE",
  title: 'Byt & <garáž> "Košice"',
  description: "Pekný byt",
  translations: { en: "Nice & flat" },
  addressVisibility: "STREET",
  street: "Hlavná",
  streetNumber: "1",
  city: "Košice",
  district: null,
  postalCode: null,
  country: "SK",
  latitude: 48.7,
  longitude: 21.25,
  price: "149000.00",
  currency: "EUR",
  sizeSqm: "68.40",
  landSizeSqm: null,
  rooms: 3,
  bathrooms: null,
  floor: 0,
  totalFloors: null,
  yearBuilt: null,
  energyClass: "B",
  features: ["balkon"],
  realtorEmail: null,
};

describe("feed XML", () => {
  it("writes what feed.xsd accepts and reads it back", async () => {
    const xml = buildFeed([listing]);
    expect(await validateAgainstXsd(xml)).toEqual([]);
    const [item] = parseFeed(xml).items;
    expect(item).toMatchObject({
      externalId: "A-1",
      title: listing.title,
      translations: [{ language: "en", text: "Nice & flat" }],
      floor: "0",
      features: ["balkon"],
    });
  });

  it("reports schema errors with the line of the offending element", async () => {
    const xml = buildFeed([listing, { ...listing, externalId: "A-2" }]).replace(/<rooms>3<\/rooms>(?![\s\S]*<rooms>)/, "<rooms>many</rooms>");
    const errors = await validateAgainstXsd(xml);
    expect(errors).toHaveLength(1);
    const starts = listingStartLines(xml);
    expect(starts).toHaveLength(2);
    expect(errors[0]!.line!).toBeGreaterThan(starts[1]!);
  });

  it("decodes the predefined entities and character references only", () => {
    expect(decodeXmlText("a &amp; b &lt;c&gt; &#269;&#x10D; &unknown; &#0;")).toBe("a & b <c> čč &unknown; &#0;");
  });

  it("refuses DOCTYPE and ENTITY declarations", () => {
    expect(() => refuseHostileXml('<!DOCTYPE x [<!ENTITY a "b">]><listings/>')).toThrow(/DOCTYPE/);
    expect(() => refuseHostileXml('<listings><!ENTITY a "b"></listings>')).toThrow(/ENTITY/);
    expect(() => refuseHostileXml("<listings/>")).not.toThrow();
  });
});
