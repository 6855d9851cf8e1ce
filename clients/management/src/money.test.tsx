// The finance, meters and rentals screens against the real gateway, both subgraphs, PostgreSQL and
// object storage: an owner's balances and invoices, the invoice's PAY by square QR code (decoded
// back from the rendered SVG to the payload the graph computed); a manager's payment recorded once
// however often the form's submit is retried; an owner's meter reading with a photo of the display,
// sent twice by a retried form and stored once, then in the unit's reading history; a reservation
// created through the app's mutation and listed for the unit.
import { renderToString } from "react-dom/server";
import { ApolloProvider } from "@apollo/client/react";
import { prerenderStatic } from "@apollo/client/react/ssr";
import jsQR from "jsqr";
import { Router } from "wouter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createOrganization, createOwnedBuilding, createUser } from "@ppt/testing/fixtures";
import { jpegWithGps } from "@ppt/testing/images";
import { startStack, type Stack } from "@ppt/testing/stack";
import { App } from "./App.tsx";
import { createManagementClient } from "./apollo.ts";
import { recordPayment } from "./finance/record-payment.ts";
import { submitReading, type ReadingAttempt } from "./meters/reading-submission.ts";
import { CreateReservation } from "./rentals/operations.ts";
import { createTokenStore } from "./session/session.ts";
import { SessionProvider } from "./session/SessionContext.tsx";

let stack: Stack;
let managerToken: string;
let ownerToken: string;
let buildingId: string;
let unitId: string;
let invoiceId: string;
let meterId: string;

const clientFor = (token: string) =>
  createManagementClient({ uri: stack.gateway.url, tokens: createTokenStore({ initial: { accessToken: token, refreshToken: null, expiresAt: null } }) });
const clean = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/&amp;/g, "&")
    .replace(/\u00a0/g, " ");

async function render(path: string, token: string, search = "") {
  const tokens = createTokenStore({ initial: { accessToken: token, refreshToken: null, expiresAt: null } });
  const client = createManagementClient({ uri: stack.gateway.url, tokens, ssrMode: true });
  const tree = (
    <ApolloProvider client={client}>
      <SessionProvider tokens={tokens}>
        <Router ssrPath={path} ssrSearch={search}>
          <App />
        </Router>
      </SessionProvider>
    </ApolloProvider>
  );
  const { result } = await prerenderStatic({ tree, renderFunction: renderToString });
  return clean(result);
}

async function ok<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const result = await stack.query(query, variables, token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

const month = new Date().toISOString().slice(0, 7);
const iso = (d: Date) => d.toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const org = (await createOrganization(db, "SVB Platobná")).id;
  const manager = (await createUser(db, "Mária", "Účtovníčka")).id;
  await addMember(db, org, manager);
  managerToken = await stack.tokenFor(manager, org, ["manager"]);
  const owned = await createOwnedBuilding(db, org, 2);
  buildingId = owned.buildingId;
  unitId = owned.units[0]!.unitId;
  ownerToken = await stack.tokenFor(owned.units[0]!.ownerId, org, ["owner"]);

  await ok(`mutation { setBankAccountIban(iban: "SK3112000000198742637541") }`, {}, managerToken);
  for (const unit of owned.units)
    await ok(
      `mutation ($input: SetAdvancePaymentRuleInput!) { setAdvancePaymentRule(input: $input) { id } }`,
      { input: { unitId: unit.unitId, fund: "REPAIR_FUND", description: "Fond opráv", amount: "84.20", validFrom: `${month}-01` } },
      managerToken,
    );
  await ok(`mutation ($period: String!) { issueInvoices(period: $period, idempotencyKey: "issue-1") { issued } }`, { period: month }, managerToken);
  const invoices = await ok(`query ($unitId: ID!) { invoices(filter: { unitId: $unitId }) { edges { node { id } } } }`, { unitId }, managerToken);
  invoiceId = invoices.invoices.edges[0].node.id;

  const meter = await ok(
    `mutation ($input: CreateMeterInput!) { createMeter(input: $input) { id } }`,
    { input: { buildingId, unitId, kind: "WATER_COLD", serialNumber: "SV-1001", installedOn: "2025-01-01", initialReading: "10" } },
    managerToken,
  );
  meterId = meter.createMeter.id;
  const now = Date.now();
  await ok(
    `mutation ($input: OpenMeterReadingPeriodInput!) { openMeterReadingPeriod(input: $input) { id } }`,
    {
      input: {
        buildingId,
        kind: "WATER_COLD",
        periodStart: `${new Date().getFullYear()}-01-01`,
        periodEnd: `${new Date().getFullYear()}-12-31`,
        opensOn: iso(new Date(now - 86_400_000)),
        closesOn: iso(new Date(now + 3 * 86_400_000)),
      },
    },
    managerToken,
  );
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

/** The QR code's text, read back from the rendered SVG's unit squares by a QR decoder. */
function decodeQr(html: string): string | null {
  const svg = /<svg class="pay-by-square"[^>]*viewBox="0 0 (\d+) \1"[^>]*>.*?<path d="([^"]+)"/.exec(html);
  if (!svg) return null;
  const size = Number(svg[1]);
  const scale = 4;
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [, x, y] of svg[2]!.matchAll(/M(\d+) (\d+)h1v1h-1z/g))
    for (let dy = 0; dy < scale; dy++)
      for (let dx = 0; dx < scale; dx++) {
        const offset = ((Number(y) * scale + dy) * width + Number(x) * scale + dx) * 4;
        pixels.fill(0, offset, offset + 3);
      }
  return jsQR(pixels, width, width)?.data ?? null;
}

