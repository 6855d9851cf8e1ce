// The management app's main journeys in Chromium, against a real stack (gateway, subgraphs,
// PostgreSQL, Redis, object storage) serving the production build: a manager sets up a building
// from a CSV and invites an owner; an owner reports a fault with a photo and watches it move to
// "in progress" live; a vote is created and published, two owners cast ballots on their own pages
// and the manager's open tally follows live. axe checks the sign-in, building, fault, vote,
// announcement and document screens for serious or critical violations. Screenshots: test-artifacts/screenshots/journeys.
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveApp, type AppServer } from "@ppt/testing/app-server";
import { launchBrowser, type TestBrowser } from "@ppt/testing/browser";
import { addMemberWithRoles, createAccount, createOrganization } from "@ppt/testing/fixtures";
import { jpegWithGps } from "@ppt/testing/images";
import { startStack, type Stack } from "@ppt/testing/stack";

const SUITE = "journeys";
const PASSWORD = "správne-heslo-2025";

let app: AppServer;
let stack: Stack;
let browser: TestBrowser;
let manager: { email: string; id: string };
let owners: { email: string; id: string }[];
let organizationId: string;

beforeAll(async () => {
  [app, stack] = await Promise.all([serveApp("management"), startStack({ redis: true })]);
  app.proxyTo(stack.gateway.url);
  browser = await launchBrowser({ locale: "sk-SK" });
  const db = stack.owner.prisma;
  organizationId = (await createOrganization(db, "SVB Javorová 12")).id;
  manager = await createAccount(db, { password: PASSWORD, organizationId, roles: ["manager"], firstName: "Mária" });
  owners = await Promise.all(
    ["Anna", "Boris", "Cyril"].map((firstName) => createAccount(db, { password: PASSWORD, organizationId, roles: ["owner"], firstName })),
  );
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await app?.stop();
});

/** No serious or critical violation on the page as it is now. */
async function expectAccessible(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const grave = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${screen}: ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(grave).toEqual([]);
}

async function signedIn(email: string, path = "/"): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${app.url}${path}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Heslo", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Prihlásiť sa" }).click();
  await page.getByRole("button", { name: "Odhlásiť sa" }).waitFor();
  return page;
}

let buildingId: string;

