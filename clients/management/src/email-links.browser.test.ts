// Every link PPT's e-mails send, followed in a real browser: the management app built for
// production and served with /graphql forwarded to a real stack on RabbitMQ; the property worker
// sends real mail to an SMTP server started here; the test opens the link from the received mail
// in Chromium, does what a person does on that page, and checks the API's state changed. Then the
// notification centre: a new notification arrives live, is marked read, and the settings show
// what the unsubscribe link switched off.
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPropertyWorker } from "@ppt/property/jobs";
import { serveApp, type AppServer } from "@ppt/testing/app-server";
import { launchBrowser, type TestBrowser } from "@ppt/testing/browser";
import { createAccount, createOrganization, createOwnedBuilding } from "@ppt/testing/fixtures";
import { linkIn, startTestSmtp, type TestSmtp } from "@ppt/testing/smtp";
import { startStack, type GraphQLResponse, type Stack } from "@ppt/testing/stack";

const SUITE = "email-links";
const PASSWORD = "pôvodné-heslo-2024";
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken user { id } organization { id } } }`;
const code = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.code;

let smtp: TestSmtp;
let app: AppServer;
let stack: Stack;
let worker: { stop(): Promise<void> };
let browser: TestBrowser;

beforeAll(async () => {
  // The app's URL goes into the mail links, so the app is served (and built) before the stack starts.
  [smtp, app] = await Promise.all([startTestSmtp(), serveApp("management")]);
  stack = await startStack({ broker: true, env: { ...smtp.env, MANAGEMENT_APP_URL: app.url } });
  app.proxyTo(stack.gateway.url);
  worker = await startPropertyWorker(stack.config, { port: 0 });
  browser = await launchBrowser({ locale: "sk-SK" });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await stack?.stop();
  await app?.stop();
  await smtp?.stop();
});

/** Each test from its own client address, so per-address limits of one never touch another. */
function client() {
  const ip = `10.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
  return (query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse> =>
    stack.query(query, variables, token, { "x-forwarded-for": ip });
}

/** The link of the mail as the mail has it: it must lead into the app this test serves. */
function linkOf(mail: Parameters<typeof linkIn>[0], path: string): string {
  const { url } = linkIn(mail);
  expect(url.origin).toBe(app.url);
  expect(url.pathname).toBe(path);
  return url.toString();
}

async function signInOn(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Heslo", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Prihlásiť sa" }).click();
  await page.getByRole("button", { name: "Odhlásiť sa" }).waitFor();
}

