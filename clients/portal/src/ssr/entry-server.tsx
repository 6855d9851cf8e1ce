// The portal's server entry (built with `vite build --ssr`, loaded by server/portal-server.ts):
// one request's answer. Listing addresses are checked first — an outdated spelling or the old
// /inzerat/<id> answers 301 to the canonical address, a listing no longer public 410, an unknown one
// 404 — then the app is rendered with its data (Apollo's prerenderStatic runs the queries until the
// tree is complete) and the Apollo cache is written into the page for the browser to hydrate from.
// The server renders for an anonymous visitor (the sign-in lives in the browser) and speaks GraphQL
// to the gateway like any client; it never reads the database.
import { renderToString } from "react-dom/server";
import { ApolloProvider } from "@apollo/client/react";
import { prerenderStatic } from "@apollo/client/react/ssr";
import { Router } from "wouter";
import { isNotFound, LOCALES, type Locale } from "@ppt/client-shared";
import { SessionProvider } from "../account/SessionContext.tsx";
import { createTokenStore } from "../account/tokens.ts";
import { App } from "../App.tsx";
import { createPortalClient } from "../apollo.ts";
import { I18nProvider } from "../i18n/I18nContext.tsx";
import { dictionaries } from "../i18n/messages.ts";
import { idFromSlug, listingPath, LOCALE_BASE, PROPERTY_SLUGS, splitLocale } from "../urls.ts";
import { HeadProvider, type HeadCollector, type PageHead } from "./head.tsx";
import { ListingAddressQuery, ListingAvailabilityQuery } from "./queries.ts";
import { robotsTxt, sitemapFile } from "./sitemap.ts";
import { SSR_STATE_ID, type SsrState } from "./state.ts";

export interface PortalRequest {
  /** Path and query string, e.g. "/byty/predaj/kosice/slnecny-byt-<id>?x=1". */
  url: string;
  /** The site's public origin ("https://reality.example.sk"): canonical links, sitemap, Open Graph. */
  origin: string;
  /** The gateway's GraphQL endpoint. */
  graphqlUrl: string;
  /** index.html as built (or as Vite's dev server transforms it). */
  template: string;
  sitemapPageSize?: number;
  /** The visitor's X-Forwarded-For chain (their address last), passed on to the gateway: its rate limits key visitors, not the portal. */
  forwardedFor?: string;
}

export interface PortalResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Whether shared caches may keep it (anonymous, public pages): the server adds Cache-Control and ETag. */
  cacheable: boolean;
}

/** Pages about the signed-in visitor: the server renders only their shell, and nobody should cache or index it. */
const PERSONAL_PATHS = [
  "/ucet",
  "/oblubene",
  "/ulozene-hladania",
  "/moje-dopyty",
  "/prihlasenie",
  "/registracia",
  "/zabudnute-heslo",
  "/obnova-hesla",
  "/overenie-emailu",
  "/odhlasenie-upozorneni",
];

export async function handle(request: PortalRequest): Promise<PortalResponse> {
  const url = new URL(request.url, request.origin);
  const { origin } = request;
  if (url.pathname === "/robots.txt") return text(200, "text/plain; charset=utf-8", robotsTxt(origin));

  const { locale, path } = splitLocale(url.pathname);
  const client = createPortalClient({ uri: request.graphqlUrl, ssrMode: true, fetch: onBehalf(locale, request.forwardedFor) });

  if (/^\/sitemap[\w-]*\.xml$/.test(url.pathname)) {
    const file = await sitemapFile(client, origin, url.pathname, request.sitemapPageSize);
    return file ? text(200, "application/xml; charset=utf-8", file.body) : text(404, "text/plain; charset=utf-8", "Not found\n");
  }

  let status = 200;
  const listingId = listingIdOf(path);
  if (listingId) {
    const { data, error } = await client.query({ query: ListingAddressQuery, variables: { id: listingId }, errorPolicy: "all", fetchPolicy: "no-cache" });
    if (data?.listing) {
      const canonical = LOCALE_BASE[locale] + listingPath(data.listing);
      if (canonical !== url.pathname) return redirect(canonical + url.search);
    } else if (error && !isNotFound(error)) {
      throw new Error("The listing's address could not be read", { cause: error });
    } else {
      const answer = await client.query({ query: ListingAvailabilityQuery, variables: { id: listingId }, fetchPolicy: "no-cache" });
      status = answer.data?.listingAvailability === "REMOVED" ? 410 : 404;
    }
  }

  const collector: HeadCollector = { head: null };
  const tree = (
    <HeadProvider collector={collector}>
      <I18nProvider initial={locale}>
        <ApolloProvider client={client}>
          <SessionProvider tokens={createTokenStore()}>
            <Router base={LOCALE_BASE[locale]} ssrPath={url.pathname} ssrSearch={url.search.slice(1)}>
              <App />
            </Router>
          </SessionProvider>
        </ApolloProvider>
      </I18nProvider>
    </HeadProvider>
  );
  const { result } = await prerenderStatic({ tree, renderFunction: renderToString });
  const personal = PERSONAL_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  const head: PageHead = { ...(collector.head ?? { title: dictionaries[locale].appName }), ...(personal ? { personal: true } : {}) };
  if (status === 200 && head.status) status = head.status;

  const state: SsrState = { locale, apollo: client.extract() as SsrState["apollo"] };
  const body = request.template
    .replace(/<html lang="[^"]*">/, `<html lang="${locale}">`)
    .replace(/<title>[\s\S]*?<\/title>\s*/, "")
    .replace(/<meta name="description"[^>]*>\s*/, "")
    .replace("</head>", `${headTags(head, locale, origin, status)}\n  </head>`)
    .replace('<div id="root"></div>', `<div id="root">${result}</div>\n    <script id="${SSR_STATE_ID}" type="application/json">${scriptJson(state)}</script>`);
  return { status, headers: { "content-type": "text/html; charset=utf-8" }, body, cacheable: !head.personal && status !== 500 };
}

