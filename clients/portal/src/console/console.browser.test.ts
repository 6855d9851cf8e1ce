// The realtor console in headless Chromium, against the production build served by the portal's
// own server (server rendering, /graphql forwarded to a real stack on RabbitMQ) and the reality
// worker sending real mail to an SMTP server started here: a new agency registers, invites a
// realtor by e-mail, the realtor follows the mail's link and joins, creates a listing, uploads a
// photo (to the presigned URL of a real S3 server), publishes it and it is found in search; a
// visitor favorites it and asks about it, and the realtor answers from the inbox; the bulk-edit
// table reprices 100 listings and shows the one refused row's error next to it.
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startRealityWorker } from "@ppt/reality/jobs";
import { buildApp } from "@ppt/testing/app-server";
import { launchBrowser, type TestBrowser } from "@ppt/testing/browser";
import { createPortalUser } from "@ppt/testing/fixtures";
import { jpegWithGps } from "@ppt/testing/images";
import { insertListing, portalToken } from "@ppt/testing/reality";
import { freePort } from "@ppt/testing/own-servers";
import { linkIn, startTestSmtp, type TestSmtp } from "@ppt/testing/smtp";
import { startStack, type Stack } from "@ppt/testing/stack";
import { createPortalServer, listen, staticFiles } from "../../server/portal-server.ts";

const SUITE = "realtor-console";
const TITLE = "Svetlý 2-izbový byt pri parku";
let smtp: TestSmtp;
let stack: Stack;
let worker: { stop(): Promise<void> };
let built: string;
let server: Server;
let portal: string;
let browser: TestBrowser;

beforeAll(async () => {
  const port = await freePort();
  [smtp, built] = await Promise.all([startTestSmtp(), buildApp("portal")]);
  stack = await startStack({ broker: true, env: { ...smtp.env, PORTAL_APP_URL: `http://127.0.0.1:${port}` } });
  worker = await startRealityWorker(stack.config, { port: 0 });
  const template = readFileSync(join(built, "index.html"), "utf8");
  server = createPortalServer({
    gatewayUrl: stack.gateway.url,
    load: async () => ({ entry: await import("../ssr/entry-server.tsx"), template }),
    serveStatic: staticFiles(built),
  });
  portal = await listen(server, port);
  browser = await launchBrowser({ locale: "sk-SK" });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done) ?? done(undefined));
  await worker?.stop();
  await stack?.stop();
  await smtp?.stop();
});

/**
 * Signs the browser in as a portal user: the session the portal's sign-in keeps in localStorage
 * (the sign-in screens have their own tests), then opens `path`.
 */
async function openAs(page: Page, userId: string, path: string) {
  const accessToken = await portalToken(stack, userId);
  await page.goto(`${portal}/prihlasenie`);
  await page.evaluate((session) => window.localStorage.setItem("ppt.portal.session", JSON.stringify(session)), {
    accessToken,
    refreshToken: "unused",
    expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
  });
  await page.goto(`${portal}${path}`);
}

/** Everything the page complains about (React errors, failed scripts). */
function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  return problems;
}

let realtorUserId: string;
let listingId: string;

it(
  "a new agency registers and invites a realtor by e-mail; the realtor joins, creates a listing with a photo and publishes it; it is found in search",
  { timeout: 120_000 },
  async () => {
    const db = stack.owner.prisma;
    const founder = await createPortalUser(db, "Eva Majiteľová");
    const invitee = await createPortalUser(db, "Tomáš Maklér");
    realtorUserId = invitee.id;
    const page = await browser.newPage();
    const problems = problemsOf(page);

    // The founder has no realtor profile: the console offers the agency's registration.
    await openAs(page, founder.id, "/konzola");
    await page.getByRole("heading", { name: "Registrácia realitnej kancelárie" }).waitFor();
    await page.getByLabel("Názov").fill("Reality Pri Parku");
    await page.getByLabel("IČO").fill("35757442");
    await page.getByLabel("E-mail").fill("info@pri-parku.sk");
    await page.getByLabel("Mesto").fill("Košice");
    await page.getByRole("button", { name: "Zaregistrovať kanceláriu" }).click();
    // Registered: the console's menu appears, and the agency shows as not yet verified.
    await page.getByRole("link", { name: "Kancelária" }).click();
    await page.getByText("Kancelária zatiaľ nie je overená.").waitFor();
    await page.locator("form.invite").getByLabel("E-mail").fill(invitee.email);
    await page.getByRole("button", { name: "Poslať pozvánku" }).click();
    await page.getByText(`Pozvánku sme poslali na ${invitee.email}.`).waitFor();
    await browser.screenshot(page, SUITE, "agency-invites");

    // The invitation mail's link leads into this portal; the invitee, signed in, accepts it.
    const { url } = linkIn(await smtp.waitFor(invitee.email, undefined, 30_000));
    expect(url.origin).toBe(portal);
    await openAs(page, invitee.id, `${url.pathname}${url.search}`);
    await page.getByRole("button", { name: "Prijať pozvánku" }).click();
    await page.getByText("Vitajte v kancelárii.").waitFor();
    await page.getByRole("link", { name: "Konzola makléra" }).last().click();

    // A new listing: a draft of the agency, then its photo and publication.
    await page.getByRole("link", { name: "Nový inzerát" }).click();
    await page.getByLabel("Nadpis").fill(TITLE);
    await page.getByLabel("Ulica", { exact: true }).fill("Moyzesova 12");
    await page.getByLabel("Mesto alebo obec", { exact: true }).fill("Košice");
    await page.getByLabel("Cena (€)").fill("189 000");
    await page.getByLabel("Úžitková plocha").fill("54,5");
    await page.getByLabel("Energetická trieda").selectOption("B");
    await page.getByRole("button", { name: "Vytvoriť koncept" }).click();
    await page.waitForURL(/\/konzola\/inzerat\/[0-9a-f-]{36}$/);
    listingId = page.url().split("/").pop()!;
    await page.locator(".lifecycle").getByText("Koncept").waitFor();

    await page.getByLabel(/Pridať fotografie/).setInputFiles({ name: "obyvacka.jpg", mimeType: "image/jpeg", buffer: jpegWithGps().withGps });
    await page.locator(".photo-grid img").first().waitFor();
    await expect.poll(() => page.locator(".photo-grid .badge").textContent()).toBe("Titulná");
    await page.getByRole("button", { name: "Zverejniť" }).click();
    await page.locator(".lifecycle").getByText("Zverejnený").waitFor();
    await browser.screenshot(page, SUITE, "listing-published");
    const stored = await db.listing.findUniqueOrThrow({ where: { id: listingId }, include: { photos: true, agency: true } });
    expect(stored).toMatchObject({ status: "ACTIVE", title: TITLE, agency: { name: "Reality Pri Parku" } });
    expect(stored.photos).toHaveLength(1);

    // Found in search (a new address, so no cached page stands in for it).
    await page.goto(`${portal}/?mesto=Ko%C5%A1ice&q=${Date.now()}`);
    await page.getByRole("link", { name: new RegExp(TITLE) }).waitFor();
    await browser.screenshot(page, SUITE, "found-in-search");
    expect(problems).toEqual([]);
    await page.close();
  },
);

