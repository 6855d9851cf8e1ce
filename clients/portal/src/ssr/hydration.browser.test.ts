// The server-rendered portal in headless Chromium: the production build hydrates the server's HTML
// without a mismatch (React reports one as a console error or an uncaught error), from the data
// embedded in the page (no GraphQL request for what is already on screen), and links then
// navigate inside the app without reloading the page.
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "@ppt/testing/app-server";
import { launchBrowser, type TestBrowser } from "@ppt/testing/browser";
import { createAgency, createRealtor } from "@ppt/testing/fixtures";
import { insertListing } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";
import { createPortalServer, listen, staticFiles } from "../../server/portal-server.ts";

const SUITE = "portal-ssr";
let stack: Stack;
let built: string;
let server: Server;
let portal: string;
let browser: TestBrowser;
let flatId: string;

beforeAll(async () => {
  [stack, built] = await Promise.all([startStack(), buildApp("portal")]);
  const db = stack.owner.prisma;
  const agency = await createAgency(db, "Reality Východ");
  const realtor = await createRealtor(db, "Mária Kováčová");
  flatId = (
    await insertListing(db, {
      agencyId: agency.id,
      realtorId: realtor.id,
      title: "Slnečný 3-izbový byt s balkónom",
      city: "Košice",
      price: "149000",
    })
  ).id;
  await insertListing(db, { agencyId: agency.id, realtorId: realtor.id, title: "Rodinný dom pri lese", city: "Prešov", propertyType: "HOUSE" });
  const template = readFileSync(join(built, "index.html"), "utf8");
  server = createPortalServer({
    gatewayUrl: stack.gateway.url,
    load: async () => ({ entry: await import("./entry-server.tsx"), template }),
    serveStatic: staticFiles(built),
  });
  portal = await listen(server, 0);
  browser = await launchBrowser({ locale: "sk-SK" });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done) ?? done(undefined));
  await stack?.stop();
});

/** Everything React or the page complains about, and the GraphQL operations the page sends. */
function watch(page: Page) {
  const problems: string[] = [];
  const operations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("request", (request) => {
    if (request.url().endsWith("/graphql")) operations.push((JSON.parse(request.postData() ?? "{}") as { operationName?: string }).operationName ?? "?");
  });
  return { problems, operations };
}

it("hydrates the server's search page without a mismatch and navigates to a listing and back in the app", async () => {
  const page = await browser.newPage();
  const { problems, operations } = watch(page);
  await page.goto(`${portal}/`, { waitUntil: "networkidle" });
  // Hydrated: React attached its handlers (the root's fiber) to the server's markup.
  await page.waitForFunction(() => Object.keys(document.getElementById("root")!).some((key) => key.startsWith("__reactContainer")));
  expect(problems).toEqual([]);
  expect(operations).not.toContain("SearchListings");
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await browser.screenshot(page, SUITE, "search");

  await page.getByRole("link", { name: /Slnečný 3-izbový byt s balkónom/ }).click();
  await page.waitForURL(`**/byty/predaj/kosice/slnecny-3-izbovy-byt-s-balkonom-${flatId}`);
  await expect.poll(() => page.locator("h1").textContent()).toBe("Slnečný 3-izbový byt s balkónom");
  expect(await page.title()).toContain("Slnečný 3-izbový byt s balkónom");
  // Client-side navigation: the same document, not a page load.
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  expect(operations).toContain("ListingDetail");
  await browser.screenshot(page, SUITE, "listing");

  await page.getByRole("link", { name: "Reality Východ" }).click();
  await expect.poll(() => page.locator("h1").textContent()).toBe("Reality Východ");
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  expect(problems).toEqual([]);
  await page.close();
});

it("hydrates a listing page opened directly, in English under /en", async () => {
  const page = await browser.newPage();
  const { problems, operations } = watch(page);
  await page.goto(`${portal}/en/byty/predaj/kosice/slnecny-3-izbovy-byt-s-balkonom-${flatId}`, { waitUntil: "networkidle" });
  await page.waitForFunction(() => Object.keys(document.getElementById("root")!).some((key) => key.startsWith("__reactContainer")));
  expect(await page.locator("html").getAttribute("lang")).toBe("en");
  expect(await page.locator(".price.big").textContent()).toBe("€149,000");
  expect(problems).toEqual([]);
  expect(operations).not.toContain("ListingDetail");
  await browser.screenshot(page, SUITE, "listing-en");
  await page.getByRole("link", { name: /Back/i }).click();
  await page.waitForURL(/\/en\/?$/);
  await expect.poll(() => page.locator(".result-count").textContent()).toBe("2 listings");
  await page.close();
});
