// A search page reads only the columns its Listing fields need (page-columns.ts): each field whose
// reads are listed answers exactly as it does from whole rows (a field not listed, here
// `description`, makes the page read whole rows).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgency, createRealtor } from "@ppt/testing/fixtures";
import { insertListing } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";
import { FIELDS_WITH_KNOWN_READS, listingFieldsRead } from "./page-columns.ts";

let stack: Stack;
const CITY = "Lúčnica";

/** How each object-typed field is asked for; scalars are asked for by name. */
const SUBSELECTIONS: Record<string, string> = {
  price: "{ amount currency }",
  priceHistory: "{ oldPrice newPrice currency changedAt }",
  photos: "{ id position contentType caption confirmed }",
  realtor: "{ id displayName }",
  agency: "{ id name }",
  unit: "{ id }",
};

const page = (fields: string) => /* GraphQL */ `
  query ($city: String!) {
    searchListings(filter: { city: $city }, sort: PRICE_ASC, first: 50) {
      edges {
        node {
          ${fields}
        }
      }
    }
  }
`;

async function nodes(fields: string): Promise<Record<string, unknown>[]> {
  const result = await stack.query(page(fields), { city: CITY });
  expect(result.errors).toBeUndefined();
  return result.data.searchListings.edges.map((edge: { node: Record<string, unknown> }) => edge.node);
}

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const realtorId = (await createRealtor(db)).id;
  const agencyId = (await createAgency(db)).id;
  const common = { city: CITY, district: "Stred", postalCode: "04001", latitude: 48.72, longitude: 21.26, street: "Hlavná", streetNumber: "12" };
  const full = await insertListing(db, {
    ...common,
    realtorId,
    agencyId,
    unitId: randomUUID(),
    price: "123456.78",
    sizeSqm: "72.5",
    landSizeSqm: "410.25",
    rooms: 3,
    bathrooms: 2,
    floor: 4,
    totalFloors: 8,
    yearBuilt: 1987,
    features: ["balcony", "parking"],
    isFeatured: true,
    addressVisibility: "FULL",
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  await insertListing(db, {
    ...common,
    realtorId,
    price: "1200",
    currency: "CZK",
    transactionType: "RENT",
    propertyType: "HOUSE",
    addressVisibility: "STREET",
  });
  await insertListing(db, { ...common, realtorId, agencyId, price: "99000", energyClass: null, addressVisibility: "DISTRICT" });
  await db.listingPriceHistory.create({ data: { listingId: full.id, oldPrice: "130000", newPrice: "123456.78", currency: "EUR" } });
  for (const [position, confirmed] of [
    [0, true],
    [1, false],
  ] as const) {
    await db.listingPhoto.create({
      data: { listingId: full.id, objectKey: `listings/${full.id}/${position}.jpg`, contentType: "image/jpeg", position, width: 800, height: 600, confirmed },
    });
  }
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe("the columns a search page reads", () => {
  it("reads a field's listed columns only, and whole rows for a field not listed", () => {
    expect([...listingFieldsRead(["id", "title", "price", "realtor", "unit"])!].sort()).toEqual(["currency", "id", "price", "realtorId", "title", "unitId"]);
    expect(listingFieldsRead(["title", "description"])).toBeNull();
    expect(listingFieldsRead(["counters"])).toBeNull();
  });

  it("answers every listed field as from whole rows", async () => {
    const asked = FIELDS_WITH_KNOWN_READS.map((field) => `${field} ${SUBSELECTIONS[field] ?? ""}`);
    // `description` is not listed: that page reads whole rows.
    const whole = await nodes(`${asked.join("\n")} description`);
    expect(whole).toHaveLength(3);
    for (const [i, field] of FIELDS_WITH_KNOWN_READS.entries()) {
      const alone = await nodes(asked[i]!);
      expect(alone, field).toEqual(whole.map((node) => ({ [field]: node[field] })));
    }
    // All of them at once, too.
    expect(await nodes(asked.join("\n"))).toEqual(whole.map(({ description: _, ...node }) => node));
  });
});