describe("the management app's journeys, in Chromium", () => {
  it("sign-in is accessible", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByRole("button", { name: "Prihlásiť sa" }).waitFor();
    await expectAccessible(page, "sign-in");
    await browser.screenshot(page, SUITE, "sign-in");
    await page.close();
  });

  it("a manager sets up a building from a CSV (a preview with per-row problems first) and invites an owner", { timeout: 120_000 }, async () => {
    const page = await signedIn(manager.email);
    await page.getByRole("link", { name: "Nová budova" }).click();
    await page.getByLabel("Ulica").fill("Javorová");
    await page.getByLabel("Číslo").fill("12");
    await page.getByLabel("Mesto").fill("Košice");
    await page.getByLabel("PSČ").fill("04001");
    await page.getByLabel("Počet podlaží").fill("4");
    await page.getByRole("button", { name: "Uložiť budovu" }).click();
    await page.getByRole("heading", { name: "Javorová 12, Košice" }).waitFor();
    buildingId = new URL(page.url()).pathname.split("/").pop()!;

    const file = (rows: string[]) => ({ name: "jednotky.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n")) });
    const upload = page.getByLabel("Súbor CSV alebo XLSX");
    // A file with problems: each row's problem is named, and nothing can be applied.
    await upload.setInputFiles(file(["jednotka;poschodie;podiel;vlastník", "1;1;300/1000;nikto@example.sk", "2;x;300/1000;"]));
    await page.getByText("Vlastník s týmto e-mailom nie je členom organizácie.").waitFor();
    await page.getByText("Poschodie musí byť celé číslo.").waitFor();
    expect(await page.getByRole("button", { name: /^Založiť/ }).isDisabled()).toBe(true);
    await browser.screenshot(page, SUITE, "unit-import-problems");

    await upload.setInputFiles(
      file([
        "jednotka;poschodie;plocha;podiel;vlastník;podiel vlastníka",
        ...owners.map((owner, i) => `${i + 1};${i + 1};62,5;${i === 2 ? 400 : 300}/1000;${owner.email};1/1`),
      ]),
    );
    await page.getByText("3 riadky sú v poriadku, 0 s chybou").waitFor();
    await page.getByRole("button", { name: "Založiť 3 jednotky" }).click();
    await page.getByText("Založených jednotiek: 3.").waitFor();
    const units = await stack.owner.prisma.unit.findMany({ where: { buildingId }, include: { ownerships: true }, orderBy: { designation: "asc" } });
    expect(units.map((u) => [u.designation, u.ownerships.map((o) => o.userId)])).toEqual(owners.map((o, i) => [String(i + 1), [o.id]]));
    await expectAccessible(page, "building");
    await browser.screenshot(page, SUITE, "building");

    const invitee = `${randomUUID()}@example.sk`;
    await page.getByRole("link", { name: "Členovia" }).click();
    await page.getByLabel("E-mail").fill(invitee);
    await page.getByLabel("Rola").selectOption("owner");
    await page.getByRole("button", { name: "Poslať pozvánku" }).click();
    await page.getByText(`Pozvánka pre ${invitee} je odoslaná.`).waitFor();
    expect(await stack.owner.prisma.invitation.count({ where: { organizationId, email: invitee, acceptedAt: null, revokedAt: null } })).toBe(1);
    await browser.screenshot(page, SUITE, "members");

    // Communication: an announcement published to the building, a document uploaded; both screens checked by axe.
    await page.getByRole("link", { name: "Oznamy" }).click();
    await page.getByRole("link", { name: "Nový oznam" }).click();
    await page.getByLabel("Nadpis").fill("Odpočet vodomerov");
    await page.getByLabel("Text oznamu").fill("V pondelok od 8:00 do 12:00.");
    await page.getByLabel("Budova").selectOption(buildingId);
    await page.getByLabel("Zverejniť hneď").check();
    await page.getByRole("button", { name: "Uložiť", exact: true }).click();
    await page.getByRole("heading", { name: /Odpočet vodomerov/ }).waitFor();
    await expectAccessible(page, "announcement");
    await browser.screenshot(page, SUITE, "announcement");
    await page.getByRole("link", { name: "Dokumenty" }).click();
    await page.getByRole("link", { name: "Nahrať dokument" }).click();
    await page.getByLabel("Názov", { exact: true }).fill("Stanovy spoločenstva");
    await page.getByLabel(/^Súbor/).setInputFiles({ name: "stanovy.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
    await page.getByRole("button", { name: "Nahrať", exact: true }).click();
    await page.getByRole("heading", { name: "Stanovy spoločenstva" }).waitFor();
    await page.getByRole("link", { name: "Stiahnuť verziu 1: stanovy.pdf" }).waitFor();
    await expectAccessible(page, "document");
    await browser.screenshot(page, SUITE, "document");
    // At a phone's width the screen still fits: nothing wider than the viewport but the scrolling table.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await browser.screenshot(page, SUITE, "document-phone");
    await page.close();
  });

  it("an owner reports a fault with a photo; the manager moves it to in progress and the owner's open page follows live", { timeout: 120_000 }, async () => {
    const owner = await signedIn(owners[0]!.email, "/poruchy/nahlasit");
    await owner.getByRole("heading", { name: "Nahlásiť poruchu" }).waitFor();
    await owner.getByLabel("Čo sa stalo").fill("Tečie voda v pivnici");
    await owner.getByLabel("Popis").fill("Z potrubia pri vchode kvapká voda.");
    const photo = owner.getByLabel("Fotografie (odfoťte telefónom alebo vyberte súbory)");
    expect(await photo.getAttribute("capture")).toBe("environment");
    await photo.setInputFiles({ name: "pivnica.jpg", mimeType: "image/jpeg", buffer: jpegWithGps().withGps });
    await expectAccessible(owner, "report fault");
    await owner.getByRole("button", { name: "Nahlásiť" }).click();
    await owner.getByRole("heading", { name: /Tečie voda v pivnici/ }).waitFor();
    const faultId = new URL(owner.url()).pathname.split("/").pop()!;
    const fault = await stack.owner.prisma.fault.findUniqueOrThrow({ where: { id: faultId }, include: { attachments: true } });
    expect(fault.attachments).toHaveLength(1);
    await owner.getByText("Nová", { exact: true }).first().waitFor();
    await expectAccessible(owner, "fault");
    await browser.screenshot(owner, SUITE, "fault-reported");

    const board = await signedIn(manager.email, "/poruchy?pohlad=tabula");
    await board.getByRole("link", { name: /Tečie voda v pivnici/ }).waitFor();
    await browser.screenshot(board, SUITE, "fault-board");
    await board.getByRole("link", { name: /Tečie voda v pivnici/ }).click();
    await board.getByRole("button", { name: "Posúdená" }).click();
    await board.getByRole("button", { name: "Rieši sa" }).click();
    await board.locator("h1").getByText("Rieši sa").waitFor();
    // The owner's page, untouched, shows the new status (and its history).
    await owner.locator("h1").getByText("Rieši sa").waitFor({ timeout: 15_000 });
    await browser.screenshot(owner, SUITE, "fault-live");
    await Promise.all([owner.close(), board.close()]);
  });

  it("a vote is created and published; two owners cast ballots on two pages and the manager's tally follows live", { timeout: 120_000 }, async () => {
    const page = await signedIn(manager.email, `/hlasovania/nove?budova=${buildingId}`);
    await page.getByLabel("Názov", { exact: true }).fill("Výmena strechy");
    await page.getByLabel("Koniec").fill("2099-06-30T18:00");
    await page.getByRole("button", { name: "Vytvoriť koncept" }).click();
    await page.getByRole("button", { name: "Zverejniť a otvoriť" }).click();
    await page.getByText("Prebieha").first().waitFor();
    const voteId = new URL(page.url()).pathname.split("/").pop()!;
    await expectAccessible(page, "vote");
    const ballots = page.locator(".tally tbody tr").first().locator("td").nth(1);
    await expect.poll(() => ballots.textContent()).toBe("0");

    const voters = await Promise.all(owners.slice(0, 2).map((o) => signedIn(o.email, `/hlasovania/${voteId}`)));
    for (const voter of voters) {
      await voter.getByRole("radio", { name: "Áno" }).check();
      await voter.getByRole("button", { name: "Odovzdať hlas" }).click();
      await voter.getByText("Hlas bol odovzdaný.").waitFor();
    }
    await expect.poll(() => ballots.textContent(), { timeout: 15_000 }).toBe("2");
    await browser.screenshot(voters[0]!, SUITE, "ballot");
    await browser.screenshot(page, SUITE, "vote-tally-live");
    await Promise.all([page.close(), ...voters.map((v) => v.close())]);
  });
});

