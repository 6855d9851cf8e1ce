// Listings through the gateway: the lifecycle, who may edit, price history, translations,
// a property manager's unit listing joined with the property subgraph, concurrent view
// counting, and saved-search notifications on publish.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAgency,
  createBuilding,
  createOrganization,
  createPortalUser,
  createRealtorAccount,
  createUnit,
  createUser,
  joinAgency,
} from "@ppt/testing/fixtures";
import { insertListing, portalToken } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";
import { stagingKeyOf } from "@ppt/server-kit";
import { htmlPage, replayUploadUrl, served, sha256 } from "@ppt/testing/uploads";

let stack: Stack;
let agencyId: string;
let author: { userId: string; realtorId: string; token: string };
let colleague: { userId: string; realtorId: string; token: string };
let admin: { userId: string; realtorId: string; token: string };
let stranger: { userId: string; realtorId: string; token: string };

async function realtorIn(agency: string | null, role: "OWNER" | "ADMIN" | "REALTOR" = "REALTOR") {
  const account = await createRealtorAccount(stack.owner.prisma);
  if (agency) await joinAgency(stack.owner.prisma, agency, account.realtorId, role);
  return { ...account, token: await portalToken(stack, account.userId) };
}

const FLAT = {
  propertyType: "APARTMENT",
  transactionType: "SALE",
  title: "3-izbový byt, Košice – Sever",
  description: "Slnečný byt s loggiou.",
  descriptionTranslations: [{ language: "en", text: "A sunny flat with a loggia." }],
  street: "Národná trieda",
  streetNumber: "12",
  city: "Košice",
  district: "Košice IV",
  price: "149000.00",
  sizeSqm: "68.40",
  rooms: 3,
  features: ["loggia", "vytah"],
};

const CREATE = `mutation ($input: CreateListingInput!) { createListing(input: $input) { id status price { amount currency } } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, input: $input) { id price { amount } isFeatured energyClass } }`;
const STATUS = `mutation ($id: ID!, $status: ListingStatus!) { changeListingStatus(id: $id, status: $status) { id status publishedAt expiresAt } }`;
const GET = `query ($id: ID!) { listing(id: $id) { id status title description price { amount } priceHistory { oldPrice newPrice } counters { views } } }`;

async function create(token: string, input: Record<string, unknown> = FLAT): Promise<string> {
  const result = await stack.query(CREATE, { input }, token);
  expect(result.errors).toBeUndefined();
  return result.data.createListing.id;
}

beforeAll(async () => {
  stack = await startStack();
  agencyId = (await createAgency(stack.owner.prisma, "Reality Sever")).id;
  author = await realtorIn(agencyId);
  colleague = await realtorIn(agencyId);
  admin = await realtorIn(agencyId, "ADMIN");
  stranger = await realtorIn((await createAgency(stack.owner.prisma, "Iná agentúra")).id, "ADMIN");
});

afterAll(() => stack?.stop());