it("a visitor finds the listing, saves it and asks about it; the realtor answers from the inbox", { timeout: 60_000 }, async () => {
  expect(listingId).toBeDefined();
  const visitor = await createPortalUser(stack.owner.prisma, "Jana Záujemcová");
  const page = await browser.newPage();
  const problems = problemsOf(page);
  await openAs(page, visitor.id, `/?mesto=Ko%C5%A1ice&v=${Date.now()}`);
  await page.getByRole("link", { name: new RegExp(TITLE) }).click();
  await expect.poll(() => page.locator("h1").textContent()).toBe(TITLE);
  await page.locator(".listing-detail").getByRole("button", { name: "Uložiť medzi obľúbené" }).click();
  await page.locator(".listing-detail").getByRole("button", { name: "Odobrať z obľúbených" }).waitFor();
  await page.getByLabel("Vaša správa").fill("Dobrý deň, je byt ešte voľný? Mám záujem o obhliadku.");
  await page.getByRole("button", { name: "Odoslať dopyt" }).click();
  await page.getByText("Dopyt sme odoslali.").waitFor();
  await browser.screenshot(page, SUITE, "visitor-inquiry");

  await openAs(page, realtorUserId, "/konzola/dopyty");
  await page.getByText("Dobrý deň, je byt ešte voľný?").waitFor();
  await page.getByLabel("Odpoveď").fill("Áno, voľný je. Obhliadka je možná v stredu popoludní.");
  await page.getByRole("button", { name: "Odpovedať" }).click();
  await page.getByText("Áno, voľný je.").waitFor();
  await browser.screenshot(page, SUITE, "inbox-reply");
  const favorites = await stack.owner.prisma.favorite.count({ where: { portalUserId: visitor.id, listingId } });
  expect(favorites).toBe(1);
  expect(problems).toEqual([]);
  await page.close();
});

it("the bulk-edit table reprices 100 listings at once and shows the one refused row's error next to it", { timeout: 60_000 }, async () => {
  const db = stack.owner.prisma;
  const realtor = await db.realtor.findFirstOrThrow({ where: { portalUserId: realtorUserId }, include: { agencies: true } });
  for (let i = 1; i <= 100; i++) {
    await insertListing(db, {
      realtorId: realtor.id,
      agencyId: realtor.agencies[0]!.agencyId,
      title: `Hromadný byt ${String(i).padStart(3, "0")}`,
      price: "100000",
    });
  }
  const page = await browser.newPage();
  const problems = problemsOf(page);
  await openAs(page, realtorUserId, "/konzola/hromadna-uprava");
  const rows = page.locator(".bulk-table tbody tr");
  await rows.nth(100).waitFor();
  expect(await rows.count()).toBe(101);
  await page.getByLabel("Označiť všetky").check();
  await page.getByText("Označené: 101 z 101").waitFor();
  await page.getByLabel("Zmena ceny o %").fill("5");
  await page.getByRole("button", { name: "Prepočítať ceny označených" }).click();
  // One row gets a price the API refuses (more than 13 digits): it fails alone.
  await page.getByLabel(`Nová cena: ${TITLE}`).fill("12345678901234");
  await page.getByRole("button", { name: "Náhľad zmien (101)" }).click();
  await expect.poll(() => page.locator(".bulk-result").filter({ hasText: "→" }).count()).toBe(101);
  await browser.screenshot(page, SUITE, "bulk-preview");
  await page.getByRole("button", { name: "Uložiť zmeny (101)" }).click();
  await page.getByText("Uložené: 100, odmietnuté: 1.").waitFor();
  const refused = page.locator(".bulk-table tr.refused");
  await expect.poll(() => refused.count()).toBe(1);
  expect(await refused.locator("td").nth(1).textContent()).toBe(TITLE);
  expect(await refused.locator(".bulk-result").textContent()).toContain("Neplatná hodnota — cena");
  await browser.screenshot(page, SUITE, "bulk-applied");

  const prices = await db.listing.groupBy({ by: ["price"], where: { realtorId: realtor.id }, _count: true });
  expect(prices.map((p) => [p.price.toString(), p._count]).sort()).toEqual([
    ["105000", 100],
    ["189000", 1],
  ]);
  expect(problems).toEqual([]);
  await page.close();
});
