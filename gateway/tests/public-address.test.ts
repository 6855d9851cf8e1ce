// What an anonymous portal visitor reaches of a listed unit's building through the graph: the
// address exactly as the listing chooses to show it. A hidden part is null (never an error that
// takes the whole listing page down, never the value itself), whichever path reaches it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBuilding, createOrganization, createUnit } from "@ppt/testing/fixtures";
import { insertListing } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
const listingOf: Record<"FULL" | "STREET" | "DISTRICT", string> = { FULL: "", STREET: "", DISTRICT: "" };

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const org = (await createOrganization(db)).id;
  for (const visibility of ["FULL", "STREET", "DISTRICT"] as const) {
    const building = await createBuilding(db, org, "Košice", `Tajná ${visibility}`, "7");
    await db.building.update({ where: { id: building.id }, data: { latitude: 48.72, longitude: 21.26, district: "Staré Mesto" } });
    const unit = await createUnit(db, org, building.id);
    const listing = await insertListing(db, { organizationId: org, unitId: unit.id, addressVisibility: visibility, title: `Byt ${visibility}` });
    listingOf[visibility] = listing.id;
  }
});
afterAll(() => stack?.stop());

const BUILDING = "building { street streetNumber city district latitude longitude }";

const expected = {
  FULL: { street: "Tajná FULL", streetNumber: "7", city: "Košice", district: "Staré Mesto", latitude: 48.72, longitude: 21.26 },
  STREET: { street: "Tajná STREET", streetNumber: null, city: "Košice", district: "Staré Mesto", latitude: null, longitude: null },
  DISTRICT: { street: null, streetNumber: null, city: "Košice", district: "Staré Mesto", latitude: null, longitude: null },
};

describe("a listed unit's address for anonymous visitors", () => {
  it("searchListings shows each building as its listing allows, hidden parts null, without errors", async () => {
    const result = await stack.query(`{ searchListings(first: 10) { edges { node { id unit { ${BUILDING} } } } } }`);
    expect(result.errors).toBeUndefined();
    const byId = new Map(result.data.searchListings.edges.map((e: any) => [e.node.id, e.node.unit.building]));
    for (const visibility of ["FULL", "STREET", "DISTRICT"] as const) expect(byId.get(listingOf[visibility]), visibility).toEqual(expected[visibility]);
  });

  it("listing(id) of a district-only listing: the building's street is null, the page still renders", async () => {
    const result = await stack.query(`query ($id: ID!) { listing(id: $id) { title street unit { ${BUILDING} listings { id } } } }`, {
      id: listingOf.DISTRICT,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.listing).toEqual({
      title: "Byt DISTRICT",
      street: null,
      unit: { building: expected.DISTRICT, listings: [{ id: listingOf.DISTRICT }] },
    });
    expect(JSON.stringify(result)).not.toContain("Tajná");
  });
});
