// robots.txt and sitemap.xml (sitemaps.org): the home pages, the category landing pages
// (/byty/predaj/kosice), every active agency and realtor and every published listing. One file
// while they fit the protocol's 50,000 URLs a file; past that, sitemap.xml becomes a sitemap index
// of sitemap-pages.xml (home and category pages), sitemap-agencies-<n>.xml,
// sitemap-realtors-<n>.xml and sitemap-listings-<n>.xml, each page asked from the API by number.
import type { ApolloClient } from "@apollo/client";
import { landingCategories } from "../listings/categories.ts";
import { agencyPath, listingPath, realtorPath } from "../urls.ts";
import { ListingCategoriesQuery, SitemapAgenciesQuery, SitemapListingsQuery, SitemapOverviewQuery, SitemapRealtorsQuery } from "./queries.ts";

export const SITEMAP_LIMIT = 50_000;

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const xml = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

export interface SitemapFile {
  body: string;
}

interface Entry {
  loc: string;
  lastmod?: string;
}

function urlset(entries: Entry[]): string {
  const urls = entries.map((e) => `<url><loc>${xml(e.loc)}</loc>${e.lastmod ? `<lastmod>${xml(e.lastmod)}</lastmod>` : ""}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

/** The paged kinds of URL, each with its own files past the limit. */
const KINDS = {
  listings: async (client: ApolloClient, origin: string, page: number, pageSize: number): Promise<Entry[]> => {
    const { data } = await client.query({ query: SitemapListingsQuery, variables: { page, pageSize }, fetchPolicy: "no-cache" });
    if (!data) throw new Error("The sitemap's listings could not be read");
    return data.sitemapListings.listings.map((l) => ({ loc: `${origin}${listingPath(l)}`, lastmod: String(l.updatedAt) }));
  },
  agencies: async (client: ApolloClient, origin: string, page: number, pageSize: number): Promise<Entry[]> => {
    const { data } = await client.query({ query: SitemapAgenciesQuery, variables: { page, pageSize }, fetchPolicy: "no-cache" });
    if (!data) throw new Error("The sitemap's agencies could not be read");
    return data.sitemapAgencies.profiles.map((a) => ({ loc: `${origin}${agencyPath({ slug: a.slug ?? "" })}`, lastmod: String(a.updatedAt) }));
  },
  realtors: async (client: ApolloClient, origin: string, page: number, pageSize: number): Promise<Entry[]> => {
    const { data } = await client.query({ query: SitemapRealtorsQuery, variables: { page, pageSize }, fetchPolicy: "no-cache" });
    if (!data) throw new Error("The sitemap's realtors could not be read");
    return data.sitemapRealtors.profiles.map((r) => ({ loc: `${origin}${realtorPath({ id: r.id, displayName: r.name })}`, lastmod: String(r.updatedAt) }));
  },
};
type Kind = keyof typeof KINDS;

/** The pages that are not profiles or listings: the search's home in both languages and the category pages. */
async function pageEntries(client: ApolloClient, origin: string, limit: number): Promise<Entry[]> {
  const { data } = await client.query({ query: ListingCategoriesQuery, fetchPolicy: "no-cache" });
  if (!data) throw new Error("The sitemap's categories could not be read");
  const categories = landingCategories(data.listingCategories).map((c) => ({ loc: `${origin}${c.path}` }));
  return [{ loc: `${origin}/` }, { loc: `${origin}/en` }, ...categories].slice(0, limit);
}

/**
 * The sitemap file at `path` ("/sitemap.xml", "/sitemap-pages.xml", "/sitemap-listings-3.xml", …),
 * or null when there is no such file. `pageSize` is the protocol's limit; tests pass a small one.
 */
export async function sitemapFile(client: ApolloClient, origin: string, path: string, pageSize = SITEMAP_LIMIT): Promise<SitemapFile | null> {
  if (path === "/sitemap.xml") {
    const [{ data }, pages] = await Promise.all([
      client.query({ query: SitemapOverviewQuery, fetchPolicy: "no-cache" }),
      pageEntries(client, origin, pageSize),
    ]);
    if (!data) throw new Error("The sitemap's counts could not be read");
    const counts: Record<Kind, number> = {
      agencies: data.sitemapAgencies.totalCount,
      realtors: data.sitemapRealtors.totalCount,
      listings: data.sitemapListings.totalCount,
    };
    const kinds = Object.keys(KINDS) as Kind[];
    if (pages.length + kinds.reduce((sum, kind) => sum + counts[kind], 0) <= pageSize) {
      const rest = await Promise.all(kinds.map((kind) => (counts[kind] ? KINDS[kind](client, origin, 1, pageSize) : Promise.resolve([]))));
      return { body: urlset([...pages, ...rest.flat()]) };
    }
    const locs = [
      `${origin}/sitemap-pages.xml`,
      ...kinds.flatMap((kind) => Array.from({ length: Math.ceil(counts[kind] / pageSize) }, (_, i) => `${origin}/sitemap-${kind}-${i + 1}.xml`)),
    ];
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${locs
      .map((loc) => `<sitemap><loc>${xml(loc)}</loc></sitemap>`)
      .join("\n")}\n</sitemapindex>\n`;
    return { body };
  }
  if (path === "/sitemap-pages.xml") return { body: urlset(await pageEntries(client, origin, SITEMAP_LIMIT)) };
  const numbered = /^\/sitemap-(listings|agencies|realtors)-([1-9]\d{0,5})\.xml$/.exec(path);
  if (!numbered) return null;
  const entries = await KINDS[numbered[1] as Kind](client, origin, Number(numbered[2]), pageSize);
  return entries.length ? { body: urlset(entries) } : null;
}

export function robotsTxt(origin: string): string {
  // The signed-in visitor's pages and the account forms are nobody's search result.
  const personal = ["/ucet", "/oblubene", "/ulozene-hladania", "/moje-dopyty", "/prihlasenie", "/registracia", "/zabudnute-heslo", "/obnova-hesla"];
  return ["User-agent: *", ...personal.map((path) => `Disallow: ${path}`), "Disallow: /graphql", "", `Sitemap: ${origin}/sitemap.xml`, ""].join("\n");
}