describe("lifecycle", () => {
  it("starts as a DRAFT that only its editors see", async () => {
    const id = await create(author.token, { ...FLAT, agencyId });
    expect((await stack.query(GET, { id })).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await stack.query(GET, { id }, colleague.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const own = await stack.query(GET, { id }, author.token);
    expect(own.data.listing).toMatchObject({ status: "DRAFT", price: { amount: "149000" } });
    const byAdmin = await stack.query(GET, { id }, admin.token);
    expect(byAdmin.data.listing.status).toBe("DRAFT");
    const mine = await stack.query(`{ myListings(first: 50) { totalCount edges { node { id } } } }`, {}, author.token);
    expect(mine.data.myListings.edges.map((e: any) => e.node.id)).toContain(id);
  });

  it("refuses to publish a Slovak listing without its energy class, and changes nothing", async () => {
    const id = await create(author.token);
    const result = await stack.query(`mutation ($id: ID!) { publishListing(id: $id) { id } }`, { id }, author.token);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "energyClass" });
    const row = await stack.owner.prisma.listing.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("DRAFT");
    expect(row.publishedAt).toBeNull();
    expect(await stack.owner.prisma.outboxEvent.count({ where: { aggregateId: id } })).toBe(0);
  });

  it("publishes with an energy class: public, searchable, expiring in 90 days, with a listing.published event", async () => {
    const id = await create(author.token, { ...FLAT, energyClass: "B", title: "Publikovaný byt Lifecyklov" });
    const published = await stack.query(`mutation ($id: ID!) { publishListing(id: $id) { status publishedAt expiresAt } }`, { id }, author.token);
    expect(published.errors).toBeUndefined();
    const { publishedAt, expiresAt } = published.data.publishListing;
    expect(Date.parse(expiresAt) - Date.parse(publishedAt)).toBe(90 * 86_400_000);
    expect((await stack.query(GET, { id })).data.listing.status).toBe("ACTIVE");
    const found = await stack.query(`{ searchListings(filter: { query: "lifecyklov" }) { edges { node { id } } } }`);
    expect(found.data.searchListings.edges.map((e: any) => e.node.id)).toEqual([id]);
    const events = await stack.owner.prisma.outboxEvent.findMany({ where: { aggregateId: id } });
    expect(events.map((e) => e.eventType)).toEqual(["listing.published"]);
  });

  it("follows the transition table", async () => {
    const id = await create(author.token, { ...FLAT, energyClass: "C", transactionType: "RENT", price: "750" });
    const go = (status: string) => stack.query(STATUS, { id, status }, author.token);
    expect((await go("RESERVED")).errors?.[0]?.extensions?.code).toBe("CONFLICT"); // DRAFT → RESERVED
    expect((await go("ACTIVE")).data.changeListingStatus.status).toBe("ACTIVE");
    expect((await go("SOLD")).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT"); // a rental is not sold
    expect((await go("RESERVED")).data.changeListingStatus.status).toBe("RESERVED");
    expect((await go("RENTED")).data.changeListingStatus.status).toBe("RENTED");
    expect((await go("ACTIVE")).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const archived = await stack.query(`mutation ($id: ID!) { archiveListing(id: $id) { status } }`, { id }, author.token);
    expect(archived.data.archiveListing.status).toBe("ARCHIVED");
    expect((await stack.owner.prisma.listing.findUniqueOrThrow({ where: { id } })).archivedAt).not.toBeNull();
    expect((await go("DRAFT")).data.changeListingStatus.status).toBe("DRAFT");
  });
});

describe("expiry", () => {
  it("hides an expired listing at once and archives it with a listing.expired event", async () => {
    const { archiveExpiredListings } = await import("./index.ts");
    const db = stack.owner.prisma;
    const expired = await insertListing(db, { realtorId: author.realtorId, title: "Expirovaný byt", expiresAt: new Date(Date.now() - 1_000) });
    const current = await insertListing(db, { realtorId: author.realtorId, expiresAt: new Date(Date.now() + 86_400_000) });
    expect((await stack.query(GET, { id: expired.id })).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await stack.query(GET, { id: expired.id }, author.token)).data.listing.status).toBe("ACTIVE");
    expect(await archiveExpiredListings(stack.reality.deps.prisma)).toBeGreaterThanOrEqual(1);
    expect((await db.listing.findUniqueOrThrow({ where: { id: expired.id } })).status).toBe("ARCHIVED");
    expect((await db.listing.findUniqueOrThrow({ where: { id: current.id } })).status).toBe("ACTIVE");
    expect(await db.outboxEvent.count({ where: { aggregateId: expired.id, eventType: "listing.expired" } })).toBe(1);
  });
});

describe("who edits", () => {
  let id: string;
  beforeAll(async () => {
    id = await create(author.token, { ...FLAT, agencyId, energyClass: "B" });
  });

  it("keeps a price history row for every price change", async () => {
    expect((await stack.query(UPDATE, { id, input: { price: "145000" } }, author.token)).errors).toBeUndefined();
    expect((await stack.query(UPDATE, { id, input: { price: "139900.50", rooms: 3 } }, author.token)).errors).toBeUndefined();
    expect((await stack.query(UPDATE, { id, input: { title: "Nový názov bytu" } }, author.token)).errors).toBeUndefined();
    const result = await stack.query(GET, { id }, author.token);
    expect(result.data.listing.priceHistory).toEqual([
      { oldPrice: null, newPrice: "149000" },
      { oldPrice: "149000", newPrice: "145000" },
      { oldPrice: "145000", newPrice: "139900.5" },
    ]);
  });

  it("lets the agency admin edit and feature it, but not a colleague or another agency's admin", async () => {
    const byAdmin = await stack.query(UPDATE, { id, input: { isFeatured: true, price: "135000" } }, admin.token);
    expect(byAdmin.errors).toBeUndefined();
    expect(byAdmin.data.updateListing.isFeatured).toBe(true);
    for (const other of [colleague, stranger]) {
      const result = await stack.query(UPDATE, { id, input: { price: "1" } }, other.token);
      expect(result.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    }
    const featuring = await stack.query(UPDATE, { id, input: { isFeatured: false } }, author.token);
    expect(featuring.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await stack.owner.prisma.listing.findUniqueOrThrow({ where: { id } })).price.toString()).toBe("135000");
  });

  it("refuses anonymous callers and plain portal users", async () => {
    expect((await stack.query(UPDATE, { id, input: { price: "1" } })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const visitor = await portalToken(stack, (await createPortalUser(stack.owner.prisma)).id);
    expect((await stack.query(UPDATE, { id, input: { price: "1" } }, visitor)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await stack.query(CREATE, { input: FLAT }, visitor)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses an active listing losing its energy class and invalid input, changing nothing", async () => {
    await stack.query(STATUS, { id, status: "ACTIVE" }, author.token);
    const cleared = await stack.query(UPDATE, { id, input: { energyClass: null, price: "99" } }, author.token);
    expect(cleared.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    for (const input of [{ price: "-5" }, { price: "12.345" }, { latitude: 48.7 }, { features: ["Balkón!"] }, { rooms: -1 }]) {
      expect((await stack.query(UPDATE, { id, input }, author.token)).errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe("BAD_USER_INPUT");
    }
    const row = await stack.owner.prisma.listing.findUniqueOrThrow({ where: { id } });
    expect(row.energyClass).toBe("B");
    expect(row.price.toString()).toBe("135000");
  });

  it("shows counters to editors only", async () => {
    expect((await stack.query(GET, { id }, author.token)).data.listing.counters).toEqual({ views: 0 });
    expect((await stack.query(GET, { id }, stranger.token)).data.listing.counters).toBeNull();
    expect((await stack.query(GET, { id })).data.listing.counters).toBeNull();
  });
});

describe("description translations", () => {
  it("answers in the Accept-Language language when translated, else in the original", async () => {
    const id = (
      await insertListing(stack.owner.prisma, { realtorId: author.realtorId, description: "Pôvodný popis", descriptionTranslations: { en: "English text" } })
    ).id;
    const q = `query ($id: ID!) { listing(id: $id) { description } }`;
    expect((await stack.query(q, { id }, undefined, { "accept-language": "en-GB,en;q=0.9" })).data.listing.description).toBe("English text");
    expect((await stack.query(q, { id }, undefined, { "accept-language": "de" })).data.listing.description).toBe("Pôvodný popis");
    expect((await stack.query(q, { id })).data.listing.description).toBe("Pôvodný popis");
  });
});

describe("a property manager's unit", () => {
  let orgA: string;
  let orgB: string;
  let managerA: string;
  let unitA: string;
  let unitB: string;
  const PUBLISH = `mutation ($unitId: ID!, $input: CreateListingInput!) { publishUnitListing(unitId: $unitId, input: $input) { id status unit { id building { city street } } } }`;

  beforeAll(async () => {
    const db = stack.owner.prisma;
    orgA = (await createOrganization(db, "Správca A")).id;
    orgB = (await createOrganization(db, "Správca B")).id;
    managerA = (await createUser(db)).id;
    unitA = (await createUnit(db, orgA, (await createBuilding(db, orgA, "Košice", "Mlynská", "5")).id)).id;
    unitB = (await createUnit(db, orgB, (await createBuilding(db, orgB, "Prešov", "Hlavná", "1")).id)).id;
  });

  it("publishes a unit of the manager's organization, joined with the property subgraph's building", async () => {
    const token = await stack.tokenFor(managerA, orgA, ["manager"]);
    const result = await stack.query(PUBLISH, { unitId: unitA, input: { ...FLAT, energyClass: "C" } }, token);
    expect(result.errors).toBeUndefined();
    expect(result.data.publishUnitListing).toMatchObject({ status: "ACTIVE", unit: { id: unitA, building: { city: "Košice", street: "Mlynská" } } });
    const row = await stack.owner.prisma.listing.findUniqueOrThrow({ where: { id: result.data.publishUnitListing.id } });
    expect(row).toMatchObject({ organizationId: orgA, unitId: unitA, realtorId: null });
    // The manager edits it; a realtor cannot.
    expect((await stack.query(UPDATE, { id: row.id, input: { price: "150000" } }, token)).errors).toBeUndefined();
    expect((await stack.query(UPDATE, { id: row.id, input: { price: "1" } }, admin.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    // A manager of another organization cannot either.
    const tokenB = await stack.tokenFor(managerA, orgB, ["manager"]);
    expect((await stack.query(UPDATE, { id: row.id, input: { price: "1" } }, tokenB)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("refuses another organization's unit exactly like a missing one, and creates nothing", async () => {
    const token = await stack.tokenFor(managerA, orgA, ["manager"]);
    const before = await stack.owner.prisma.listing.count();
    const foreign = await stack.query(PUBLISH, { unitId: unitB, input: { ...FLAT, energyClass: "C" } }, token);
    const missing = await stack.query(PUBLISH, { unitId: randomUUID(), input: { ...FLAT, energyClass: "C" } }, token);
    expect(foreign.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(foreign.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
    expect(await stack.owner.prisma.listing.count()).toBe(before);
  });

  it("needs the listings:publish permission", async () => {
    const tenant = await stack.tokenFor(managerA, orgA, ["tenant"]);
    const result = await stack.query(PUBLISH, { unitId: unitA, input: { ...FLAT, energyClass: "C" } }, tenant);
    expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("views", () => {
  const view = `mutation ($id: ID!) { recordListingView(id: $id) }`;
  const from = (ip: string) => ({ "x-forwarded-for": ip });

  it("counts 40 concurrent views of 40 visitors exactly, on the listing and in today's statistics", async () => {
    const listing = await insertListing(stack.owner.prisma, { realtorId: author.realtorId, agencyId });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => stack.query(view, { id: listing.id }, undefined, from(`10.9.0.${i + 1}`))));
    expect(results.every((r) => r.data?.recordListingView === true)).toBe(true);
    const row = await stack.owner.prisma.listing.findUniqueOrThrow({ where: { id: listing.id } });
    expect(row.viewsCount).toBe(40);
    const stats = await stack.owner.prisma.listingStatsDaily.findMany({ where: { listingId: listing.id } });
    expect(stats).toHaveLength(1);
    expect(stats[0]).toMatchObject({ views: 40, agencyId });
  });

  it("counts a visitor once per half hour, however often and concurrently they reload; a portal user once from any address", async () => {
    const listing = await insertListing(stack.owner.prisma, { realtorId: author.realtorId, agencyId });
    const reloads = await Promise.all(Array.from({ length: 8 }, () => stack.query(view, { id: listing.id }, undefined, from("10.8.0.1"))));
    expect(reloads.map((r) => r.data?.recordListingView).filter(Boolean)).toHaveLength(1);
    expect((await stack.query(view, { id: listing.id }, undefined, from("10.8.0.2"))).data?.recordListingView).toBe(true);
    const portal = await portalToken(stack, (await createPortalUser(stack.owner.prisma)).id);
    expect((await stack.query(view, { id: listing.id }, portal, from("10.8.0.3"))).data?.recordListingView).toBe(true);
    expect((await stack.query(view, { id: listing.id }, portal, from("10.8.0.4"))).data?.recordListingView).toBe(false);
    expect((await stack.owner.prisma.listing.findUniqueOrThrow({ where: { id: listing.id } })).viewsCount).toBe(3);
    // A repeated view of a listing that is no longer public is still NOT_FOUND, not "already counted".
    await stack.owner.prisma.listing.update({ where: { id: listing.id }, data: { status: "ARCHIVED" } });
    expect((await stack.query(view, { id: listing.id }, undefined, from("10.8.0.1"))).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("does not count views of drafts", async () => {
    const draft = await insertListing(stack.owner.prisma, { realtorId: author.realtorId, status: "DRAFT" });
    const result = await stack.query(`mutation ($id: ID!) { recordListingView(id: $id) }`, { id: draft.id });
    expect(result.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await stack.owner.prisma.listing.findUniqueOrThrow({ where: { id: draft.id } })).viewsCount).toBe(0);
  });
});

describe("saved searches", () => {
  it("writes a saved_search.match event when a matching listing is published, and none for others", async () => {
    const user = await createPortalUser(stack.owner.prisma);
    const token = await portalToken(stack, user.id);
    const saved = await stack.query(
      `mutation ($input: SavedSearchInput!) { saveSearch(input: $input) { id filter } }`,
      { input: { name: "Košice do 200k", filter: { query: "košice 3-izbový", maxPrice: "200000", features: ["vytah"] }, frequency: "INSTANT" } },
      token,
    );
    expect(saved.errors).toBeUndefined();
    const savedId = saved.data.saveSearch.id;
    const publish = async (input: Record<string, unknown>) => {
      const id = await create(author.token, { ...FLAT, energyClass: "B", ...input });
      expect((await stack.query(STATUS, { id, status: "ACTIVE" }, author.token)).errors).toBeUndefined();
      return id;
    };
    const matching = await publish({});
    const writtenOut = await publish({ title: "Trojizbový byt, Košice", description: null }); // the same room count, spelled out
    await publish({ price: "250000" }); // too expensive
    await publish({ features: ["loggia"] }); // no lift
    await publish({ title: "2-izbový byt, Košice", description: null }); // 2 rooms
    await publish({ city: "Valaliky", district: "Košice-okolie", title: "3-izbový byt, Valaliky", description: null }); // another district
    const matches = await stack.owner.prisma.outboxEvent.findMany({ where: { eventType: "saved_search.match", aggregateId: savedId } });
    expect(matches.map((m) => (m.payload as { listingId: string }).listingId).sort()).toEqual([matching, writtenOut].sort());
    expect(matches[0]!.payload).toMatchObject({ portalUserId: user.id, frequency: "INSTANT" });
  });
});

describe("photos", () => {
  const REQUEST = `mutation ($id: ID!, $input: PhotoUploadInput!) { requestListingPhotoUpload(listingId: $id, input: $input) { uploadUrl photo { id confirmed } } }`;
  const CONFIRM = `mutation ($id: ID!) { confirmListingPhoto(photoId: $id) { id confirmed } }`;

  async function upload(listingId: string, body: Buffer, contentType: string) {
    const requested = await stack.query(REQUEST, { id: listingId, input: { fileName: "foto.jpg", contentType, size: body.length } }, author.token);
    expect(requested.errors).toBeUndefined();
    const { uploadUrl, photo } = requested.data.requestListingPhotoUpload;
    const headers = { "content-type": contentType };
    const put = await fetch(uploadUrl, { method: "PUT", headers, body });
    expect(put.ok).toBe(true);
    return { photoId: photo.id as string, uploadUrl: uploadUrl as string, headers };
  }

  it("uploads, confirms without GPS metadata, lists in order and reorders", async () => {
    const { jpegWithGps } = await import("@ppt/testing/images");
    const { withGps, withoutGps } = jpegWithGps();
    const listing = await insertListing(stack.owner.prisma, { realtorId: author.realtorId });
    const first = await upload(listing.id, withGps, "image/jpeg");
    const second = await upload(listing.id, withoutGps, "image/jpeg");
    // Unconfirmed photos are not shown.
    const photosQuery = `query ($id: ID!) { listing(id: $id) { photos { id position url } } }`;
    expect((await stack.query(photosQuery, { id: listing.id })).data.listing.photos).toEqual([]);
    for (const { photoId } of [first, second]) {
      const confirmed = await stack.query(CONFIRM, { id: photoId }, author.token);
      expect(confirmed.data.confirmListingPhoto.confirmed).toBe(true);
    }
    const shown = (await stack.query(photosQuery, { id: listing.id })).data.listing.photos;
    expect(shown.map((p: any) => p.id)).toEqual([first.photoId, second.photoId]);
    const downloaded = Buffer.from(await (await fetch(shown[0].url)).arrayBuffer());
    expect(downloaded.equals(withoutGps)).toBe(true);

    const reordered = await stack.query(
      `mutation ($id: ID!, $p: [ID!]!) { reorderListingPhotos(listingId: $id, photoIds: $p) { id position } }`,
      { id: listing.id, p: [second.photoId, first.photoId] },
      author.token,
    );
    expect(reordered.data.reorderListingPhotos).toEqual([
      { id: second.photoId, position: 0 },
      { id: first.photoId, position: 1 },
    ]);
    const incomplete = await stack.query(
      `mutation ($id: ID!, $p: [ID!]!) { reorderListingPhotos(listingId: $id, photoIds: $p) { id } }`,
      { id: listing.id, p: [second.photoId] },
      author.token,
    );
    expect(incomplete.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("serves a confirmed photo unchanged to anonymous visitors, whatever its uploader sends afterwards", async () => {
    const { jpegWithGps } = await import("@ppt/testing/images");
    const { withGps, withoutGps } = jpegWithGps();
    const listing = await insertListing(stack.owner.prisma, { realtorId: author.realtorId });
    const first = await upload(listing.id, withGps, "image/jpeg");
    expect((await stack.query(CONFIRM, { id: first.photoId }, author.token)).errors).toBeUndefined();
    const download = async () => {
      const photos = (await stack.query(`query ($id: ID!) { listing(id: $id) { photos { url } } }`, { id: listing.id })).data.listing.photos;
      expect(photos).toHaveLength(1);
      return served(photos[0].url);
    };
    const before = await download();
    expect(before).toMatchObject({ status: 200, sha256: sha256(withoutGps), contentType: "image/jpeg" });

    await replayUploadUrl(first.uploadUrl, first.headers, withGps);
    expect((await stack.query(CONFIRM, { id: first.photoId }, author.token)).data.confirmListingPhoto.confirmed).toBe(true);
    // A new photo for the same listing: HTML declared as a photo is refused and never shown.
    const second = await upload(listing.id, htmlPage, "image/jpeg");
    expect((await stack.query(CONFIRM, { id: second.photoId }, author.token)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");

    const after = await download();
    expect(after).toEqual(before);
    expect(after.contentDisposition).toBe("inline");
  });

  it("deletes a file that is not what it claims to be, and refuses types outside the allowlist", async () => {
    const listing = await insertListing(stack.owner.prisma, { realtorId: author.realtorId });
    const fake = await upload(listing.id, Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n"), "image/png");
    const objectKey = stagingKeyOf((await stack.owner.prisma.listingPhoto.findUniqueOrThrow({ where: { id: fake.photoId } })).objectKey);
    expect(await stack.reality.deps.storage.head(objectKey)).not.toBeNull();
    const confirmed = await stack.query(CONFIRM, { id: fake.photoId }, author.token);
    expect(confirmed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await stack.owner.prisma.listingPhoto.count({ where: { id: fake.photoId } })).toBe(0);
    expect(await stack.reality.deps.storage.head(objectKey)).toBeNull();
    const pdf = await stack.query(REQUEST, { id: listing.id, input: { fileName: "a.pdf", contentType: "application/pdf", size: 100 } }, author.token);
    expect(pdf.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const foreign = await stack.query(REQUEST, { id: listing.id, input: { fileName: "a.jpg", contentType: "image/jpeg", size: 100 } }, stranger.token);
    expect(foreign.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});