/** The listing id of a listing address (new or old form), or null for any other page. */
function listingIdOf(path: string): string | null {
  const old = /^\/inzerat\/([^/]+)\/?$/.exec(path);
  if (old) return decodeURIComponent(old[1]!);
  const segments = path.split("/").filter(Boolean);
  if (segments.length !== 4 || !Object.values(PROPERTY_SLUGS).includes(segments[0]!)) return null;
  return idFromSlug(segments[3]!);
}

/** The gateway answers descriptions in the page's language (Accept-Language), and is told whose request it is (X-Forwarded-For). */
function onBehalf(locale: Locale, forwardedFor: string | undefined): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set("accept-language", locale);
    if (forwardedFor) headers.set("x-forwarded-for", forwardedFor);
    return fetch(input, { ...init, headers });
  };
}

function headTags(head: PageHead, locale: Locale, origin: string, status: number): string {
  const tags = [`<title>${escapeHtml(head.title)}</title>`];
  if (head.description) tags.push(`<meta name="description" content="${escapeHtml(head.description)}" />`);
  if (head.personal || status >= 400) tags.push(`<meta name="robots" content="noindex" />`);
  if (head.canonicalPath && status === 200 && !head.personal) {
    const canonical = `${origin}${LOCALE_BASE[locale]}${head.canonicalPath === "/" && locale !== "sk" ? "" : head.canonicalPath}`;
    tags.push(`<link rel="canonical" href="${escapeHtml(canonical)}" />`);
    for (const language of LOCALES) {
      tags.push(`<link rel="alternate" hreflang="${language}" href="${escapeHtml(localized(origin, language, head.canonicalPath))}" />`);
    }
    tags.push(`<link rel="alternate" hreflang="x-default" href="${escapeHtml(localized(origin, "sk", head.canonicalPath))}" />`);
    tags.push(`<meta property="og:url" content="${escapeHtml(canonical)}" />`);
  }
  tags.push(`<meta property="og:site_name" content="${escapeHtml(dictionaries[locale].appName)}" />`);
  tags.push(`<meta property="og:title" content="${escapeHtml(head.title)}" />`);
  tags.push(`<meta property="og:type" content="${head.ogType ?? "website"}" />`);
  tags.push(`<meta property="og:locale" content="${locale === "sk" ? "sk_SK" : "en_GB"}" />`);
  if (head.description) tags.push(`<meta property="og:description" content="${escapeHtml(head.description)}" />`);
  if (head.image) tags.push(`<meta property="og:image" content="${escapeHtml(absolute(origin, head.image))}" />`);
  if (status === 200) {
    for (const item of head.jsonLd ?? []) tags.push(`<script type="application/ld+json">${scriptJson(absoluteUrls(origin, item))}</script>`);
  }
  return tags.map((tag) => `    ${tag}`).join("\n");
}

function localized(origin: string, locale: Locale, path: string): string {
  return locale === "sk" ? `${origin}${path}` : `${origin}${LOCALE_BASE[locale]}${path === "/" ? "" : path}`;
}

function absolute(origin: string, path: string): string {
  return path.startsWith("/") ? `${origin}${path}` : path;
}

/** JSON-LD is written with root-relative addresses (the components do not know the origin); search engines want absolute ones. */
function absoluteUrls(origin: string, value: unknown, key = ""): unknown {
  if (typeof value === "string") return key === "url" || key === "image" ? absolute(origin, value) : value;
  if (Array.isArray(value)) return value.map((item) => absoluteUrls(origin, item, key));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, absoluteUrls(origin, v, k)]));
  return value;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** JSON inside a <script>: "<" escaped so no text (a title with "</script>") can end the script early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function text(status: number, contentType: string, body: string): PortalResponse {
  return { status, headers: { "content-type": contentType }, body, cacheable: true };
}

function redirect(location: string): PortalResponse {
  return { status: 301, headers: { location, "content-type": "text/plain; charset=utf-8" }, body: `Moved to ${location}\n`, cacheable: true };
}
