// Listing.similar through the gateway, anonymous as the portal's server asks it: only published
// ACTIVE listings of the same deal, type, city, ±20 % price and ±1 room, closest price first,
// never the listing itself, and `first` bounded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgency, createRealtor } from "@ppt/testing/fixtures";
import { insertListing } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let subjectId = "";
const expected: string[] = [];

const SIMILAR = "query ($id: ID!, $first: Int) { listing(id: $id) { id similar(first: $first) { id title } } }";

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const base = { agencyId: (await createAgency(db)).id, realtorId: (await createRealtor(db)).id, city: "Prešov", price: "100000", rooms: 3 };
  subjectId = (await insertListing(db, { ...base, title: "Ten istý" })).id;
  // Closest price first: 101 000, 95 000, 110 000, 119 000 (and 80 000 / 120 000 at the band's edges).
  for (const price of ["110000", "101000", "119000", "95000", "80000", "120000"]) {
    expected.push((await insertListing(db, { ...base, price, rooms: price === "95000" ? 2 : 4, title: `Podobný ${price}` })).id);
  }
  // None of these may appear.
  await insertListing(db, { ...base, title: "Koncept", status: "DRAFT", publishedAt: null });
  await insertListing(db, { ...base, title: "Rezervovaný", status: "RESERVED" });
  await insertListing(db, { ...base, title: "Vypršaný", expiresAt: new Date(Date.now() - 1000) });
  await insertListing(db, { ...base, title: "Iné mesto", city: "Košice" });
  await insertListing(db, { ...base, title: "Prenájom", transactionType: "RENT" });
  await insertListing(db, { ...base, title: "Dom", propertyType: "HOUSE" });
  await insertListing(db, { ...base, title: "Drahý", price: "120001" });
  await insertListing(db, { ...base, title: "Lacný", price: "79999" });
  await insertListing(db, { ...base, title: "Veľký", rooms: 5 });
  await insertListing(db, { ...base, title: "Malý", rooms: 1 });
});

afterAll(async () => {
  await stack?.stop();
});

describe("Listing.similar", () => {
  it("returns the same kind of listing nearby in price, closest first, and nothing else", async () => {
    const { data, errors } = await stack.query(SIMILAR, { id: subjectId, first: 12 });
    expect(errors).toBeUndefined();
    const titles = data.listing.similar.map((l: { title: string }) => l.title);
    expect(titles.slice(0, 4)).toEqual(["Podobný 101000", "Podobný 95000", "Podobný 110000", "Podobný 119000"]);
    expect(new Set(titles)).toEqual(new Set(["Podobný 110000", "Podobný 101000", "Podobný 119000", "Podobný 95000", "Podobný 80000", "Podobný 120000"]));
  });

  it("returns at most `first` (6 by default) and refuses more than 12 or fewer than 1", async () => {
    expect((await stack.query(SIMILAR, { id: subjectId, first: 2 })).data.listing.similar).toHaveLength(2);
    expect((await stack.query("query ($id: ID!) { listing(id: $id) { similar { id } } }", { id: subjectId })).data.listing.similar).toHaveLength(6);
    for (const first of [0, 13]) {
      const { errors } = await stack.query(SIMILAR, { id: subjectId, first });
      expect(errors?.[0]?.extensions?.code, String(first)).toBe("BAD_USER_INPUT");
    }
  });
});