describe("an owner's money", () => {
  it("shows what the owner's unit owes and its prescription, and no neighbour's", async () => {
    const html = await render("/financie", ownerToken);
    expect(html).toContain("<h1>Moje financie</h1>");
    expect(html).toContain("Jednotka 1");
    expect(html).toContain("Dlžíte 84,20 €");
    expect(html).not.toContain("Jednotka 2");
    expect(html).toContain(`href="/financie/faktury/${invoiceId}"`);
    expect(html).toContain("Vystavená");
  });

  it("shows the invoice's PAY by square QR code, which decodes to the graph's payload", async () => {
    const { invoice } = await ok(`query ($id: ID!) { invoice(id: $id) { payBySquare } }`, { id: invoiceId }, ownerToken);
    expect(invoice.payBySquare).toBeTruthy();
    const html = await render(`/financie/faktury/${invoiceId}`, ownerToken);
    expect(html).toMatch(/<svg class="pay-by-square" role="img" aria-label="QR kód PAY by square na úhradu 84,20 €, variabilný symbol \d+"/);
    expect(decodeQr(html)).toBe(invoice.payBySquare);
    expect(html).toContain("Stiahnuť PDF");
  });

  it("reads in English when the owner chose it", async () => {
    const { I18nProvider } = await import("./i18n/I18nContext.tsx");
    const tokens = createTokenStore({ initial: { accessToken: ownerToken, refreshToken: null, expiresAt: null } });
    const client = createManagementClient({ uri: stack.gateway.url, tokens, ssrMode: true });
    const { result } = await prerenderStatic({
      tree: (
        <I18nProvider initial="en">
          <ApolloProvider client={client}>
            <SessionProvider tokens={tokens}>
              <Router ssrPath="/financie">
                <App />
              </Router>
            </SessionProvider>
          </ApolloProvider>
        </I18nProvider>
      ),
      renderFunction: renderToString,
    });
    const html = clean(result);
    expect(html).toContain("You owe €84.20");
    expect(html).not.toContain("Dlžíte");
  });
});

