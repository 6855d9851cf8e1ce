// Currencies are ISO 4217 codes everywhere a listing's price is written: the GraphQL `Currency`
// scalar refuses anything else before a resolver runs (BAD_USER_INPUT), and a feed item with an
// unknown currency is refused on its own with its reason while the rest of the feed imports.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgency, createRealtorAccount, joinAgency } from "@ppt/testing/fixtures";
import { insertListing, portalToken } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let agencyId: string;
let realtor: { realtorId: string; token: string };

const FLAT = {
  propertyType: "APARTMENT",
  transactionType: "SALE",
  title: "2-izbový byt, Košice",
  street: "Hlavná",
  city: "Košice",
  price: "120000.00",
};

const CREATE = `mutation ($input: CreateListingInput!) { createListing(input: $input) { id price { amount currency } } }`;

beforeAll(async () => {
  stack = await startStack();
  agencyId = (await createAgency(stack.owner.prisma, "Mena s.r.o.")).id;
  const account = await createRealtorAccount(stack.owner.prisma, "Mária Menová");
  await joinAgency(stack.owner.prisma, agencyId, account.realtorId, "ADMIN");
  realtor = { realtorId: account.realtorId, token: await portalToken(stack, account.userId) };
});

afterAll(() => stack?.stop());

const listingCount = () => stack.owner.prisma.listing.count({ where: { realtorId: realtor.realtorId } });

describe("the Currency scalar", () => {
  it("accepts an ISO 4217 code and answers it in Money", async () => {
    const result = await stack.query(CREATE, { input: { ...FLAT, currency: "CZK" } }, realtor.token);
    expect(result.errors).toBeUndefined();
    expect(result.data.createListing.price).toEqual({ amount: "120000", currency: "CZK" });
  });

  it.each(["XYZ", "EURO", "eur", ""])("refuses %j in a variable with BAD_USER_INPUT and creates nothing", async (currency) => {
    const before = await listingCount();
    const result = await stack.query(CREATE, { input: { ...FLAT, currency } }, realtor.token);
    expect(result.data?.createListing ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toMatch(/currency/i);
    expect(await listingCount()).toBe(before);
  });

  // A literal is part of the document: per GraphQL, an invalid document fails validation.
  it("refuses XYZ written in the query itself (the document is invalid)", async () => {
    const before = await listingCount();
    const result = await stack.query(
      `mutation { createListing(input: { propertyType: APARTMENT, transactionType: SALE, title: "Byt", street: "Hlavná", city: "Košice", price: "1000", currency: "XYZ" }) { id } }`,
      {},
      realtor.token,
    );
    expect(result.data?.createListing ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors?.[0]?.message).toMatch(/currency/i);
    expect(await listingCount()).toBe(before);
  });

  it("refuses XYZ in updateListing and in a bulk patch, leaving the listing as it was", async () => {
    const listing = await insertListing(stack.owner.prisma, { realtorId: realtor.realtorId, agencyId, currency: "EUR" });
    const update = await stack.query(
      `mutation ($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, input: $input) { id } }`,
      { id: listing.id, input: { currency: "XYZ" } },
      realtor.token,
    );
    expect(update.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const bulk = await stack.query(
      `mutation ($input: [ListingPatch!]!) { bulkUpdateListings(input: $input) { applied failed } }`,
      { input: [{ id: listing.id, price: "99000", currency: "XYZ" }] },
      realtor.token,
    );
    expect(bulk.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const row = await stack.owner.prisma.listing.findUniqueOrThrow({ where: { id: listing.id } });
    expect({ currency: row.currency, price: row.price.toString() }).toEqual({ currency: "EUR", price: "100000" });
  });
});

describe("a feed item's currency", () => {
  const item = (id: string, currency: string) => `
  <listing id="${id}">
    <type>APARTMENT</type>
    <transaction>SALE</transaction>
    <title>Byt ${id}</title>
    <address><street>Hlavná</street><city>Košice</city></address>
    <price currency="${currency}">150000.00</price>
    <rooms>2</rooms>
    <energyClass>B</energyClass>
  </listing>`;

  it("refuses only the item with XYZ, with a reason naming the currency", async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<listings version="1" full="false">${item("CUR-1", "EUR")}${item("CUR-2", "XYZ")}${item("CUR-3", "CZK")}\n</listings>\n`;
    const result = await stack.query(
      `mutation ($agencyId: ID!, $xml: String!) { importListingFeed(agencyId: $agencyId, xml: $xml) { status created failed errors { index externalId code message } } }`,
      { agencyId, xml },
      realtor.token,
    );
    expect(result.errors).toBeUndefined();
    const run = result.data.importListingFeed;
    expect(run).toMatchObject({ status: "PARTIAL", created: 2, failed: 1 });
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatchObject({ index: 1, externalId: "CUR-2", code: "BAD_USER_INPUT" });
    expect(run.errors[0].message).toMatch(/currency/);
    expect(run.errors[0].message).toMatch(/ISO 4217/);
    const rows = await stack.owner.prisma.listing.findMany({ where: { agencyId, externalId: { startsWith: "CUR-" } }, orderBy: { externalId: "asc" } });
    expect(rows.map((r) => [r.externalId, r.currency])).toEqual([
      ["CUR-1", "EUR"],
      ["CUR-3", "CZK"],
    ]);
  });
});
