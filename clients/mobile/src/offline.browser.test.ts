// The mobile app's web target (Expo's web export, served with /graphql forwarded to a real stack)
// in Chromium: an owner signs in, the device goes offline, the owner reports a fault and sees it
// waiting to send; back online, the outbox sends it — and the first answer is lost on the way
// back, as on a flaky connection, so the app sends it again — and the fault exists exactly once.
// Reopened without the server, the app shows what it saved, with its age.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveApp, type AppServer } from "@ppt/testing/app-server";
import { launchBrowser, type TestBrowser } from "@ppt/testing/browser";
import { addOwnership, createAccount, createBuilding, createOrganization, createUnit } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";

const SUITE = "mobile-offline";
const PASSWORD = "heslo-do-mobilu-2026";

let app: AppServer;
let stack: Stack;
let browser: TestBrowser;

beforeAll(async () => {
  [app, stack] = await Promise.all([serveApp("mobile"), startStack()]);
  app.proxyTo(stack.gateway.url);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await app?.stop();
});

describe("the mobile app offline, in Chromium", () => {
  it("queues a fault reported offline, sends it when back online, and the fault exists exactly once", { timeout: 180_000 }, async () => {
    const db = stack.owner.prisma;
    const org = (await createOrganization(db, "Bytové družstvo Mobil")).id;
    const building = (await createBuilding(db, org, "Žilina", "Národná", "12")).id;
    const unit = (await createUnit(db, org, building, "7")).id;
    const owner = await createAccount(db, { password: PASSWORD, organizationId: org, roles: ["owner"], firstName: "Oľga" });
    await addOwnership(db, org, unit, owner.id);
    const title = `Netesní okno ${randomUUID().slice(0, 8)}`;
    const reports = () => db.fault.count({ where: { organizationId: org, title } });

    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByLabel("E-mail").fill(owner.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Hello, Oľga").waitFor();
    await page.getByTestId("units-age").getByText("updated just now").waitFor();
    await browser.screenshot(page, SUITE, "home-online");

    await browser.context.setOffline(true);
    await page.getByText("Offline: showing what this device saved.").waitFor();
    await page.getByRole("tab", { name: "Report a fault" }).click();
    await page.getByLabel("What is wrong").fill(title);
    await page.getByLabel("Details").fill("V spálni fúka popri ráme, okno sa nedá dovrieť.");
    await page.getByRole("radio", { name: "windows doors" }).click();
    await page.getByRole("button", { name: "Save and send later" }).click();
    await page.getByText("Waiting to send: will be sent when you are back online.").waitFor();
    await expect(page.getByRole("tab", { name: "Home (1 waiting)" }).count()).resolves.toBe(1);
    // What was read online stays on screen offline, from the cache.
    await page.getByText("Hello, Oľga").waitFor();
    await page.getByText("Národná 12").waitFor();
    await browser.screenshot(page, SUITE, "waiting-to-send");
    expect(await reports()).toBe(0);

    // The first report to reach the gateway is answered, but the answer never reaches the app.
    let lostAnswers = 0;
    await page.route("**/graphql", async (route) => {
      if (lostAnswers === 0 && route.request().postData()?.includes("ReportFault")) {
        await route.fetch();
        lostAnswers += 1;
        return route.abort("connectionreset");
      }
      return route.continue();
    });
    await browser.context.setOffline(false);
    await page.getByTestId("reported-fault").getByText(title).waitFor({ timeout: 60_000 });
    await page.getByTestId("outbox-entry").waitFor({ state: "detached" });
    await browser.screenshot(page, SUITE, "sent");

    expect(lostAnswers).toBe(1);
    expect(await reports()).toBe(1);
    const fault = await db.fault.findFirstOrThrow({ where: { organizationId: org, title } });
    expect(fault).toMatchObject({ buildingId: building, reporterId: owner.id, category: "WINDOWS_DOORS", status: "NEW" });
    expect(await db.idempotencyKey.count({ where: { organizationId: org, operation: "faults.reportFault" } })).toBe(1);

    // The cache persisted on the device: reopened while the gateway cannot be reached, the app
    // shows the units and the fault it last saw, with their age.
    await page.waitForTimeout(1500); // the cache is written a second after its last change
    await page.unroute("**/graphql");
    await page.route("**/graphql", (route) => route.abort("connectionrefused"));
    await page.reload();
    await page.getByText("Národná 12").waitFor();
    await page.getByTestId("reported-fault").getByText(title).waitFor();
    await page
      .getByTestId("faults-age")
      .getByText(/^updated (just now|1 min ago)$/)
      .waitFor();
    await browser.screenshot(page, SUITE, "reopened-without-server");
  });
});
