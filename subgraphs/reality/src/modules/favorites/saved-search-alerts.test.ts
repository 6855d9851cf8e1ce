// Saved-search alerts end to end through the gateway and RabbitMQ: listings imported from an
// agency's XML feed are matched in the import's transaction, the reality worker's consumer mails
// the visitor at an SMTP server started here. Daily digests are queued by the scheduled job.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { connectDatabase, type DbHandle } from "@ppt/server-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgency, createPortalUser, createRealtorAccount, joinAgency } from "@ppt/testing/fixtures";
import { insertListing, portalToken } from "@ppt/testing/reality";
import { startTestSmtp, type ReceivedMail, type TestSmtp } from "@ppt/testing/smtp";
import { startStack, type Stack } from "@ppt/testing/stack";
import { startRealityWorker } from "../../jobs.ts";
import { queueSavedSearchDigests } from "./saved-search-alerts.ts";

const IMPORT = `mutation ($agencyId: ID!, $xml: String!) { importListingFeed(agencyId: $agencyId, xml: $xml) { created failed } }`;
const SAVE = `mutation ($input: SavedSearchInput!) { saveSearch(input: $input) { id } }`;
const SAMPLE = new URL("../imports/samples/sample-feed.xml", import.meta.url);

let smtp: TestSmtp;
let stack: Stack;
let worker: Awaited<ReturnType<typeof startRealityWorker>>;
let reality: DbHandle;
let agencyId: string;
let realtorToken: string;
let realtorId: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  stack = await startStack({ broker: true, env: { ...smtp.env, PORTAL_APP_URL: "https://reality.example.sk" } });
  worker = await startRealityWorker(stack.config, { port: 0 });
  reality = connectDatabase(stack.db.urlFor("reality"), { max: 2 });
  agencyId = (await createAgency(stack.owner.prisma, "Alerty s.r.o.")).id;
  const admin = await createRealtorAccount(stack.owner.prisma, "Admin Alertov");
  await joinAgency(stack.owner.prisma, agencyId, admin.realtorId, "ADMIN");
  realtorToken = await portalToken(stack, admin.userId);
  realtorId = admin.realtorId;
});
afterAll(async () => {
  await reality?.close();
  await worker?.stop();
  await stack?.stop();
  await smtp?.stop();
});

/** The sample feed with its own ids and its own city (no other test's saved search matches it). */
async function sampleFeed(city: string, only: string[]): Promise<string> {
  const xml = (await readFile(SAMPLE, "utf8")).replaceAll("<city>Košice</city>", `<city>${city}</city>`);
  const items = [...xml.matchAll(/<listing id="([^"]+)">[\s\S]*?<\/listing>/g)];
  const kept = items.filter((m) => only.includes(m[1]!)).map((m) => m[0].replace(`id="${m[1]}"`, `id="${m[1]}-${city}"`));
  return xml.replace(/<listing id[\s\S]*<\/listing>/, kept.join("\n  "));
}

async function importFeed(xml: string) {
  const result = await stack.query(IMPORT, { agencyId, xml }, realtorToken);
  expect(result.errors).toBeUndefined();
  expect(result.data.importListingFeed.failed).toBe(0);
  return result.data.importListingFeed.created as number;
}

async function visitorWithSearch(city: string, frequency: "INSTANT" | "DAILY", language = "sk") {
  const user = await createPortalUser(stack.owner.prisma, "Lucia Hľadajúca");
  await stack.owner.prisma.portalUser.update({ where: { id: user.id }, data: { language } });
  const token = await portalToken(stack, user.id);
  const saved = await stack.query(SAVE, { input: { name: "Byty na predaj", filter: { city, transactionType: "SALE", maxPrice: "200000" }, frequency } }, token);
  expect(saved.errors).toBeUndefined();
  return { user, savedSearchId: saved.data.saveSearch.id as string };
}

/** The List-Unsubscribe URL (mailparser files it under "list"). */
const unsubscribeOf = (mail: ReceivedMail) => (mail.headers.get("list") as { unsubscribe?: { url?: string } } | undefined)?.unsubscribe?.url ?? "";

