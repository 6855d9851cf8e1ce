// The partner explorer works with no internet: headless Chromium opens the gateway's GraphiQL,
// every request it makes stays on the gateway's own origin, and a query typed into it runs.
// Without the bundle the gateway serves a plain page that says how to reach the endpoint.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSigningKey } from "@ppt/server-kit";
import { launchBrowser, type TestBrowser } from "@ppt/testing/browser";
import { startGateway, type RunningGateway } from "../src/app.ts";
import { loadGatewayConfig } from "../src/config.ts";
import { createExplorer, EXPLORER_DIST } from "../src/explorer.ts";
import { buildExplorer } from "../explorer/build.ts";

let jwks: string;
const running: RunningGateway[] = [];

async function gatewayIn(env: Record<string, string>): Promise<RunningGateway> {
  const config = await loadGatewayConfig({
    LOG_LEVEL: "silent",
    JWT_JWKS: jwks,
    // No subgraph is needed: the gateway answers introspection and __typename itself.
    PROPERTY_SUBGRAPH_URL: "http://127.0.0.1:1/graphql",
    REALITY_SUBGRAPH_URL: "http://127.0.0.1:1/graphql",
    SUBGRAPH_SHARED_SECRET: "a-shared-secret-of-at-least-32-characters",
    ...env,
  });
  const gateway = await startGateway(config, 0);
  running.push(gateway);
  return gateway;
}

const pageOf = (gateway: RunningGateway) => fetch(gateway.url, { headers: { accept: "text/html" } });

beforeAll(async () => {
  jwks = JSON.stringify((await generateSigningKey("explorer-test")).jwks);
  // The root postinstall builds it; a fresh checkout that skipped install scripts builds it here.
  if (!createExplorer().bundled) await buildExplorer();
}, 180_000);
afterAll(async () => {
  for (const gateway of running) await gateway.stop();
});

describe("in a browser with no internet", () => {
  let browser: TestBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("loads GraphiQL from the gateway alone and runs a query", async () => {
    const gateway = await gatewayIn({ NODE_ENV: "development" });
    const origin = new URL(gateway.url).origin;
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    // The machine is offline anyway; this also proves the page never asks another host.
    const elsewhere: string[] = [];
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
      elsewhere.push(url);
      return route.abort("internetdisconnected");
    });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));

    await page.goto(gateway.url.replace("/graphql", "/graphiql"));
    const editor = page.locator(".graphiql-query-editor .monaco-editor").first();
    await editor.waitFor({ timeout: 60_000 });
    // The schema arrived (introspection through the page's own fetcher): the explorer plugin lists root fields.
    await page.getByRole("button", { name: "Show GraphiQL Explorer" }).click();
    await expect.poll(() => page.locator(".graphiql-plugin").textContent(), { timeout: 30_000 }).toMatch(/propertyHealth/);

    await editor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText("query Explorer { __typename }");
    await page.keyboard.press("ControlOrMeta+Enter");
    const response = page.locator(".graphiql-response");
    await expect.poll(() => response.textContent(), { timeout: 30_000 }).toMatch(/"__typename":\s*"Query"/);

    const shot = await browser.screenshot(page, "gateway-explorer", "graphiql-offline");
    expect(shot).toMatch(/graphiql-offline\.png$/);
    expect(elsewhere).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});

describe("the landing page", () => {
  it("is GraphiQL for a browser on /graphql in development, never Apollo Sandbox", async () => {
    const gateway = await gatewayIn({ NODE_ENV: "development" });
    const html = await (await pageOf(gateway)).text();
    expect(html).toContain("/graphiql/graphiql.js");
    expect(html).not.toMatch(/sandbox|apollographql\.com|cdn\./i);
    const script = await fetch(new URL("/graphiql/graphiql.js", gateway.url));
    expect(script.headers.get("content-type")).toMatch(/javascript/);
  });

  it("is off in production unless GRAPHIQL=true, and off anywhere with GRAPHIQL=false", async () => {
    const production = await gatewayIn({ NODE_ENV: "production" });
    expect(await (await pageOf(production)).text()).not.toContain("graphiql");
    expect((await fetch(new URL("/graphiql", production.url))).status).toBe(404);
    const enabled = await gatewayIn({ NODE_ENV: "production", GRAPHIQL: "true" });
    expect(await (await pageOf(enabled)).text()).toContain("/graphiql/graphiql.js");
    const disabled = await gatewayIn({ NODE_ENV: "development", GRAPHIQL: "false" });
    expect((await fetch(new URL("/graphiql", disabled.url))).status).toBe(404);
  });

  it("falls back to a plain page that names the endpoint when the bundle is missing", () => {
    const empty = mkdtempSync(join(tmpdir(), "ppt-no-explorer-"));
    try {
      const explorer = createExplorer(empty);
      expect(explorer.bundled).toBe(false);
      expect(Object.keys(explorer.routes)).toEqual(["/graphiql"]);
      expect(createExplorer(EXPLORER_DIST).bundled).toBe(true);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
