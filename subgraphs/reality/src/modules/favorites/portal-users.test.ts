// Portal users through the gateway: favorites (idempotent, counted exactly under concurrency),
// inquiries (rate-limited, answered by the realtor), viewings, analytics, agency membership.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgency, createPortalUser, createRealtorAccount, joinAgency } from "@ppt/testing/fixtures";
import { insertListing, portalToken } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let agencyId: string;
let realtor: { userId: string; realtorId: string; token: string };
let admin: { userId: string; realtorId: string; token: string };
let outsider: { userId: string; realtorId: string; token: string };

async function realtorIn(agency: string, role: "OWNER" | "ADMIN" | "REALTOR" = "REALTOR") {
  const account = await createRealtorAccount(stack.owner.prisma);
  await joinAgency(stack.owner.prisma, agency, account.realtorId, role);
  return { ...account, token: await portalToken(stack, account.userId) };
}

async function visitor() {
  const user = await createPortalUser(stack.owner.prisma);
  return { id: user.id, token: await portalToken(stack, user.id) };
}

beforeAll(async () => {
  stack = await startStack();
  agencyId = (await createAgency(stack.owner.prisma, "Reality Portál")).id;
  realtor = await realtorIn(agencyId);
  admin = await realtorIn(agencyId, "OWNER");
  outsider = await realtorIn((await createAgency(stack.owner.prisma, "Konkurencia")).id, "ADMIN");
});

afterAll(() => stack?.stop());

