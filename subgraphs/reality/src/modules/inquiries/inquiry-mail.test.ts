// Realtor and visitor mail about inquiries and viewings, end to end through the gateway and
// RabbitMQ to an SMTP server started here; and the realtor's "about to expire" notice from the
// scheduled job. The unsubscribe link of realtor mail switches it off.
import { randomUUID } from "node:crypto";
import { connectDatabase, type DbHandle } from "@ppt/server-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgency, createPortalUser, createRealtorAccount, joinAgency } from "@ppt/testing/fixtures";
import { insertListing, portalToken } from "@ppt/testing/reality";
import { startTestSmtp, type ReceivedMail, type TestSmtp } from "@ppt/testing/smtp";
import { startStack, type Stack } from "@ppt/testing/stack";
import { startRealityWorker } from "../../jobs.ts";
import { announceExpiringListings } from "../listings/index.ts";

let smtp: TestSmtp;
let stack: Stack;
let worker: Awaited<ReturnType<typeof startRealityWorker>>;
let reality: DbHandle;
let agencyId: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  stack = await startStack({ broker: true, env: { ...smtp.env, PORTAL_APP_URL: "https://reality.example.sk" } });
  worker = await startRealityWorker(stack.config, { port: 0 });
  reality = connectDatabase(stack.db.urlFor("reality"), { max: 2 });
  agencyId = (await createAgency(stack.owner.prisma, "Maklérska s.r.o.")).id;
});
afterAll(async () => {
  await reality?.close();
  await worker?.stop();
  await stack?.stop();
  await smtp?.stop();
});

async function realtorWithListing(language = "sk", fields: Record<string, unknown> = {}) {
  const realtor = await createRealtorAccount(stack.owner.prisma, "Mária Maklérka");
  await joinAgency(stack.owner.prisma, agencyId, realtor.realtorId, "ADMIN");
  await stack.owner.prisma.portalUser.update({ where: { id: realtor.userId }, data: { language } });
  const listing = await insertListing(stack.owner.prisma, { realtorId: realtor.realtorId, agencyId, title: `Byt ${randomUUID().slice(0, 6)}`, ...fields });
  return { ...realtor, token: await portalToken(stack, realtor.userId), listing };
}

async function visitor(language = "sk") {
  const user = await createPortalUser(stack.owner.prisma, "Peter Záujemca");
  await stack.owner.prisma.portalUser.update({ where: { id: user.id }, data: { language } });
  return { ...user, token: await portalToken(stack, user.id) };
}

const unsubscribeOf = (mail: ReceivedMail) => (mail.headers.get("list") as { unsubscribe?: { url?: string } } | undefined)?.unsubscribe?.url ?? "";

describe("inquiry and viewing mail", () => {
  it("an inquiry reaches the listing's realtor once, with the visitor's message", async () => {
    const realtor = await realtorWithListing();
    const me = await visitor();
    const sent = await stack.query(
      `mutation ($input: InquiryInput!) { sendInquiry(input: $input) { id } }`,
      { input: { listingId: realtor.listing.id, message: "Je byt ešte voľný? Ďakujem." } },
      me.token,
    );
    expect(sent.errors).toBeUndefined();
    const mail = await smtp.waitFor(realtor.email);
    expect(mail.subject).toBe(`Nový dopyt k ponuke „${realtor.listing.title}“`);
    expect(mail.text).toContain("Peter Záujemca");
    expect(mail.text).toContain("Je byt ešte voľný? Ďakujem.");
    expect(mail.text).toContain(`https://reality.example.sk/inzerat/${realtor.listing.id}`);
    expect(unsubscribeOf(mail)).toMatch(/^https:\/\/reality\.example\.sk\/odhlasenie-upozorneni\?makler=/);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(smtp.to(realtor.email)).toHaveLength(1);
    expect(smtp.to(me.email)).toHaveLength(0);
  });

  it("a viewing request reaches the realtor (in English when they read English); the confirmation reaches the visitor", async () => {
    const realtor = await realtorWithListing("en");
    const me = await visitor();
    const time = new Date(Date.now() + 3 * 86_400_000);
    time.setUTCHours(14, 0, 0, 0);
    const requested = await stack.query(
      `mutation ($input: ViewingRequestInput!) { requestViewing(input: $input) { id } }`,
      { input: { listingId: realtor.listing.id, proposedTimes: [time.toISOString()] } },
      me.token,
    );
    expect(requested.errors).toBeUndefined();
    const request = await smtp.waitFor(realtor.email);
    expect(request.subject).toBe(`Viewing request: "${realtor.listing.title}"`);
    expect(request.text).toContain("15:00"); // 14:00 UTC in Bratislava (CET)

    const confirmed = await stack.query(
      `mutation ($id: ID!, $time: DateTime!) { confirmViewing(viewingId: $id, time: $time) { status } }`,
      { id: requested.data.requestViewing.id, time: time.toISOString() },
      realtor.token,
    );
    expect(confirmed.errors).toBeUndefined();
    const mail = await smtp.waitFor(me.email);
    expect(mail.subject).toBe(`Obhliadka potvrdená: „${realtor.listing.title}“`);
    expect(mail.text).toContain("15:00");
    expect(smtp.to(realtor.email)).toHaveLength(1);
  });

  it("the realtor's unsubscribe link switches their mail off", async () => {
    const realtor = await realtorWithListing();
    const me = await visitor();
    const ask = (message: string) =>
      stack.query(`mutation ($input: InquiryInput!) { sendInquiry(input: $input) { id } }`, { input: { listingId: realtor.listing.id, message } }, me.token);
    await ask("Prvá otázka");
    const token = new URL(unsubscribeOf(await smtp.waitFor(realtor.email))).searchParams.get("makler")!;
    const UNSUBSCRIBE = `mutation ($token: String!) { unsubscribeRealtorMail(token: $token) }`;
    expect((await stack.query(UNSUBSCRIBE, { token: token.slice(1) })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await stack.query(UNSUBSCRIBE, { token })).data.unsubscribeRealtorMail).toBe(true);
    await ask("Druhá otázka");
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(smtp.to(realtor.email)).toHaveLength(1);
  });
});

describe("listing about to expire", () => {
  it("the job announces each listing once per expiry date and the realtor is mailed", async () => {
    const expiresAt = new Date(Date.now() + 3 * 86_400_000);
    const realtor = await realtorWithListing("sk", { expiresAt });
    const later = await realtorWithListing("sk", { expiresAt: new Date(Date.now() + 30 * 86_400_000) });
    await Promise.all([announceExpiringListings(reality.prisma), announceExpiringListings(reality.prisma)]);
    await announceExpiringListings(reality.prisma);
    const mail = await smtp.waitFor(realtor.email);
    expect(mail.subject).toBe(`Ponuka „${realtor.listing.title}“ čoskoro vyprší`);
    expect(mail.text).toContain(`https://reality.example.sk/inzerat/${realtor.listing.id}`);
    expect(
      await stack.owner.prisma.outboxEvent.count({ where: { eventType: "listing.expiring", aggregateId: { in: [realtor.listing.id, later.listing.id] } } }),
    ).toBe(1);

    // Renewed to another date inside the period: told again, once.
    await stack.owner.prisma.listing.update({ where: { id: realtor.listing.id }, data: { expiresAt: new Date(expiresAt.getTime() + 86_400_000) } });
    await announceExpiringListings(reality.prisma);
    await smtp.waitFor(realtor.email, (m) => m.messageId !== mail.messageId);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(smtp.to(realtor.email)).toHaveLength(2);
    expect(smtp.to(later.email)).toHaveLength(0);
  });
});
