// listingAvailability, sitemapListings (and the sitemap's agencies, realtors and category pages)
// through the gateway, as the portal's server calls them: anonymous, public listings only; drafts look exactly like unknown ids; bad page numbers are
// refused with BAD_USER_INPUT.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgency, createRealtor } from "@ppt/testing/fixtures";
import { insertListing } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
const owners = { agencyId: "", realtorId: "" };
const ids: Record<"active" | "reserved" | "sold" | "archived" | "expired" | "draft", string> = {
  active: "",
  reserved: "",
  sold: "",
  archived: "",
  expired: "",
  draft: "",
};

const AVAILABILITY = "query ($id: ID!) { listingAvailability(id: $id) }";
const SITEMAP =
  "query ($page: Int!, $pageSize: Int!) { sitemapListings(page: $page, pageSize: $pageSize) { totalCount listings { id title city updatedAt } } }";

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const agency = await createAgency(db);
  const realtor = await createRealtor(db);
  const owner = { agencyId: agency.id, realtorId: realtor.id };
  Object.assign(owners, owner);
  ids.active = (await insertListing(db, { ...owner, title: "Aktívny" })).id;
  ids.reserved = (await insertListing(db, { ...owner, title: "Rezervovaný", status: "RESERVED" })).id;
  ids.sold = (await insertListing(db, { ...owner, title: "Predaný", status: "SOLD" })).id;
  ids.archived = (await insertListing(db, { ...owner, title: "Archivovaný", status: "ARCHIVED" })).id;
  ids.expired = (await insertListing(db, { ...owner, title: "Vypršaný", expiresAt: new Date(Date.now() - 1000) })).id;
  ids.draft = (await insertListing(db, { ...owner, title: "Koncept", status: "DRAFT", publishedAt: null })).id;
});

afterAll(async () => {
  await stack?.stop();
});

describe("listingAvailability", () => {
  it("tells published, removed and never-published listings apart, and a draft from an unknown id not at all", async () => {
    const answers: Record<string, unknown> = {};
    for (const [name, id] of Object.entries({ ...ids, unknown: "00000000-0000-4000-8000-000000000000", garbage: "not-an-id" })) {
      const { data, errors } = await stack.query(AVAILABILITY, { id });
      expect(errors, name).toBeUndefined();
      answers[name] = data.listingAvailability;
    }
    expect(answers).toEqual({
      active: "PUBLISHED",
      reserved: "PUBLISHED",
      sold: "REMOVED",
      archived: "REMOVED",
      expired: "REMOVED",
      draft: "MISSING",
      unknown: "MISSING",
      garbage: "MISSING",
    });
  });
});

describe("sitemapListings", () => {
  it("pages through exactly the public listings, by id", async () => {
    const all = await stack.query(SITEMAP, { page: 1, pageSize: 50_000 });
    expect(all.errors).toBeUndefined();
    expect(all.data.sitemapListings.totalCount).toBe(2);
    const listed = all.data.sitemapListings.listings.map((l: { id: string }) => l.id);
    expect(listed).toEqual([ids.active, ids.reserved].sort());
    const second = await stack.query(SITEMAP, { page: 2, pageSize: 1 });
    expect(second.data.sitemapListings.listings.map((l: { id: string }) => l.id)).toEqual([listed[1]]);
    expect((await stack.query(SITEMAP, { page: 3, pageSize: 1 })).data.sitemapListings.listings).toEqual([]);
  });

  it("refuses a page below 1 or a page size outside 1–50,000", async () => {
    for (const variables of [
      { page: 0, pageSize: 10 },
      { page: 1, pageSize: 0 },
      { page: 1, pageSize: 50_001 },
    ]) {
      const { errors } = await stack.query(SITEMAP, variables);
      expect(errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe("BAD_USER_INPUT");
    }
  });
});

describe("the sitemap's agencies, realtors and category pages", () => {
  it("list active agencies and realtors only, and the categories of public listings with their counts", async () => {
    const db = stack.owner.prisma;
    await db.agency.update({ where: { id: (await createAgency(db)).id }, data: { status: "ARCHIVED" } });
    await db.realtor.update({ where: { id: (await createRealtor(db)).id }, data: { status: "SUSPENDED" } });
    const { data, errors } = await stack.query(`{
      sitemapAgencies(page: 1, pageSize: 10) { totalCount profiles { id slug } }
      sitemapRealtors(page: 1, pageSize: 10) { totalCount profiles { id name slug } }
      listingCategories { propertyType transactionType city listingCount }
    }`);
    expect(errors).toBeUndefined();
    expect(data.sitemapAgencies.totalCount).toBe(1);
    expect(data.sitemapAgencies.profiles.map((p: { id: string }) => p.id)).toEqual([owners.agencyId]);
    expect(data.sitemapRealtors.totalCount).toBe(1);
    expect(data.sitemapRealtors.profiles).toMatchObject([{ id: owners.realtorId, slug: null }]);
    // The active and the reserved flat; sold, archived, expired and draft ones are not counted.
    expect(data.listingCategories).toEqual([{ propertyType: "APARTMENT", transactionType: "SALE", city: "Košice", listingCount: 2 }]);
    const refused = await stack.query("{ sitemapRealtors(page: 1, pageSize: 50001) { totalCount } }");
    expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