describe("a manager's payment", () => {
  it("is recorded once when the form's submit is retried with its key, and the unit's account shows it", async () => {
    const client = clientFor(managerToken);
    const draft = { unitId, amount: "84,20", paidOn: iso(new Date()), method: "CASH" as const, reference: "Pokladňa 17" };
    const key = crypto.randomUUID();
    const first = await recordPayment(client, draft, key);
    const retried = await recordPayment(client, draft, key);
    expect(first.payment?.id).toBeTruthy();
    expect(retried.payment?.id).toBe(first.payment?.id);
    const { payments } = await ok(`query ($unitId: ID!) { payments(filter: { unitId: $unitId }) { totalCount } }`, { unitId }, managerToken);
    expect(payments.totalCount).toBe(1);

    const html = await render("/financie", managerToken, `budova=${buildingId}`);
    expect(html).toContain("Účty jednotiek");
    // Unit 1 paid its 84.20, unit 2 still owes it.
    expect(html).toMatch(/<th scope="row">1<\/th><td>0,00 €<\/td>/);
    expect(html).toMatch(/<th scope="row">2<\/th><td>84,20 €<\/td>/);
    const owner = await render("/financie", ownerToken);
    expect(owner).toContain("Vyrovnané");
    expect(owner).toContain("Hotovosť");
  });

  it("checks the amount before asking the graph", async () => {
    const before = stack.queryCount();
    const refused = await recordPayment(clientFor(managerToken), { unitId, amount: "12,345", paidOn: "2025-01-01", method: "CASH", reference: "" }, "k");
    expect(refused).toEqual({ problem: "amount" });
    expect(stack.queryCount()).toBe(before);
  });
});

describe("an owner's meter reading", () => {
  it("uploads the photo and stores one reading when the submit is retried, then shows it in the history", async () => {
    const client = clientFor(ownerToken);
    const photo = new Blob([new Uint8Array(jpegWithGps().withoutGps)], { type: "image/jpeg" });
    const draft = { meterId, value: "12,5", note: "", rollover: false, photo };
    const attempt: ReadingAttempt = { idempotencyKey: crypto.randomUUID() };
    const first = await submitReading(client, draft, attempt);
    const retried = await submitReading(client, draft, attempt);
    expect(first.reading?.value).toBe("12.5");
    expect(retried.reading?.id).toBe(first.reading?.id);
    const stored = await stack.owner.prisma.meterReading.findMany({ where: { meterId }, orderBy: { createdAt: "asc" } });
    expect(stored.map((r) => r.value.toString())).toEqual(["10", "12.5"]);
    expect(stored[1]!.photoUploadId).toBeTruthy();

    const html = await render("/meradla", ownerToken, `budova=${buildingId}&jednotka=${unitId}`);
    expect(html).toContain("Studená voda · SV-1001");
    expect(html).toMatch(/<td>12,5<\/td><td>2,5<\/td><td>Odoslaný<\/td>/);
    expect(html).toContain("Nahlásiť stav merača");
  });

  it("words the graph's refusal of a reading below the previous one", async () => {
    const { describeRefusal, refusalOf } = await import("@ppt/client-shared");
    const { dictionaries } = await import("./i18n/messages.ts");
    const refused = await submitReading(
      clientFor(ownerToken),
      { meterId, value: "3", note: "", rollover: false, photo: null },
      { idempotencyKey: crypto.randomUUID() },
    ).catch((error: unknown) => error);
    expect(describeRefusal(dictionaries.sk, refusalOf(refused), dictionaries.sk.meters.refused)).toBe(
      "Stav je nižší ako predchádzajúci odpočet. Ak počítadlo pretieklo cez nulu, označte to.",
    );
  });
});

describe("short-term rentals", () => {
  it("lists a reservation the owner created for their unit", async () => {
    const { data } = await clientFor(ownerToken).mutate({
      mutation: CreateReservation,
      variables: { input: { unitId, checkIn: "2031-07-01", checkOut: "2031-07-04", guestCount: 2, contactName: "Hans Gast" } },
    });
    const html = await render("/prenajmy", ownerToken, `budova=${buildingId}&jednotka=${unitId}`);
    expect(html).toContain("1 rezervácia");
    expect(html).toContain(`href="/prenajmy/${data!.createReservation.id}"`);
    expect(html).toContain("Hans Gast");
    const detail = await render(`/prenajmy/${data!.createReservation.id}`, ownerToken);
    expect(detail).toContain("Zrušiť rezerváciu");
    expect(detail).toContain("Pridať hosťa");
  });
});
