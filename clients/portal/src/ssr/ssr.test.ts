// The portal's server as search engines and curl meet it: plain HTTP against the real gateway, both
// subgraphs and PostgreSQL, no JavaScript run. Listing pages carry their data, canonical links,
// hreflang, Open Graph and JSON-LD in the HTML; removed and unknown listings answer 410 and 404;
// old addresses 301; sitemap.xml lists exactly the published listings (an index past its page
// size); anonymous pages have an ETag and answer 304 when it matches.
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgency, createRealtor } from "@ppt/testing/fixtures";
import { insertListing } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";
import { createPortalServer, listen } from "../../server/portal-server.ts";

const NBSP = "\u00a0";
const TEMPLATE = readFileSync(join(import.meta.dirname, "../../index.html"), "utf8");
let stack: Stack;
const servers: Server[] = [];
let portal: string;
let smallSitemaps: string;
let keepingPages: string;
const ids = { flat: "", house: "", sold: "", expired: "", draft: "" };
let agencySlug = "";
let realtorId = "";

async function startPortal(sitemapPageSize?: number, pageCacheSeconds?: number, pageStaleSeconds?: number): Promise<string> {
  const server = createPortalServer({
    gatewayUrl: stack.gateway.url,
    load: async () => ({ entry: await import("./entry-server.tsx"), template: TEMPLATE }),
    ...(sitemapPageSize ? { sitemapPageSize } : {}),
    ...(pageCacheSeconds ? { pageCacheSeconds } : {}),
    ...(pageStaleSeconds ? { pageStaleSeconds } : {}),
  });
  servers.push(server);
  return listen(server, 0);
}

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${portal}${path}`, { headers, redirect: "manual" });

function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
}

function locs(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
}

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const agency = await createAgency(db, "Reality Východ");
  agencySlug = agency.slug;
  const realtor = await createRealtor(db, "Mária Kováčová");
  realtorId = realtor.id;
  const published = { agencyId: agency.id, realtorId: realtor.id };
  ids.flat = (
    await insertListing(db, {
      ...published,
      title: "Slnečný 3-izbový byt s balkónom",
      city: "Košice",
      price: "149000",
      sizeSqm: "68.40",
      rooms: 3,
      description: "Zrekonštruovaný byt v tichej časti mesta.",
    })
  ).id;
  ids.house = (await insertListing(db, { ...published, title: "Rodinný dom pri lese", city: "Prešov", propertyType: "HOUSE", price: "289900" })).id;
  ids.sold = (await insertListing(db, { ...published, title: "Predaný byt", status: "SOLD" })).id;
  ids.expired = (await insertListing(db, { ...published, title: "Vypršaný byt", expiresAt: new Date(Date.now() - 60_000) })).id;
  ids.draft = (await insertListing(db, { ...published, title: "Nezverejnený koncept", status: "DRAFT", publishedAt: null })).id;
  portal = await startPortal();
  smallSitemaps = await startPortal(1);
  keepingPages = await startPortal(undefined, 600);
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
  await stack?.stop();
});

const flatPath = () => `/byty/predaj/kosice/slnecny-3-izbovy-byt-s-balkonom-${ids.flat}`;

describe("a listing page", () => {
  it("carries the listing's title, price, city, canonical link, hreflang, Open Graph and JSON-LD in the HTML", async () => {
    const answer = await get(flatPath());
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await answer.text();
    expect(html).toContain("<h1>Slnečný 3-izbový byt s balkónom</h1>");
    expect(html).toContain(`149${NBSP}000${NBSP}€`);
    expect(html).toContain(`<dt>Cena za m²</dt><dd>2${NBSP}178${NBSP}€/m²</dd>`);
    expect(html).toContain("Košice");
    expect(html).toContain(`<link rel="canonical" href="${portal}${flatPath()}" />`);
    expect(html).toContain(`<link rel="alternate" hreflang="sk" href="${portal}${flatPath()}" />`);
    expect(html).toContain(`<link rel="alternate" hreflang="en" href="${portal}/en${flatPath()}" />`);
    expect(html).toContain(`<meta property="og:title" content="Slnečný 3-izbový byt s balkónom – 149${NBSP}000${NBSP}€ | Reality Portál" />`);
    expect(html).toContain('<meta property="og:type" content="article" />');
    const [listing] = jsonLd(html);
    expect(listing).toMatchObject({
      "@context": "https://schema.org",
      "@type": "RealEstateListing",
      name: "Slnečný 3-izbový byt s balkónom",
      url: `${portal}${flatPath()}`,
      offers: { "@type": "Offer", price: "149000", priceCurrency: "EUR", offeredBy: { "@type": "Organization", name: "Reality Východ" } },
    });
    // The data the browser hydrates from, so it does not ask again.
    expect(html).toContain('<script id="ppt-ssr" type="application/json">');
  });

  it("lists similar listings under the listing in the HTML, and no such section where there are none", async () => {
    const db = stack.owner.prisma;
    const { agencyId, realtorId } = (await db.listing.findUniqueOrThrow({ where: { id: ids.flat } })) as { agencyId: string; realtorId: string };
    // Added and removed here, so that the sitemap's exact counts below stay as they are.
    const near = await insertListing(db, { agencyId, realtorId, title: "Útulný 3-izbový byt pri parku", city: "Košice", price: "155000", rooms: 3 });
    const far = await insertListing(db, { agencyId, realtorId, title: "Priestranný byt na nábreží", city: "Košice", price: "250000", rooms: 3 });
    try {
      const html = await (await get(flatPath())).text();
      expect(html).toContain("<h2>Podobné inzeráty</h2>");
      expect(html).toContain("Útulný 3-izbový byt pri parku");
      expect(html).toContain(`href="/byty/predaj/kosice/utulny-3-izbovy-byt-pri-parku-${near.id}"`);
      expect(html).not.toContain("Priestranný byt na nábreží");
      // Share links and the recently viewed list are the browser's own (after hydration): the
      // shared, cached HTML carries neither.
      expect(html).not.toContain('class="share"');
      expect(await (await get("/")).text()).not.toContain("Naposledy prezerané");
      const house = await (await get(`/domy/predaj/presov/rodinny-dom-pri-lese-${ids.house}`)).text();
      expect(house).not.toContain("Podobné inzeráty");
    } finally {
      await db.listing.deleteMany({ where: { id: { in: [near.id, far.id] } } });
    }
  });

  it("in English under /en, with the page's language on <html>", async () => {
    const answer = await get(`/en${flatPath()}`);
    expect(answer.status).toBe(200);
    const html = await answer.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("€149,000");
    expect(html).toContain(`<link rel="canonical" href="${portal}/en${flatPath()}" />`);
  });

  it("answers an old or outdated address with a 301 to the canonical one", async () => {
    for (const old of [`/inzerat/${ids.flat}`, `/byty/predaj/kosice/iny-nazov-${ids.flat}`, `/byty/prenajom/zilina/x-${ids.flat}`]) {
      const answer = await get(old);
      expect(answer.status, old).toBe(301);
      expect(answer.headers.get("location"), old).toBe(flatPath());
    }
    const house = await get(`/inzerat/${ids.house}?ref=mail`);
    expect(house.headers.get("location")).toBe(`/domy/predaj/presov/rodinny-dom-pri-lese-${ids.house}?ref=mail`);
  });

  it("answers 410 for a listing no longer published and 404 for a draft, an unknown id or an unknown page", async () => {
    for (const id of [ids.sold, ids.expired]) {
      const answer = await get(`/byty/predaj/kosice/byt-${id}`);
      expect(answer.status).toBe(410);
      const html = await answer.text();
      expect(html).toContain('<meta name="robots" content="noindex" />');
      expect(jsonLd(html)).toEqual([]);
    }
    expect((await get(`/byty/predaj/kosice/koncept-${ids.draft}`)).status).toBe(404);
    expect((await get(`/inzerat/${ids.draft}`)).status).toBe(404);
    expect((await get("/byty/predaj/kosice/byt-00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const unknown = await get("/toto/neexistuje");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Táto stránka neexistuje.");
  });
});

describe("HTTP caching", () => {
  it("gives an anonymous page Cache-Control and a stable ETag, and answers 304 when it matches", async () => {
    const first = await get(flatPath());
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=600");
    const again = await get(flatPath());
    expect(again.headers.get("etag")).toBe(etag);
    const revalidated = await get(flatPath(), { "if-none-match": etag! });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    expect((await get(flatPath(), { "if-none-match": 'W/"something-else"' })).status).toBe(200);
  });

  it("keeps the signed-in visitor's pages out of shared caches and search engines", async () => {
    const answer = await get("/oblubene");
    expect(answer.headers.get("cache-control")).toBe("private, no-store");
    expect(answer.headers.get("etag")).toBeNull();
    expect(await answer.text()).toContain('<meta name="robots" content="noindex" />');
  });
});

describe("kept pages", () => {
  it("serve a rendered page again with its Age until it expires; a portal that keeps none renders the change", async () => {
    const house = `/domy/predaj/presov/rodinny-dom-pri-lese-${ids.house}`;
    const first = await fetch(`${keepingPages}${house}`);
    expect(await first.text()).toContain(`289${NBSP}900${NBSP}€`);
    await stack.owner.prisma.listing.update({ where: { id: ids.house }, data: { price: "279900" } });
    await new Promise((done) => setTimeout(done, 1_100));
    const kept = await fetch(`${keepingPages}${house}`);
    expect(kept.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(Number(kept.headers.get("age"))).toBeGreaterThanOrEqual(1);
    expect(await kept.text()).toContain(`289${NBSP}900${NBSP}€`);
    expect(await (await get(house)).text()).toContain(`279${NBSP}900${NBSP}€`);
    await stack.owner.prisma.listing.update({ where: { id: ids.house }, data: { price: "289900" } });
  });

  it("past its time, serve the kept page once more while one render refreshes it behind; past the stale window, the visitor waits for the render", async () => {
    const refreshing = await startPortal(undefined, 0.3, 2);
    const house = `${refreshing}/domy/predaj/presov/rodinny-dom-pri-lese-${ids.house}`;
    const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
    expect(await (await fetch(house)).text()).toContain(`289${NBSP}900${NBSP}€`);
    await stack.owner.prisma.listing.update({ where: { id: ids.house }, data: { price: "279900" } });
    await sleep(500);
    // Stale, within the window: answered at once from what was kept...
    const stale = await fetch(house);
    expect(await stale.text()).toContain(`289${NBSP}900${NBSP}€`);
    // ...and that request started the render the next visitor gets.
    await sleep(1_000);
    expect(await (await fetch(house)).text()).toContain(`279${NBSP}900${NBSP}€`);
    // Past time and stale window together, nothing old is served.
    await stack.owner.prisma.listing.update({ where: { id: ids.house }, data: { price: "269900" } });
    await sleep(2_500);
    expect(await (await fetch(house)).text()).toContain(`269${NBSP}900${NBSP}€`);
    await stack.owner.prisma.listing.update({ where: { id: ids.house }, data: { price: "289900" } });
  });
});

describe("agency and realtor pages", () => {
  it("render the agency with its listings and Organization JSON-LD; an unknown agency is 404", async () => {
    const answer = await get(`/kancelaria/${agencySlug}`);
    expect(answer.status).toBe(200);
    const html = await answer.text();
    expect(html).toContain("<h1>Reality Východ</h1>");
    expect(html).toContain("Slnečný 3-izbový byt s balkónom");
    expect(html).toContain(`href="${flatPath()}"`);
    expect(jsonLd(html)[0]).toMatchObject({ "@type": "Organization", name: "Reality Východ", url: `${portal}/kancelaria/${agencySlug}` });
    expect((await get("/kancelaria/nikto-taky")).status).toBe(404);
  });

  it("render the realtor's profile at a readable address", async () => {
    const answer = await get(`/makler/maria-kovacova-${realtorId}`);
    expect(answer.status).toBe(200);
    const html = await answer.text();
    expect(html).toContain("<h1>Mária Kováčová</h1>");
    expect(html).toContain("Rodinný dom pri lese");
    expect((await get("/makler/nikto-00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});

describe("category landing pages", () => {
  it("render a property type, deal and city with its listings, own title and canonical address; an empty one is 404", async () => {
    const answer = await get("/byty/predaj/kosice");
    expect(answer.status).toBe(200);
    const html = await answer.text();
    expect(html).toContain("<h1>Byty na predaj – Košice</h1>");
    expect(html).toContain("<title>Byty na predaj – Košice | Reality Portál</title>");
    expect(html).toContain(`<link rel="canonical" href="${portal}/byty/predaj/kosice" />`);
    expect(html).toContain(`href="${flatPath()}"`);
    expect(html).not.toContain("Rodinný dom pri lese");
    for (const empty of ["/domy/prenajom/bratislava", "/byty/predaj/presov", "/lode/predaj/kosice"]) expect((await get(empty)).status, empty).toBe(404);
  });
});

describe("robots.txt and sitemap.xml", () => {
  it("robots.txt names the sitemap", async () => {
    const text = await (await get("/robots.txt")).text();
    expect(text).toContain(`Sitemap: ${portal}/sitemap.xml`);
    expect(text).toContain("Disallow: /oblubene");
  });

  it("lists every published listing and no draft, sold or expired one", async () => {
    const answer = await get("/sitemap.xml");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const urls = locs(await answer.text());
    expect(urls).toContain(`${portal}${flatPath()}`);
    expect(urls).toContain(`${portal}/domy/predaj/presov/rodinny-dom-pri-lese-${ids.house}`);
    expect(urls).toContain(`${portal}/`);
    for (const id of [ids.sold, ids.expired, ids.draft]) expect(urls.some((url) => url.endsWith(id))).toBe(false);
    // The agency's and the realtor's pages, and the category pages that have published listings.
    expect(urls).toContain(`${portal}/kancelaria/${agencySlug}`);
    expect(urls).toContain(`${portal}/makler/maria-kovacova-${realtorId}`);
    expect(urls).toContain(`${portal}/byty/predaj/kosice`);
    expect(urls).toContain(`${portal}/domy/predaj/presov`);
    expect(urls).toHaveLength(8);
  });

  it("becomes a sitemap index when the URLs do not fit one file", async () => {
    const index = await (await fetch(`${smallSitemaps}/sitemap.xml`)).text();
    expect(index).toContain("<sitemapindex");
    const files = locs(index);
    expect(files).toEqual([
      `${smallSitemaps}/sitemap-pages.xml`,
      `${smallSitemaps}/sitemap-listings-1.xml`,
      `${smallSitemaps}/sitemap-listings-2.xml`,
      `${smallSitemaps}/sitemap-agencies-1.xml`,
      `${smallSitemaps}/sitemap-realtors-1.xml`,
    ]);
    expect(locs(await (await fetch(files[3]!)).text())).toEqual([`${smallSitemaps}/kancelaria/${agencySlug}`]);
    expect(locs(await (await fetch(files[4]!)).text())).toEqual([`${smallSitemaps}/makler/maria-kovacova-${realtorId}`]);
    expect(locs(await (await fetch(files[0]!)).text())).toContain(`${smallSitemaps}/domy/predaj/presov`);
    const listed = [];
    for (const file of files.slice(1, 3)) {
      const urls = locs(await (await fetch(file)).text());
      expect(urls).toHaveLength(1);
      listed.push(...urls);
    }
    expect(listed.map((url) => url.slice(-36)).sort()).toEqual([ids.flat, ids.house].sort());
    expect((await fetch(`${smallSitemaps}/sitemap-listings-3.xml`)).status).toBe(404);
  });
});
