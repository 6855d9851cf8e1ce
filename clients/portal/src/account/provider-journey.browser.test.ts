// A visitor's journey in headless Chromium against the production build served by the portal's
// own server, a real stack and a local OpenID provider with a login page: on a listing the visitor
// follows "sign in", presses the provider's button, signs in at the provider, comes back through
// the callback page signed in on the same listing, requests a viewing and sees it waiting under
// "Moje dopyty"; the listing's realtor finds the request in the console's inbox and confirms it.
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "@ppt/testing/app-server";
import { launchBrowser, type TestBrowser } from "@ppt/testing/browser";
import { createAgency, createRealtorAccount, joinAgency } from "@ppt/testing/fixtures";
import { startOidcPeer, type OidcPeer } from "@ppt/testing/oidc";
import { freePort } from "@ppt/testing/own-servers";
import { insertListing, portalToken } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";
import { createPortalServer, listen, staticFiles } from "../../server/portal-server.ts";
import { providerCallbackUri } from "./providers.ts";

const SUITE = "provider-sign-in";
const TITLE = "Útulný 2-izbový byt pri Hornáde";
let peer: OidcPeer;
let stack: Stack;
let built: string;
let server: Server;
let portal: string;
let browser: TestBrowser;
let listingId: string;
let realtorUserId: string;

beforeAll(async () => {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  peer = await startOidcPeer({ redirectUris: [providerCallbackUri(origin, "sk"), providerCallbackUri(origin, "en")], loginPage: true });
  [stack, built] = await Promise.all([startStack({ env: peer.env }), buildApp("portal")]);
  const db = stack.owner.prisma;
  const agency = await createAgency(db, "Reality Pri Hornáde");
  const realtor = await createRealtorAccount(db, "Tomáš Maklér");
  await joinAgency(db, agency.id, realtor.realtorId);
  realtorUserId = realtor.userId;
  listingId = (await insertListing(db, { agencyId: agency.id, realtorId: realtor.realtorId, title: TITLE, city: "Košice", price: "158000" })).id;
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
  await stack?.stop();
  await peer?.stop();
});

/** Everything the page complains about (React errors, failed scripts). */
function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`${message.text()} ${message.location().url}`);
  });
  return problems;
}

/** A `datetime-local` value `days` ahead at 17:30 in the browser's (this machine's) time zone. */
function localTime(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T17:30`;
}

it("a visitor signs in with a provider from a listing, requests a viewing, and the realtor sees it in the inbox", { timeout: 120_000 }, async () => {
  const subject = "provider-person-1";
  peer.people.set(subject, { email: "olga.prihlasena@gmail.example", email_verified: true, name: "Oľga Prihlásená" });
  peer.signInAs(subject);
  const page = await browser.newPage();
  const problems = problemsOf(page);

  await page.goto(`${portal}/inzerat/${listingId}`);
  await page.getByRole("heading", { name: TITLE }).waitFor();
  const listingUrl = page.url();
  await page.getByRole("link", { name: "Ak si chcete dohodnúť obhliadku, prihláste sa." }).click();
  await page.getByRole("heading", { name: "Prihlásenie" }).waitFor();
  await browser.screenshot(page, SUITE, "sign-in-buttons");

  // The button sends the browser to the provider's own page.
  await page.getByRole("button", { name: "Pokračovať cez Test" }).click();
  await page.waitForURL(`${peer.issuer}/**`);
  await browser.screenshot(page, SUITE, "provider-login");
  await page.getByRole("button", { name: "Continue as Oľga Prihlásená" }).click();

  // The provider sends it back to the callback page, which finishes and returns to the listing, signed in.
  await page.waitForURL(listingUrl);
  await page.locator("summary", { hasText: "Oľga Prihlásená" }).waitFor();
  expect(await page.evaluate(() => window.sessionStorage.getItem("ppt.portal.provider-sign-in"))).toBeNull();
  expect(await page.evaluate(() => JSON.parse(window.localStorage.getItem("ppt.portal.session") ?? "null")?.refreshToken)).toBeTruthy();

  await page.getByLabel("1. termín").fill(localTime(7));
  await page.getByLabel("2. termín").fill(localTime(8));
  await page.getByLabel("Poznámka pre makléra (nepovinné)").fill("Prídem aj s manželom.");
  await page.getByRole("button", { name: "Požiadať o obhliadku" }).click();
  await page.getByText("Žiadosť o obhliadku sme odoslali.").waitFor();
  await browser.screenshot(page, SUITE, "viewing-requested");

  await page.getByRole("status").getByRole("link", { name: "Moje dopyty" }).click();
  const mine = page.locator(".my-viewings li", { hasText: TITLE });
  await mine.getByText("Čaká na odpoveď").waitFor();
  await browser.screenshot(page, SUITE, "my-viewings");

  // The realtor, in the console (the session the portal keeps in localStorage, as the console's suite signs in).
  const accessToken = await portalToken(stack, realtorUserId);
  await page.evaluate((session) => window.localStorage.setItem("ppt.portal.session", JSON.stringify(session)), {
    accessToken,
    refreshToken: "unused",
    expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
  });
  await page.goto(`${portal}/konzola/dopyty`);
  const request = page.locator("li.viewing-request", { hasText: TITLE });
  await request.getByText("Prídem aj s manželom.").waitFor();
  await request.getByText("Oľga Prihlásená <olga.prihlasena@gmail.example>").waitFor();
  await browser.screenshot(page, SUITE, "realtor-inbox");
  await request
    .getByRole("button", { name: /^Potvrdiť / })
    .first()
    .click();
  await request.getByText("Potvrdená").waitFor();
  expect(problems).toEqual([]);
});
