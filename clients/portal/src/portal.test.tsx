// The portal's screens rendered on the server (prerenderStatic + renderToString) against the real
// gateway, both subgraphs and PostgreSQL: what a visitor would see, in Slovak, with Slovak prices.
import { renderToString } from "react-dom/server";
import { ApolloProvider } from "@apollo/client/react";
import { prerenderStatic } from "@apollo/client/react/ssr";
import type { ApolloClient } from "@apollo/client";
import { Router } from "wouter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgency, createBuilding, createOrganization, createRealtor, createUnit } from "@ppt/testing/fixtures";
import { insertListing } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";
import { SessionProvider } from "./account/SessionContext.tsx";
import { createTokenStore } from "./account/tokens.ts";
import { App } from "./App.tsx";
import { createPortalClient } from "./apollo.ts";
import { SearchListingsDocument } from "./generated/graphql.ts";

const NBSP = "\u00a0";
let stack: Stack;
let flatId: string;
let draftId: string;

async function render(path: string, search = "", client: ApolloClient = createPortalClient({ uri: stack.gateway.url, ssrMode: true })) {
  const tree = (
    <ApolloProvider client={client}>
      <SessionProvider tokens={createTokenStore()}>
        <Router ssrPath={path} ssrSearch={search}>
          <App />
        </Router>
      </SessionProvider>
    </ApolloProvider>
  );
  const { result } = await prerenderStatic({ tree, renderFunction: renderToString });
  return { html: decodeEntities(result), client, tree };
}

/** renderToString escapes text; the assertions read it as a visitor would. */
function decodeEntities(html: string): string {
  return html
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"');
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const org = await createOrganization(db, "Bytové družstvo Sever");
  const building = await createBuilding(db, org.id, "Košice", "Štúrova", "12");
  const unit = await createUnit(db, org.id, building.id, "4", 3);
  // Every listing has a publisher: the cooperative (its own flat) or a realtor of an agency.
  const agency = await createAgency(db, "Reality Východ");
  const realtor = await createRealtor(db, "Mária Kováčová");
  const published = { agencyId: agency.id, realtorId: realtor.id };
  flatId = (
    await insertListing(db, {
      title: "Slnečný 3-izbový byt s balkónom",
      city: "Košice",
      street: "Štúrova",
      addressVisibility: "STREET",
      price: "149000",
      unitId: unit.id,
      organizationId: org.id,
      description: "Zrekonštruovaný byt v tichej časti mesta.",
      sizeSqm: "68.40",
      rooms: 3,
      publishedAt: minutesAgo(1),
    })
  ).id;
  await insertListing(db, {
    ...published,
    title: "Prenájom 2-izbového bytu – Staré Mesto",
    city: "Bratislava",
    transactionType: "RENT",
    price: "650.50",
    publishedAt: minutesAgo(2),
  });
  await insertListing(db, { ...published, title: "Rodinný dom pri lese", city: "Prešov", propertyType: "HOUSE", price: "289900", publishedAt: minutesAgo(3) });
  // Older filler listings, so that the first page (12) does not hold them all.
  for (let i = 1; i <= 11; i++)
    await insertListing(db, { ...published, title: `Garsónka č. ${i}`, city: "Žilina", price: String(50000 + i * 1000), publishedAt: minutesAgo(10 + i) });
  draftId = (await insertListing(db, { ...published, title: "Nezverejnený koncept", status: "DRAFT", publishedAt: null })).id;
});

afterAll(async () => {
  await stack?.stop();
});

describe("listing search", () => {
  it("shows the newest published listings with Slovak prices, a Slovak count and a 'load more' button", async () => {
    const { html } = await render("/");
    expect(html).toContain("Slnečný 3-izbový byt s balkónom");
    expect(html).toContain("Rodinný dom pri lese");
    expect(html).toContain("Prenájom 2-izbového bytu – Staré Mesto");
    expect(html).toContain(`149${NBSP}000${NBSP}€`);
    expect(html).toContain(`289${NBSP}900${NBSP}€`);
    expect(html).toContain(`650,50${NBSP}€ / mesiac`);
    expect(html).toContain("68,4 m²");
    expect(html).toContain("14 inzerátov");
    expect(html).not.toContain("Nezverejnený koncept");
    // 12 per page: the two oldest fillers wait behind "load more".
    expect(html).not.toContain("Garsónka č. 11");
    expect(html).toContain("Zobraziť ďalšie");
    // Cards link to the listing's readable, canonical address.
    expect(html).toContain(`href="/byty/predaj/kosice/slnecny-3-izbovy-byt-s-balkonom-${flatId}"`);
  });

  it("loads the next page by the connection's cursor and appends it to the same list", async () => {
    const { client, tree } = await render("/");
    const watch = client.watchQuery({ query: SearchListingsDocument, variables: { filter: {}, first: 12 } });
    const first = await client.query({ query: SearchListingsDocument, variables: { filter: {}, first: 12 } });
    const cursor = first.data?.searchListings.pageInfo.endCursor;
    expect(cursor).toBeTruthy();
    await watch.fetchMore({ variables: { after: cursor } });
    const html = decodeEntities(renderToString(tree));
    for (let i = 1; i <= 11; i++) expect(html).toContain(`Garsónka č. ${i}<`);
    expect(html.match(/class="listing-card"/g)).toHaveLength(14);
    expect(html).not.toContain("Zobraziť ďalšie");
  });

  it("filters by city, transaction type and price range taken from the URL", async () => {
    const byCity = (await render("/", "mesto=Prešov")).html;
    expect(byCity).toContain("Rodinný dom pri lese");
    expect(byCity).toContain("1 inzerát");
    expect(byCity).not.toContain("Slnečný 3-izbový byt");

    const rent = (await render("/", "ponuka=prenajom")).html;
    expect(rent).toContain("Prenájom 2-izbového bytu – Staré Mesto");
    expect(rent).not.toContain("Rodinný dom pri lese");
    expect(rent).toMatch(/<option value="RENT" selected="">Prenájom<\/option>/);

    const priced = (await render("/", "od=100000&do=200000")).html;
    expect(priced).toContain("Slnečný 3-izbový byt s balkónom");
    expect(priced).toContain("1 inzerát");
    expect(priced).not.toContain("Rodinný dom pri lese");
    expect(priced).not.toContain("Garsónka");
  });

  it("says so in Slovak when nothing matches", async () => {
    const { html } = await render("/", "mesto=Trnava");
    expect(html).toContain("0 inzerátov");
    expect(html).toContain("Vašim požiadavkám nezodpovedá žiadny inzerát.");
  });
});

describe("listing detail", () => {
  it("shows the listing with its building's public facts from the property subgraph", async () => {
    const { html } = await render(`/inzerat/${flatId}`);
    expect(html).toContain("<h1>Slnečný 3-izbový byt s balkónom</h1>");
    expect(html).toContain(`149${NBSP}000${NBSP}€`);
    expect(html).toContain("Zrekonštruovaný byt v tichej časti mesta.");
    expect(html).toContain("O dome");
    // The listing shows the street only, so the building's number stays hidden from the public.
    expect(html).toContain("<dd>Štúrova, Košice</dd>");
    expect(html).not.toContain("Štúrova 12");
    expect(html).toContain("1978");
    expect(html).toContain("výťah");
  });

  it("does not show a draft: the visitor gets the Slovak not-found notice", async () => {
    const { html } = await render(`/inzerat/${draftId}`);
    expect(html).toContain("Inzerát sme nenašli alebo už nie je zverejnený.");
    expect(html).not.toContain("Nezverejnený koncept");
  });
});
