// robots.txt and sitemap.xml (sitemaps.org): one file while the site's URLs fit the protocol's
// 50,000 a file; past that, sitemap.xml becomes a sitemap index of sitemap-pages.xml and
// sitemap-listings-<n>.xml, each page of published listings asked from the API by number.
import type { ApolloClient } from "@apollo/client";
import { listingPath } from "../urls.ts";
import { SitemapListingsQuery } from "./queries.ts";

export const SITEMAP_LIMIT = 50_000;

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const xml = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

export interface SitemapFile {
  body: string;
}

/** The pages that are not listings: the search's home in both languages. */
function staticUrls(origin: string): string[] {
  return [`${origin}/`, `${origin}/en`];
}

function urlset(entries: { loc: string; lastmod?: string }[]): string {
  const urls = entries.map((e) => `<url><loc>${xml(e.loc)}</loc>${e.lastmod ? `<lastmod>${xml(e.lastmod)}</lastmod>` : ""}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

async function listingPage(client: ApolloClient, page: number, pageSize: number) {
  const { data } = await client.query({ query: SitemapListingsQuery, variables: { page, pageSize }, fetchPolicy: "no-cache" });
  if (!data) throw new Error("The sitemap's listings could not be read");
  return data.sitemapListings;
}

function listingEntries(origin: string, listings: Awaited<ReturnType<typeof listingPage>>["listings"]) {
  return listings.map((listing) => ({ loc: `${origin}${listingPath(listing)}`, lastmod: String(listing.updatedAt) }));
}

/**
 * The sitemap file at `path` ("/sitemap.xml", "/sitemap-pages.xml", "/sitemap-listings-3.xml"), or
 * null when there is no such file. `pageSize` is the protocol's limit; tests pass a small one.
 */
export async function sitemapFile(client: ApolloClient, origin: string, path: string, pageSize = SITEMAP_LIMIT): Promise<SitemapFile | null> {
  const statics = staticUrls(origin);
  if (path === "/sitemap.xml") {
    const first = await listingPage(client, 1, Math.max(1, pageSize - statics.length));
    if (first.totalCount + statics.length <= pageSize) {
      return { body: urlset([...statics.map((loc) => ({ loc })), ...listingEntries(origin, first.listings)]) };
    }
    const files = Math.ceil(first.totalCount / pageSize);
    const locs = [`${origin}/sitemap-pages.xml`, ...Array.from({ length: files }, (_, i) => `${origin}/sitemap-listings-${i + 1}.xml`)];
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${locs
      .map((loc) => `<sitemap><loc>${xml(loc)}</loc></sitemap>`)
      .join("\n")}\n</sitemapindex>\n`;
    return { body };
  }
  if (path === "/sitemap-pages.xml") return { body: urlset(statics.map((loc) => ({ loc }))) };
  const numbered = /^\/sitemap-listings-([1-9]\d{0,5})\.xml$/.exec(path);
  if (!numbered) return null;
  const page = await listingPage(client, Number(numbered[1]), pageSize);
  if (page.listings.length === 0) return null;
  return { body: urlset(listingEntries(origin, page.listings)) };
}

export function robotsTxt(origin: string): string {
  // The signed-in visitor's pages and the account forms are nobody's search result.
  const personal = ["/oblubene", "/ulozene-hladania", "/moje-dopyty", "/prihlasenie", "/registracia", "/zabudnute-heslo", "/obnova-hesla"];
  return ["User-agent: *", ...personal.map((path) => `Disallow: ${path}`), "Disallow: /graphql", "", `Sitemap: ${origin}/sitemap.xml`, ""].join("\n");
}