describe("the links of PPT's e-mails, in Chromium", () => {
  it(
    "e-mail verification: the registration mail's link verifies the address, then sign-in works; the new-device mail leads to the account's devices",
    { timeout: 120_000 },
    async () => {
      const q = client();
      const email = `${randomUUID()}@example.sk`;
      expect(
        (
          await q(`mutation ($input: RegisterInput!) { register(input: $input) }`, {
            input: { email, password: PASSWORD, firstName: "Vera", lastName: "Nová" },
          })
        ).data.register,
      ).toBe(true);
      expect(code(await q(LOGIN, { input: { email, password: PASSWORD } }))).toBe("FORBIDDEN");

      const link = linkOf(await smtp.waitFor(email), "/overenie-emailu");
      const page = await browser.newPage();
      await page.goto(link);
      await page.getByText("Vaša e-mailová adresa je overená").waitFor();
      await browser.screenshot(page, SUITE, "verify-email");
      expect((await q(LOGIN, { input: { email, password: PASSWORD } })).errors).toBeUndefined();

      // The same link again (a used token) says so instead of pretending.
      await page.goto(link);
      await page.getByText("Odkaz je neplatný alebo mu vypršala platnosť.").waitFor();

      // Signing in from Chromium is a new device for this account (the first sign-in came from the
      // test's client): the security mail links to the account's devices, where the other one is ended.
      const other = (await q(LOGIN, { input: { email, password: PASSWORD } })).data.login.accessToken as string;
      await page.getByRole("link", { name: "Prihlásiť sa" }).click();
      await signInOn(page, email, PASSWORD);
      const notice = await smtp.waitFor(email, (m) => m.subject === "Prihlásenie z nového zariadenia");
      const security = new RegExp(`${app.url}/zabezpecenie\\b`).exec(notice.text)?.[0];
      expect(security).toBeDefined();
      await page.goto(security!);
      await page.getByText("toto zariadenie").waitFor();
      await browser.screenshot(page, SUITE, "security");
      expect((await q(`{ me { id } }`, {}, other)).errors).toBeUndefined();
      const ends = page.getByRole("button", { name: "Ukončiť" });
      await expect.poll(() => ends.count(), { timeout: 15_000 }).toBe(2); // the test client's two sign-ins
      await ends.first().click();
      await expect.poll(() => ends.count(), { timeout: 15_000 }).toBe(1);
      // Newest first: the session ended was the test client's latest, and its token stops working.
      await expect.poll(async () => code(await q(`{ me { id } }`, {}, other)), { timeout: 15_000 }).toBe("UNAUTHENTICATED");
      await page.close();
    },
  );

  it("password reset: asked for on the sign-in page, set from the mail's link; the new password signs in", { timeout: 90_000 }, async () => {
    const q = client();
    const user = await createAccount(stack.owner.prisma, { password: PASSWORD, firstName: "Rudolf" });
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByRole("link", { name: "Zabudli ste heslo?" }).click();
    await page.getByLabel("E-mail").fill(user.email);
    await page.getByRole("button", { name: "Poslať odkaz" }).click();
    await page.getByText("poslali sme na ňu odkaz").waitFor();

    const link = linkOf(await smtp.waitFor(user.email, (m) => m.subject === "Obnovenie hesla"), "/obnova-hesla");
    await page.goto(link);
    const fresh = "celkom-nové-heslo-2025";
    await page.getByLabel("Nové heslo (aspoň 10 znakov)").fill(fresh);
    await page.getByLabel("Nové heslo ešte raz").fill("iné-heslo-2025-xx");
    await page.getByRole("button", { name: "Nastaviť heslo" }).click();
    await page.getByText("Heslá sa nezhodujú.").waitFor(); // checked before anything is sent
    await page.getByLabel("Nové heslo ešte raz").fill(fresh);
    await page.getByRole("button", { name: "Nastaviť heslo" }).click();
    await page.getByText("Heslo je zmenené.").waitFor();
    await browser.screenshot(page, SUITE, "reset-password");

    expect(code(await q(LOGIN, { input: { email: user.email, password: PASSWORD } }))).toBe("UNAUTHENTICATED");
    await page.getByRole("link", { name: "Prihlásiť sa" }).click();
    await signInOn(page, user.email, fresh);
    await page.close();
  });

  it("invitation: the page shows what it is for, the newcomer creates an account and lands in the organization", { timeout: 90_000 }, async () => {
    const q = client();
    const org = await createOrganization(stack.owner.prisma, "SVB Pozvánková 7");
    const admin = await createAccount(stack.owner.prisma, { password: PASSWORD, organizationId: org.id, roles: ["org_admin"] });
    const adminToken = await stack.tokenFor(admin.id, org.id, ["org_admin"]);
    const invitee = `${randomUUID()}@example.sk`;
    expect((await q(`mutation ($e: EmailAddress!) { inviteMember(email: $e, role: "manager") { id } }`, { e: invitee }, adminToken)).errors).toBeUndefined();

    const link = linkOf(await smtp.waitFor(invitee), "/pozvanka");
    const page = await browser.newPage();
    await page.goto(link);
    await page.getByText("Pozývame vás do organizácie SVB Pozvánková 7.").waitFor();
    await page.getByText(invitee).waitFor();
    await page.getByText("správca", { exact: true }).waitFor(); // the role, in the reader's language
    await browser.screenshot(page, SUITE, "invitation");
    // Seeing it accepted nothing.
    expect(await stack.owner.prisma.user.findUnique({ where: { email: invitee } })).toBeNull();

    await page.getByLabel("Meno", { exact: true }).fill("Ivan");
    await page.getByLabel("Priezvisko").fill("Pozvaný");
    await page.getByLabel("Heslo (aspoň 10 znakov)").fill(PASSWORD);
    await page.getByLabel("Nové heslo ešte raz").fill(PASSWORD);
    await page.getByRole("button", { name: "Prijať a vytvoriť účet" }).click();
    await page.getByText("Ste členom organizácie SVB Pozvánková 7.").waitFor();

    const session = await q(LOGIN, { input: { email: invitee, password: PASSWORD } });
    expect(session.errors).toBeUndefined();
    expect(session.data.login.organization?.id).toBe(org.id);
    // The link works once: opened again, the page says it is no longer valid.
    await page.goto(link);
    await page.getByText("Odkaz je neplatný alebo mu vypršala platnosť.").waitFor();
    await page.close();
  });

  it(
    "unsubscribe and the notification centre: the mail's link mutes e-mail of faults; new notifications arrive live and are marked read",
    { timeout: 120_000 },
    async () => {
      const q = client();
      const org = await createOrganization(stack.owner.prisma, "SVB Upozornenia 3");
      const house = await createOwnedBuilding(stack.owner.prisma, org.id, 1);
      const manager = await createAccount(stack.owner.prisma, { password: PASSWORD, organizationId: org.id, roles: ["manager"], firstName: "Milan" });
      const managerToken = await stack.tokenFor(manager.id, org.id, ["manager"]);
      const reporterToken = await stack.tokenFor(house.units[0]!.ownerId, org.id, ["owner"]);
      const report = async (title: string) => {
        const reported = await q(
          `mutation ($input: ReportFaultInput!) { reportFault(input: $input) { id } }`,
          { input: { buildingId: house.buildingId, title, description: "Nejde svetlo na chodbe." } },
          reporterToken,
        );
        expect(reported.errors).toBeUndefined();
      };
      const faultsByEmail = async () =>
        (
          (await q(`{ notificationPreferences { channels { category channel enabled } } }`, {}, managerToken)).data.notificationPreferences.channels as {
            category: string;
            channel: string;
            enabled: boolean;
          }[]
        ).find((c) => c.category === "FAULTS" && c.channel === "EMAIL")!.enabled;

      await report("Nesvieti svetlo na 3. poschodí");
      const mail = await smtp.waitFor(manager.email);
      expect(mail.subject).toBe("Nová porucha: Nesvieti svetlo na 3. poschodí");
      expect(await faultsByEmail()).toBe(true);
      const page = await browser.newPage();
      await page.goto(linkOf(mail, "/odhlasenie-upozorneni"));
      await page.getByText("E-maily z kategórie „Poruchy“ vám už nebudeme posielať.").waitFor();
      await browser.screenshot(page, SUITE, "unsubscribe");
      expect(await faultsByEmail()).toBe(false);

      // The notification centre, signed in: the first notice is there, unread.
      await page.goto(`${app.url}/upozornenia`);
      await signInOn(page, manager.email, PASSWORD);
      await page.getByText("Nesvieti svetlo na 3. poschodí").first().waitFor();
      const unread = page.getByTestId("unread-count");
      await expect.poll(() => unread.textContent(), { timeout: 15_000 }).toBe("1");

      // A second fault: it appears without a reload, and the header's count follows.
      await report("Zaseknutý výťah");
      await page.getByText("Zaseknutý výťah").first().waitFor({ timeout: 30_000 });
      await expect.poll(() => unread.textContent(), { timeout: 15_000 }).toBe("2");
      await browser.screenshot(page, SUITE, "notification-centre");

      await page.getByRole("button", { name: "Označiť všetky ako prečítané" }).click();
      await unread.waitFor({ state: "detached" });
      expect((await q(`{ unreadNotificationCount }`, {}, managerToken)).data.unreadNotificationCount).toBe(0);
      // Muted e-mail sent nothing for the second fault.
      expect(smtp.to(manager.email)).toHaveLength(1);

      // The settings show what the link switched off; a box ticked here is saved at once.
      await page.getByRole("link", { name: "Nastavenia upozornení" }).click();
      const faultsEmail = page.getByLabel("Poruchy: E-mail");
      await faultsEmail.waitFor();
      expect(await faultsEmail.isChecked()).toBe(false);
      expect(await page.getByLabel("Bezpečnosť: E-mail").isDisabled()).toBe(true);
      await faultsEmail.check();
      await page.getByText("Nastavenia sú uložené.").waitFor();
      await browser.screenshot(page, SUITE, "notification-settings");
      expect(await faultsByEmail()).toBe(true);
      await page.close();
    },
  );
});
