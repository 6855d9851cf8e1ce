// The browser harness itself: Chromium starts from the machine's binary, renders a page served by
// the test and saves its screenshot where CI collects artifacts.
import { createServer } from "node:http";
import { existsSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, type TestBrowser } from "./browser.ts";

let browser: TestBrowser;
const server = createServer((_req, res) => {
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.end(`<!doctype html><title>Skúška</title><button onclick="this.textContent='Hotovo'">Klikni</button>`);
});

beforeAll(async () => {
  browser = await launchBrowser();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server.close();
});

it("renders a page, runs its script and saves a screenshot", async () => {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  expect(await page.title()).toBe("Skúška");
  await page.getByRole("button", { name: "Klikni" }).click();
  await expect.poll(() => page.getByRole("button").textContent()).toBe("Hotovo");
  const path = await browser.screenshot(page, "harness", "button");
  expect(existsSync(path) && statSync(path).size).toBeGreaterThan(1000);
});