describe("favorites", () => {
  const ADD = `mutation ($id: ID!) { addFavorite(listingId: $id) { id } }`;
  const REMOVE = `mutation ($id: ID!) { removeFavorite(listingId: $id) }`;

  it("saves once however often and concurrently it is asked, and counts exactly", async () => {
    const listing = await insertListing(stack.owner.prisma, { realtorId: realtor.realtorId, agencyId });
    const users = [await visitor(), await visitor()];
    await Promise.all(users.flatMap((u) => Array.from({ length: 8 }, () => stack.query(ADD, { id: listing.id }, u.token))));
    const row = () => stack.owner.prisma.listing.findUniqueOrThrow({ where: { id: listing.id } });
    expect((await row()).favoritesCount).toBe(2);
    expect(await stack.owner.prisma.favorite.count({ where: { listingId: listing.id } })).toBe(2);

    const removals = await Promise.all(Array.from({ length: 6 }, () => stack.query(REMOVE, { id: listing.id }, users[0]!.token)));
    expect(removals.filter((r) => r.data?.removeFavorite === true)).toHaveLength(1);
    expect((await row()).favoritesCount).toBe(1);
    const stats = await stack.owner.prisma.listingStatsDaily.findFirstOrThrow({ where: { listingId: listing.id } });
    expect(stats.favorites).toBe(1);
  });

  it("lists the user's favorites, newest first, only published ones", async () => {
    const user = await visitor();
    const a = await insertListing(stack.owner.prisma, { realtorId: realtor.realtorId, title: "Obľúbený A" });
    const b = await insertListing(stack.owner.prisma, { realtorId: realtor.realtorId, title: "Obľúbený B" });
    await stack.query(ADD, { id: a.id }, user.token);
    await stack.query(ADD, { id: b.id }, user.token);
    await stack.owner.prisma.listing.update({ where: { id: a.id }, data: { status: "ARCHIVED" } });
    const result = await stack.query(`{ myFavorites(first: 10) { totalCount edges { savedAt node { id title } } } }`, {}, user.token);
    expect(result.errors).toBeUndefined();
    expect(result.data.myFavorites.totalCount).toBe(1);
    expect(result.data.myFavorites.edges.map((e: any) => e.node.title)).toEqual(["Obľúbený B"]);
  });

  it("flags each listing the caller saved, for that caller only, in one statement for a whole page", async () => {
    const word = `hviezda${Date.now().toString(36)}`;
    const listings = [];
    for (let i = 0; i < 6; i++) listings.push(await insertListing(stack.owner.prisma, { realtorId: realtor.realtorId, title: `${word} ${i}` }));
    const [user, other] = [await visitor(), await visitor()];
    for (const saved of [listings[1]!, listings[4]!]) await stack.query(ADD, { id: saved.id }, user.token);
    await stack.query(ADD, { id: listings[2]!.id }, other.token);
    const page = `query ($q: String) { searchListings(filter: { query: $q }, first: 10) { edges { node { id savedByMe } } } }`;
    const flagged = async (token?: string) => {
      const result = await stack.query(page, { q: word }, token);
      expect(result.errors).toBeUndefined();
      expect(result.data.searchListings.edges).toHaveLength(6);
      return result.data.searchListings.edges
        .filter((e: any) => e.node.savedByMe)
        .map((e: any) => e.node.id)
        .sort();
    };
    expect(await flagged(user.token)).toEqual([listings[1]!.id, listings[4]!.id].sort());
    expect(await flagged(other.token)).toEqual([listings[2]!.id]);
    expect(await flagged()).toEqual([]);

    const before = stack.queryCount();
    await stack.query(`query ($q: String) { searchListings(filter: { query: $q }, first: 10) { edges { node { id } } } }`, { q: word }, user.token);
    const withoutFlags = stack.queryCount() - before;
    const between = stack.queryCount();
    await flagged(user.token);
    expect(stack.queryCount() - between).toBe(withoutFlags + 1);
  });

  it("refuses drafts, anonymous callers and staff tokens", async () => {
    const draft = await insertListing(stack.owner.prisma, { realtorId: realtor.realtorId, status: "DRAFT" });
    const user = await visitor();
    expect((await stack.query(ADD, { id: draft.id }, user.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await stack.query(ADD, { id: draft.id })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await stack.query(`{ myFavorites { totalCount } }`)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("inquiries", () => {
  const SEND = `mutation ($input: InquiryInput!) { sendInquiry(input: $input) { id status name } }`;

  it("limits a user to 5 inquiries an hour, also when sent at once", async () => {
    const user = await visitor();
    const listing = await insertListing(stack.owner.prisma, { realtorId: realtor.realtorId, agencyId });
    const input = { listingId: listing.id, message: "Dobrý deň, je byt ešte voľný?" };
    const results = await Promise.all(Array.from({ length: 8 }, () => stack.query(SEND, { input }, user.token)));
    expect(results.filter((r) => r.data?.sendInquiry)).toHaveLength(5);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === "RATE_LIMITED")).toHaveLength(3);
    expect((await stack.owner.prisma.listing.findUniqueOrThrow({ where: { id: listing.id } })).inquiriesCount).toBe(5);
    // Another user is not affected.
    const other = await visitor();
    expect((await stack.query(SEND, { input }, other.token)).errors).toBeUndefined();
  });

  it("reaches the listing's realtor and the agency admin, who answer; others cannot see or answer it", async () => {
    const user = await visitor();
    const listing = await insertListing(stack.owner.prisma, { realtorId: realtor.realtorId, agencyId, title: "Byt s otázkou" });
    const sent = await stack.query(SEND, { input: { listingId: listing.id, message: "Aká je výška poplatkov?" } }, user.token);
    const inquiryId = sent.data.sendInquiry.id;
    const RECEIVED = `query ($listingId: ID) { receivedInquiries(listingId: $listingId, first: 10) { totalCount edges { node { id message listing { title } } } } }`;
    for (const who of [realtor, admin]) {
      const received = await stack.query(RECEIVED, { listingId: listing.id }, who.token);
      expect(received.data.receivedInquiries.edges.map((e: any) => e.node.id)).toEqual([inquiryId]);
    }
    expect((await stack.query(RECEIVED, { listingId: listing.id }, outsider.token)).data.receivedInquiries.totalCount).toBe(0);

    const RESPOND = `mutation ($id: ID!, $body: String!) { respondToInquiry(inquiryId: $id, body: $body) { status responses { body realtor { displayName } } } }`;
    expect((await stack.query(RESPOND, { id: inquiryId, body: "Nie" }, outsider.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const answered = await stack.query(RESPOND, { id: inquiryId, body: "Poplatky sú 180 € mesačne." }, realtor.token);
    expect(answered.errors).toBeUndefined();
    expect(answered.data.respondToInquiry.status).toBe("ANSWERED");
    const mine = await stack.query(`{ myInquiries(first: 5) { edges { node { id status responses { body } } } } }`, {}, user.token);
    expect(mine.data.myInquiries.edges[0].node).toEqual({ id: inquiryId, status: "ANSWERED", responses: [{ body: "Poplatky sú 180 € mesačne." }] });
    const events = await stack.owner.prisma.outboxEvent.findMany({ where: { aggregateId: inquiryId }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.eventType)).toEqual(["inquiry.received", "inquiry.answered"]);
  });
});

describe("viewings", () => {
  it("lets the realtor confirm one of the proposed times, once", async () => {
    const user = await visitor();
    const listing = await insertListing(stack.owner.prisma, { realtorId: realtor.realtorId, agencyId });
    const times = [new Date(Date.now() + 86_400_000).toISOString(), new Date(Date.now() + 2 * 86_400_000).toISOString()];
    const requested = await stack.query(
      `mutation ($input: ViewingRequestInput!) { requestViewing(input: $input) { id status proposedTimes } }`,
      { input: { listingId: listing.id, proposedTimes: times, message: "Poobede" } },
      user.token,
    );
    expect(requested.errors).toBeUndefined();
    const id = requested.data.requestViewing.id;
    const CONFIRM = `mutation ($id: ID!, $time: DateTime!) { confirmViewing(viewingId: $id, time: $time) { status confirmedTime } }`;
    expect((await stack.query(CONFIRM, { id, time: new Date(Date.now() + 5 * 86_400_000).toISOString() }, realtor.token)).errors?.[0]?.extensions?.code).toBe(
      "BAD_USER_INPUT",
    );
    expect((await stack.query(CONFIRM, { id, time: times[1] }, outsider.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const confirmed = await stack.query(CONFIRM, { id, time: times[1] }, realtor.token);
    expect(confirmed.data.confirmViewing).toEqual({ status: "CONFIRMED", confirmedTime: times[1] });
    const declined = await stack.query(`mutation ($id: ID!) { declineViewing(viewingId: $id) { status } }`, { id }, realtor.token);
    expect(declined.errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });

  it("refuses past times", async () => {
    const user = await visitor();
    const listing = await insertListing(stack.owner.prisma, { realtorId: realtor.realtorId });
    const result = await stack.query(
      `mutation ($input: ViewingRequestInput!) { requestViewing(input: $input) { id } }`,
      { input: { listingId: listing.id, proposedTimes: [new Date(Date.now() - 3_600_000).toISOString()] } },
      user.token,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("analytics", () => {
  it("gives the listing's realtor and agency admin daily points, and nobody else", async () => {
    const listing = await insertListing(stack.owner.prisma, { realtorId: realtor.realtorId, agencyId });
    for (let i = 0; i < 3; i++)
      await stack.query(`mutation ($id: ID!) { recordListingView(id: $id) }`, { id: listing.id }, undefined, { "x-forwarded-for": `10.7.0.${i + 1}` });
    const today = new Date().toISOString().slice(0, 10);
    const weekAgo = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
    const Q = `query ($id: ID!, $from: LocalDate!, $to: LocalDate!) { listingStats(listingId: $id, from: $from, to: $to) { totals { views } days { day views } } }`;
    for (const who of [realtor, admin]) {
      const result = await stack.query(Q, { id: listing.id, from: weekAgo, to: today }, who.token);
      expect(result.errors).toBeUndefined();
      expect(result.data.listingStats.days).toHaveLength(7);
      expect(result.data.listingStats.days.at(-1)).toEqual({ day: today, views: 3 });
      expect(result.data.listingStats.totals.views).toBe(3);
    }
    expect((await stack.query(Q, { id: listing.id, from: weekAgo, to: today }, outsider.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await stack.query(Q, { id: listing.id, from: today, to: weekAgo }, realtor.token)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");

    const AGENCY = `query ($id: ID!, $from: LocalDate!, $to: LocalDate!) { agencyStats(agencyId: $id, from: $from, to: $to) { totals { views } } }`;
    const byAdmin = await stack.query(AGENCY, { id: agencyId, from: today, to: today }, admin.token);
    expect(byAdmin.data.agencyStats.totals.views).toBeGreaterThanOrEqual(3);
    expect((await stack.query(AGENCY, { id: agencyId, from: today, to: today }, realtor.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("agencies and realtors", () => {
  it("lets an agency owner add and remove realtors, keeping at least one owner", async () => {
    const newcomer = await createRealtorAccount(stack.owner.prisma, "Nový Maklér");
    const ADD = `mutation ($a: ID!, $r: ID!, $role: AgencyRole) { addAgencyRealtor(agencyId: $a, realtorId: $r, role: $role) { role realtor { displayName } } }`;
    expect((await stack.query(ADD, { a: agencyId, r: newcomer.realtorId }, realtor.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await stack.query(ADD, { a: agencyId, r: newcomer.realtorId }, outsider.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const added = await stack.query(ADD, { a: agencyId, r: newcomer.realtorId }, admin.token);
    expect(added.data.addAgencyRealtor).toEqual({ role: "REALTOR", realtor: { displayName: "Nový Maklér" } });

    const REMOVE = `mutation ($a: ID!, $r: ID!) { removeAgencyRealtor(agencyId: $a, realtorId: $r) }`;
    expect((await stack.query(REMOVE, { a: agencyId, r: admin.realtorId }, admin.token)).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect((await stack.query(ADD, { a: agencyId, r: admin.realtorId, role: "REALTOR" }, admin.token)).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect((await stack.query(REMOVE, { a: agencyId, r: newcomer.realtorId }, admin.token)).data.removeAgencyRealtor).toBe(true);
    const agency = await stack.query(`query ($id: ID!) { agency(id: $id) { realtors { role realtor { id } } } }`, { id: agencyId });
    expect(agency.data.agency.realtors.map((m: any) => m.realtor.id)).not.toContain(newcomer.realtorId);
  });

  it("shows a realtor's profile, licenses and published listings", async () => {
    await stack.query(
      `mutation ($input: RealtorLicenseInput!) { addMyRealtorLicense(input: $input) { number verified } }`,
      { input: { number: "NARKS-1234", issuer: "NARKS", validFrom: "2024-01-01" } },
      realtor.token,
    );
    const listing = await insertListing(stack.owner.prisma, { realtorId: realtor.realtorId, title: "Profilový byt" });
    const result = await stack.query(
      `query ($id: ID!) { realtor(id: $id) { licenses { number issuer verified validFrom } agencies { role agency { name } } listings(first: 100) { edges { node { id } } } } }`,
      { id: realtor.realtorId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.realtor.licenses).toEqual([{ number: "NARKS-1234", issuer: "NARKS", verified: false, validFrom: "2024-01-01" }]);
    expect(result.data.realtor.agencies).toEqual([{ role: "REALTOR", agency: { name: "Reality Portál" } }]);
    expect(result.data.realtor.listings.edges.map((e: any) => e.node.id)).toContain(listing.id);
  });
});