// People: an administrator of two organizations gives a role, switches organization in the header
// (the choice outlives a reload and the next sign-in); axe checks the members and powers-of-attorney
// screens, both at a phone's width.
describe("people and organizations, in Chromium", () => {
  it("an administrator gives a member a role, switches organization and finds it again after signing in anew", { timeout: 120_000 }, async () => {
    const db = stack.owner.prisma;
    const second = (await createOrganization(db, "Družstvo Breza")).id;
    const admin = await createAccount(db, { password: PASSWORD, organizationId, roles: ["org_admin"], firstName: "Oskar" });
    await addMemberWithRoles(db, second, admin.id, ["manager"]);

    const page = await signedIn(admin.email, "/clenovia");
    const anna = page.locator("li.member", { hasText: "Anna Prihlásená" });
    await anna.getByLabel("Pridať rolu pre Anna Prihlásená").selectOption("tenant");
    await anna.getByRole("button", { name: "Pridať", exact: true }).click();
    await anna.getByRole("button", { name: "Odobrať rolu nájomca: Anna Prihlásená" }).waitFor();
    await expectAccessible(page, "members");
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await browser.screenshot(page, SUITE, "members-phone");

    const switcher = page.getByLabel("Organizácia", { exact: true });
    expect(await switcher.inputValue()).toBe(organizationId);
    await switcher.selectOption(second);
    await page.getByText("Teraz pracujete v organizácii Družstvo Breza.").waitFor({ state: "attached" });
    await page.getByText("0 budov").waitFor();
    expect(new URL(page.url()).pathname).toBe("/budovy");
    await page.reload();
    await page.getByText("0 budov").waitFor();
    expect(await switcher.inputValue()).toBe(second);

    await page.getByRole("link", { name: "Plné moci" }).click();
    await page.getByRole("heading", { name: "Plné moci", level: 1 }).waitFor();
    await expectAccessible(page, "delegations");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await browser.screenshot(page, SUITE, "delegations-phone");

    await page.getByRole("button", { name: "Odhlásiť sa" }).click();
    await page.getByLabel("E-mail").fill(admin.email);
    await page.getByLabel("Heslo", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Prihlásiť sa" }).click();
    await page.getByRole("button", { name: "Odhlásiť sa" }).waitFor();
    expect(await switcher.inputValue()).toBe(second);
    await page.close();
  });
});

// Finance and meters: an owner's balance and the invoice's PAY by square code, and a meter reading
// with a photo sent at a phone's width; axe checks both screens.
describe("an owner's money and meters, in Chromium", () => {
  it("shows what the owner owes with the invoice's QR code, and takes a meter reading with a photo on a phone", { timeout: 120_000 }, async () => {
    const db = stack.owner.prisma;
    const unit = await db.unit.findFirstOrThrow({ where: { buildingId, designation: "1" } });
    const token = await stack.tokenFor(manager.id, organizationId, ["manager"]);
    const month = new Date().toISOString().slice(0, 7);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const setup: [string, Record<string, unknown>][] = [
      [`mutation { setBankAccountIban(iban: "SK3112000000198742637541") }`, {}],
      [
        `mutation ($input: SetAdvancePaymentRuleInput!) { setAdvancePaymentRule(input: $input) { id } }`,
        { input: { unitId: unit.id, fund: "REPAIR_FUND", description: "Fond opráv", amount: "84.20", validFrom: `${month}-01` } },
      ],
      [`mutation ($period: String!) { issueInvoices(period: $period, idempotencyKey: "journeys-issue") { issued } }`, { period: month }],
      [
        `mutation ($input: CreateMeterInput!) { createMeter(input: $input) { id } }`,
        { input: { buildingId, unitId: unit.id, kind: "WATER_COLD", serialNumber: "JV-1", installedOn: "2025-01-01", initialReading: "10" } },
      ],
      [
        `mutation ($input: OpenMeterReadingPeriodInput!) { openMeterReadingPeriod(input: $input) { id } }`,
        {
          input: {
            buildingId,
            kind: "WATER_COLD",
            periodStart: `${month.slice(0, 4)}-01-01`,
            periodEnd: `${month.slice(0, 4)}-12-31`,
            opensOn: day(-1),
            closesOn: day(3),
          },
        },
      ],
    ];
    for (const [query, variables] of setup) expect((await stack.query(query, variables, token)).errors).toBeUndefined();

    const page = await signedIn(owners[0]!.email, "/financie");
    await page.getByText(/Dlžíte 84,20\s€/).waitFor();
    await expectAccessible(page, "my finances");
    await browser.screenshot(page, SUITE, "my-finances");
    await page.getByRole("link", { name: /^Faktúra .*: detail a QR platba$/ }).click();
    await page.getByRole("img", { name: /^QR kód PAY by square na úhradu 84,20\s€/ }).waitFor();
    await expectAccessible(page, "invoice");
    await browser.screenshot(page, SUITE, "invoice-qr");

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/meradla?budova=${buildingId}&jednotka=${unit.id}`);
    await page.getByRole("heading", { name: "Studená voda · JV-1" }).waitFor();
    await page.getByLabel("Stav merača (m3)").fill("12,5");
    await page.getByLabel("Fotka displeja merača").setInputFiles({ name: "vodomer.jpg", mimeType: "image/jpeg", buffer: jpegWithGps().withGps });
    await page.getByRole("button", { name: "Odoslať odpočet" }).click();
    await page.getByText("Odpočet je odoslaný.").waitFor();
    await page.getByRole("cell", { name: "12,5" }).waitFor();
    const readings = await db.meterReading.findMany({ where: { meter: { unitId: unit.id } }, orderBy: { createdAt: "asc" } });
    expect(readings.map((r) => [r.value.toString(), r.photoUploadId !== null])).toEqual([
      ["10", false],
      ["12.5", true],
    ]);
    // Nothing wider than the phone's screen but what scrolls inside a table's own box.
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.parentElement?.closest(".table-scroll"))
        .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)}px)`),
    );
    expect(overflowing).toEqual([]);
    await expectAccessible(page, "meters");
    await browser.screenshot(page, SUITE, "meters-phone");
    await page.close();
  });
});
