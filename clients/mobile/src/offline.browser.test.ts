// The mobile app's web target (Expo's web export, served with /graphql forwarded to a real stack)
// in Chromium: an owner signs in, the device goes offline, the owner reports a fault, writes a
// message and submits a meter reading, and sees each waiting to send; back online, the outbox
// sends them — and the first answer of each is lost on the way back, as on a flaky connection, so
// the app sends it again — and the fault, the message and the reading each exist exactly once.
// What one person queued is never sent under another's session on the same device. Reopened without
// the server, the app shows what it saved, with its age.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveApp, type AppServer } from "@ppt/testing/app-server";
import { launchBrowser, type TestBrowser } from "@ppt/testing/browser";
import { addMember, addOwnership, createAccount, createBuilding, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
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
  it(
    "queues a fault, a message and a meter reading made offline, sends them when back online, and each exists exactly once",
    { timeout: 180_000 },
    async () => {
      const db = stack.owner.prisma;
      const org = (await createOrganization(db, "Bytové družstvo Mobil")).id;
      const building = (await createBuilding(db, org, "Žilina", "Národná", "12")).id;
      const unit = (await createUnit(db, org, building, "7")).id;
      const owner = await createAccount(db, { password: PASSWORD, organizationId: org, roles: ["owner"], firstName: "Oľga" });
      await addOwnership(db, org, unit, owner.id);
      const title = `Netesní okno ${randomUUID().slice(0, 8)}`;
      const reports = () => db.fault.count({ where: { organizationId: org, title } });
      // The owner's conversation with the manager, and a water meter of the unit in an open reading period.
      const manager = (await createUser(db, "Marek", "Správca")).id;
      await addMember(db, org, manager);
      const managerToken = await stack.tokenFor(manager, org, ["manager"]);
      const ownerToken = await stack.tokenFor(owner.id, org, ["owner"]);
      const api = async (query: string, variables: Record<string, unknown>, token: string) => {
        const res = await stack.query(query, variables, token);
        expect(res.errors).toBeUndefined();
        return res.data;
      };
      const conversation = (
        await api(
          `mutation ($input: StartConversationInput!) { startConversation(input: $input) { id } }`,
          { input: { participantIds: [manager] } },
          ownerToken,
        )
      ).startConversation.id as string;
      const serial = `SV-${randomUUID().slice(0, 6)}`;
      const meter = (
        await api(
          `mutation ($input: CreateMeterInput!) { createMeter(input: $input) { id } }`,
          { input: { buildingId: building, unitId: unit, kind: "WATER_COLD", serialNumber: serial, installedOn: "2024-01-01", initialReading: "0" } },
          managerToken,
        )
      ).createMeter.id as string;
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      await api(
        `mutation ($input: OpenMeterReadingPeriodInput!) { openMeterReadingPeriod(input: $input) { id } }`,
        { input: { buildingId: building, kind: "WATER_COLD", periodStart: day(-30), periodEnd: day(30), opensOn: day(-1), closesOn: day(2) } },
        managerToken,
      );
      const messageBody = `Kedy príde technik? ${randomUUID().slice(0, 8)}`;
      const messages = () => db.message.count({ where: { conversationId: conversation, body: messageBody } });
      const readings = () => db.meterReading.count({ where: { meterId: meter, value: "123.4" } });

      const page = await browser.newPage();
      await page.goto(app.url);
      await page.getByLabel("E-mail").fill(owner.email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByText("Hello, Oľga").waitFor();
      await page.getByTestId("units-age").getByText("updated just now").waitFor();
      await browser.screenshot(page, SUITE, "home-online");
      // Opened once online, the conversation and the meters are on the device for later.
      await page.getByRole("tab", { name: "Messages" }).click();
      await page.getByTestId("conversation").click();
      await page.getByTestId("conversation-age").getByText("updated just now").waitFor();
      await page.getByRole("tab", { name: "Meters" }).click();
      await page.getByText(`water cold ${serial}, unit 7`).waitFor();
      await page.getByTestId("meters-age").getByText("updated just now").waitFor();
      await page.getByRole("tab", { name: "Home" }).click();

      await browser.context.setOffline(true);
      await page.getByText("Offline: showing what this device saved.").waitFor();
      await page.getByRole("tab", { name: "Report a fault" }).click();
      await page.getByLabel("What is wrong").fill(title);
      await page.getByLabel("Details").fill("V spálni fúka popri ráme, okno sa nedá dovrieť.");
      await page.getByRole("radio", { name: "windows doors" }).click();
      await page.getByRole("button", { name: "Save and send later" }).click();
      await page.getByText("Waiting to send: will be sent when you are back online.").waitFor();
      await expect(page.getByRole("tab", { name: "Home (1 waiting)" }).count()).resolves.toBe(1);

      await page.getByRole("tab", { name: "Messages" }).click();
      await page.getByTestId("conversation").click();
      await page.getByLabel("Message").fill(messageBody);
      await page.getByRole("button", { name: "Send later" }).click();
      await page.getByTestId("message-waiting").getByText("Waiting to send").waitFor();
      await browser.screenshot(page, SUITE, "message-waiting");

      await page.getByRole("tab", { name: "Meters" }).click();
      await page.getByRole("button", { name: `Submit a reading of ${serial}` }).click();
      await page.getByLabel("Reading (m3)").fill("123,4");
      await page.getByRole("button", { name: "Save reading and send later" }).click();
      await page.getByTestId("reading-waiting").getByText("123.4: waiting to send").waitFor();
      await browser.screenshot(page, SUITE, "reading-waiting");
      await page.getByRole("tab", { name: "Home (3 waiting)" }).click();
      // What was read online stays on screen offline, from the cache.
      await page.getByText("Hello, Oľga").waitFor();
      await page.getByText("Národná 12").waitFor();
      await browser.screenshot(page, SUITE, "waiting-to-send");
      expect(await reports()).toBe(0);
      expect(await messages()).toBe(0);
      expect(await readings()).toBe(0);

      // A shared phone: Oľga signs out with three things waiting and a neighbour signs in online.
      // Oľga's entries are neither shown to the neighbour nor sent under the neighbour's session.
      await page.getByRole("button", { name: "Sign out" }).click();
      await browser.context.setOffline(false);
      const neighbour = await createAccount(db, { password: PASSWORD, organizationId: org, roles: ["owner"], firstName: "Nora" });
      const signIn = async (email: string, name: string) => {
        await page.getByLabel("E-mail").fill(email);
        await page.getByLabel("Password").fill(PASSWORD);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByText(`Hello, ${name}`).waitFor();
      };
      await signIn(neighbour.email, "Nora");
      await expect(page.getByRole("tab", { name: /waiting/ }).count()).resolves.toBe(0);
      await page.waitForTimeout(3_000); // a flush would have sent them within a second
      expect([await reports(), await messages(), await readings()]).toEqual([0, 0, 0]);
      await page.getByRole("button", { name: "Sign out" }).click();

      // The first of each queued mutation to reach the gateway is answered, but the answer never reaches the app.
      const lost = new Set<string>();
      await page.route("**/graphql", async (route) => {
        const sent = route.request().postData() ?? "";
        const operation = ["ReportFault", "SendQueuedMessage", "SubmitQueuedMeterReading"].find((name) => sent.includes(name));
        if (operation && !lost.has(operation)) {
          await route.fetch();
          lost.add(operation);
          return route.abort("connectionreset");
        }
        return route.continue();
      });
      // Oľga signs in again: her entries are hers to send.
      await signIn(owner.email, "Oľga");
      await page.getByTestId("reported-fault").getByText(title).waitFor({ timeout: 60_000 });
      await page.getByTestId("outbox-entry").first().waitFor({ state: "detached", timeout: 60_000 });
      await browser.screenshot(page, SUITE, "sent");

      expect([...lost].sort()).toEqual(["ReportFault", "SendQueuedMessage", "SubmitQueuedMeterReading"]);
      expect(await reports()).toBe(1);
      expect(await messages()).toBe(1);
      expect(await readings()).toBe(1);
      for (const operation of ["messages.sendMessage", "meters.submitMeterReading"])
        expect(await db.idempotencyKey.count({ where: { organizationId: org, operation } })).toBe(1);
      await page.getByRole("tab", { name: "Meters" }).click();
      await page
        .getByTestId("meter-last-reading")
        .getByText(/^Last reading 123\.4 m3/)
        .waitFor();
      await page.getByRole("tab", { name: "Messages" }).click();
      await page.getByTestId("conversation").click();
      await page.getByTestId("message").getByText(messageBody).waitFor();
      await expect(page.getByTestId("message").getByText(messageBody).count()).resolves.toBe(1);

      // Live: the manager's answer appears in the open conversation (messageAdded), and a ballot
      // cast elsewhere moves the open vote's tally (voteTallyUpdated), with no reload.
      const answer = `Zajtra o deviatej. ${randomUUID().slice(0, 8)}`;
      await api(
        `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }`,
        { input: { conversationId: conversation, body: answer } },
        managerToken,
      );
      await page.getByTestId("message").getByText(answer).waitFor();
      const vote = (
        await api(
          `mutation ($input: CreateVoteInput!) { createVote(input: $input) { id options { id } } }`,
          {
            input: {
              buildingId: building,
              title: "Výmena výťahu",
              options: [{ label: "Áno" }, { label: "Nie" }],
              matterType: "ORDINARY",
              endsAt: new Date(Date.now() + 86_400_000).toISOString(),
            },
          },
          managerToken,
        )
      ).createVote;
      await api(`mutation ($id: ID!) { publishVote(id: $id) { status } }`, { id: vote.id }, managerToken);
      await page.getByRole("tab", { name: "Votes" }).click();
      await page.getByText("Výmena výťahu").click();
      await page.getByText("0 of 1 units voted", { exact: false }).waitFor();
      await api(
        `mutation ($input: CastBallotInput!) { castBallot(input: $input) { id } }`,
        { input: { voteId: vote.id, unitId: unit, optionIds: [vote.options[0].id] } },
        ownerToken,
      );
      await page.getByText("1 of 1 units voted", { exact: false }).waitFor();
      await page.getByTestId("tally-option").first().getByText("1 ballot · 100.0 % of the votes cast").waitFor();
      await browser.screenshot(page, SUITE, "vote-live-tally");
      // The build carries no VAPID key: the app asks the server for it, gets it, and stops only
      // at the browser's permission (headless Chromium grants none), registering nothing.
      await page.getByRole("tab", { name: "Settings" }).click();
      await page.getByLabel("Push notifications on this device").click();
      await page.getByText("Notifications are blocked for this app in the browser's settings.").waitFor();
      expect(await db.deviceToken.count({ where: { userId: owner.id } })).toBe(0);
      await page.getByRole("tab", { name: "Home" }).click();
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
    },
  );

  it(
    "shows an owner on a phone-wide screen their unit's balance, what is past due, the invoices and how to pay one, offline too",
    { timeout: 180_000 },
    async () => {
      const db = stack.owner.prisma;
      const org = (await createOrganization(db, "SVB Platobná")).id;
      const building = (await createBuilding(db, org, "Trnava", "Hlavná", "5")).id;
      const unit = (await createUnit(db, org, building, "12")).id;
      const owner = await createAccount(db, { password: PASSWORD, organizationId: org, roles: ["owner"], firstName: "Peter" });
      await addOwnership(db, org, unit, owner.id);
      const manager = (await createUser(db, "Mária", "Účtovná")).id;
      await addMember(db, org, manager);
      const managerToken = await stack.tokenFor(manager, org, ["manager"]);
      const api = async (query: string, variables: Record<string, unknown>) => {
        const res = await stack.query(query, variables, managerToken);
        expect(res.errors).toBeUndefined();
        return res.data;
      };
      // 120.00 a month from January; November is issued (and past due), nothing is paid.
      await api(`mutation { setBankAccountIban(iban: "SK31 1200 0000 1987 4263 7541") }`, {});
      await api(`mutation ($input: SetAdvancePaymentRuleInput!) { setAdvancePaymentRule(input: $input) { id } }`, {
        input: { unitId: unit, fund: "OPERATING", description: "Správa", amount: "120.00", validFrom: "2025-01-01" },
      });
      await api(`mutation ($period: String!, $key: String!) { issueInvoices(period: $period, idempotencyKey: $key) { issued } }`, {
        period: "2025-11",
        key: `issue-${randomUUID()}`,
      });
      const invoice = await db.invoice.findFirstOrThrow({ where: { organizationId: org, unitId: unit } });

      const phone = await launchBrowser();
      try {
        const page = await phone.newPage();
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(app.url);
        await page.getByLabel("E-mail").fill(owner.email);
        await page.getByLabel("Password").fill(PASSWORD);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByText("Hello, Peter").waitFor();
        await page.getByRole("tab", { name: "Balances" }).click();
        const balance = page.getByTestId("unit-balance");
        await balance.getByText("Unit 12, Hlavná 5").waitFor();
        await balance.getByText("Owes €120.00").waitFor();
        await balance.getByText("Past due €120.00").waitFor();
        await page.getByTestId("balances-age").getByText("updated just now").waitFor();
        const row = page.getByTestId("invoice");
        await row.getByText(`${invoice.number} · unit 12`).waitFor();
        await row.getByText(/^(issued|overdue) · due \d+ [A-Z][a-z]{2,3} \d{4} · total €120\.00$/).waitFor();
        await browser.screenshot(page, SUITE, "balances-390");
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

        await page.getByRole("button", { name: `Pay invoice ${invoice.number}` }).click();
        const details = page.getByTestId("payment-details");
        await details.getByTestId("payment-iban").getByText("SK3112000000198742637541").waitFor();
        await details.getByTestId("payment-amount").getByText("€120.00").waitFor();
        await details.getByTestId("payment-variable-symbol").getByText(invoice.variableSymbol!).waitFor();
        await page.getByRole("img", { name: `PAY by square code for invoice ${invoice.number}` }).waitFor();
        await browser.screenshot(page, SUITE, "pay-invoice-390");

        // Reopened without the server: the balance and the payment details come from the device.
        await page.waitForTimeout(1500); // the cache is written a second after its last change
        await page.route("**/graphql", (route) => route.abort("connectionrefused"));
        await page.reload();
        await page.getByRole("tab", { name: "Balances" }).click();
        await page.getByTestId("unit-balance").getByText("Owes €120.00").waitFor();
        await page.getByRole("button", { name: `Pay invoice ${invoice.number}` }).click();
        await page.getByTestId("payment-iban").getByText("SK3112000000198742637541").waitFor();
        await page.getByRole("img", { name: `PAY by square code for invoice ${invoice.number}` }).waitFor();
        await browser.screenshot(page, SUITE, "pay-invoice-offline-390");
      } finally {
        await phone.close();
      }
    },
  );
});