describe("instant saved-search alerts", () => {
  it("a matching listing imported through the XML feed produces one mail naming it; a non-matching one produces none", async () => {
    const city = `Alertovo${randomUUID().slice(0, 8)}`;
    const { user } = await visitorWithSearch(city, "INSTANT");

    // SAMPLE-002 is a rental: the search wants a sale.
    expect(await importFeed(await sampleFeed(city, ["SAMPLE-002"]))).toBe(1);
    // SAMPLE-001: a 3-room flat for sale at 189,000 EUR.
    expect(await importFeed(await sampleFeed(city, ["SAMPLE-001"]))).toBe(1);

    const mail = await smtp.waitFor(user.email);
    expect(mail.subject).toBe("Nová ponuka pre „Byty na predaj“");
    expect(mail.text).toContain("3-izbový byt, Košice – Sídlisko KVP");
    const listing = await stack.owner.prisma.listing.findFirstOrThrow({ where: { externalId: `SAMPLE-001-${city}` } });
    expect(mail.text).toContain(`https://reality.example.sk/inzerat/${listing.id}`);
    expect(mail.text).not.toContain("Garsónka");
    expect(unsubscribeOf(mail)).toMatch(/^https:\/\/reality\.example\.sk\/odhlasenie-upozorneni\?hladanie=/);

    // Another matching import is announced too, and still nothing ever names the rental.
    const second = (await sampleFeed(city, ["SAMPLE-001"])).replace(`id="SAMPLE-001-${city}"`, `id="SAMPLE-001-${city}-b"`);
    expect(await importFeed(second)).toBe(1);
    await smtp.waitFor(user.email, (m) => m.messageId !== mail.messageId);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const mails = smtp.to(user.email);
    expect(mails).toHaveLength(2);
    expect(mails.every((m) => !m.text.includes("Garsónka"))).toBe(true);
  });

  it("a visitor who reads English gets the alert in English", async () => {
    const city = `Alertovo${randomUUID().slice(0, 8)}`;
    const { user } = await visitorWithSearch(city, "INSTANT", "en");
    await importFeed(await sampleFeed(city, ["SAMPLE-001"]));
    const mail = await smtp.waitFor(user.email);
    expect(mail.subject).toBe('New listing for "Byty na predaj"');
    expect(mail.text).toContain("a new listing matches your saved search");
  });
});

describe("unsubscribing", () => {
  it("the mail's unsubscribe link, without sign-in, turns that saved search's alerts off", async () => {
    const city = `Alertovo${randomUUID().slice(0, 8)}`;
    const { user, savedSearchId } = await visitorWithSearch(city, "INSTANT");
    await importFeed(await sampleFeed(city, ["SAMPLE-001"]));
    const token = new URL(unsubscribeOf(await smtp.waitFor(user.email))).searchParams.get("hladanie")!;
    const UNSUBSCRIBE = `mutation ($token: String!) { unsubscribeSavedSearchAlerts(token: $token) }`;
    expect((await stack.query(UNSUBSCRIBE, { token: `${token}x` })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await stack.query(UNSUBSCRIBE, { token })).data.unsubscribeSavedSearchAlerts).toBe(true);
    expect((await stack.owner.prisma.savedSearch.findUniqueOrThrow({ where: { id: savedSearchId } })).notify).toBe(false);
    const again = (await sampleFeed(city, ["SAMPLE-001"])).replace(`id="SAMPLE-001-${city}"`, `id="SAMPLE-001-${city}-b"`);
    expect(await importFeed(again)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(smtp.to(user.email)).toHaveLength(1);
  });
});

describe("daily saved-search digests", () => {
  it("one digest per saved search of the listings published since its last alert, queued once", async () => {
    const city = `Digestovo${randomUUID().slice(0, 8)}`;
    const { user, savedSearchId } = await visitorWithSearch(city, "DAILY");
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    await stack.owner.prisma.savedSearch.update({ where: { id: savedSearchId }, data: { lastNotifiedAt: dayAgo } });
    await insertListing(stack.owner.prisma, {
      realtorId,
      agencyId,
      city,
      title: "Starý byt",
      publishedAt: new Date(Date.now() - 30 * 3600_000),
      price: "90000",
    });
    await insertListing(stack.owner.prisma, { realtorId, agencyId, city, title: "Nový byt A", price: "120000" });
    await insertListing(stack.owner.prisma, { realtorId, agencyId, city, title: "Nový byt B", price: "150000" });
    await insertListing(stack.owner.prisma, { realtorId, agencyId, city, title: "Drahý byt", price: "350000" });
    // Instant alerts do not mail daily searches.
    expect(smtp.to(user.email)).toHaveLength(0);

    const now = new Date();
    await Promise.all([queueSavedSearchDigests(reality.prisma, now), queueSavedSearchDigests(reality.prisma, now)]);
    expect(await queueSavedSearchDigests(reality.prisma, now)).toBe(0);
    const mail = await smtp.waitFor(user.email);
    expect(mail.subject).toBe("2 nové ponuky pre „Byty na predaj“");
    expect(mail.text).toContain("Nový byt A");
    expect(mail.text).toContain("Nový byt B");
    expect(mail.text).not.toContain("Starý byt");
    expect(mail.text).not.toContain("Drahý byt");
    expect(unsubscribeOf(mail)).toContain("/odhlasenie-upozorneni?hladanie=");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(smtp.to(user.email)).toHaveLength(1);
    expect((await stack.owner.prisma.savedSearch.findUniqueOrThrow({ where: { id: savedSearchId } })).lastNotifiedAt).toEqual(now);
  });
});
