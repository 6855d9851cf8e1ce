// The portal's HTTP server (node:http): server-rendered pages with their HTTP caching, the built
// assets, /graphql forwarded to the gateway (the browser talks to one origin, as behind the
// production proxy) and stable photo addresses. In development Vite runs inside it (middleware
// mode: modules transformed on request, the server entry reloaded on every page), in production
// it serves `vite build`'s output and the `vite build --ssr` entry.
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";
import type { PortalRequest, PortalResponse } from "../src/ssr/entry-server.tsx";

export interface PortalEntry {
  handle(request: PortalRequest): Promise<PortalResponse>;
}

export interface PortalServerOptions {
  /** The gateway's origin or GraphQL endpoint (http://localhost:4000 or …/graphql). */
  gatewayUrl: string;
  /** The public origin for canonical links and the sitemap; by default the request's Host. */
  publicOrigin?: string;
  /** Each page's renderer and template: fixed in production, fresh from Vite in development. */
  load(url: string): Promise<{ entry: PortalEntry; template: string }>;
  /** Static files (built assets); true when it answered. */
  serveStatic?(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  sitemapPageSize?: number;
  /**
   * Seconds a rendered anonymous page is kept and served again (0 or absent: every request
   * renders). Concurrent requests for one address share one render either way.
   */
  pageCacheSeconds?: number;
  /**
   * Seconds past that a kept page may still be served while one render behind it refreshes it
   * (stale-while-revalidate, as the pages' Cache-Control allows shared caches): a visitor never
   * waits for the render of a page someone read within this window. 0 or absent: wait.
   */
  pageStaleSeconds?: number;
  /** Most pages kept (the oldest dropped first). */
  pageCacheEntries?: number;
  /** Where errors go (no request data beyond the path). */
  log?: (line: string) => void;
}

/** Anonymous pages: browsers and shared caches keep a page a minute and may serve it stale for ten while they revalidate. */
const PAGE_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600";

export function createPortalServer(options: PortalServerOptions): Server {
  const gateway = new URL(options.gatewayUrl);
  const graphqlUrl = gateway.pathname.endsWith("/graphql") ? gateway.href : new URL("/graphql", gateway).href;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const pages = new PageCache((options.pageCacheSeconds ?? 0) * 1000, (options.pageStaleSeconds ?? 0) * 1000, options.pageCacheEntries ?? 2_000, log);

  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const answer =
      path === "/graphql" || path.startsWith("/graphql/")
        ? forward(gateway, req, res)
        : path.startsWith("/foto/")
          ? photo(graphqlUrl, path, forwardedFor(req), res)
          : page(req, res);
    answer.catch((error: unknown) => {
      log(`portal: ${req.method} ${path} failed: ${describe(error)}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("The page could not be rendered.\n");
    });
  });

  async function page(req: IncomingMessage, res: ServerResponse) {
    if (options.serveStatic && (await options.serveStatic(req, res))) return;
    if (req.method !== "GET" && req.method !== "HEAD") return void res.writeHead(405, { allow: "GET, HEAD" }).end();
    const url = req.url ?? "/";
    const origin = options.publicOrigin ?? `http://${req.headers.host ?? "localhost"}`;
    const rendered = await pages.get(`${origin} ${url}`, async () => {
      const { entry, template } = await options.load(url);
      const answer = await entry.handle({
        url,
        origin,
        graphqlUrl,
        template,
        forwardedFor: forwardedFor(req),
        ...(options.sitemapPageSize ? { sitemapPageSize: options.sitemapPageSize } : {}),
      });
      return renderedPage(answer);
    });
    const { body } = rendered;
    const headers: Record<string, string> = { ...rendered.headers };
    if (rendered.etag) {
      // Kept pages say how old they are, so browsers and CDNs count their max-age from the render.
      const age = pages.ageSeconds(rendered);
      if (age > 0) headers.age = String(age);
      if (matches(req.headers["if-none-match"], rendered.etag)) {
        return void res.writeHead(304, { etag: rendered.etag, "cache-control": headers["cache-control"]!, ...(age > 0 ? { age: String(age) } : {}) }).end();
      }
    }
    headers["content-length"] = String(body.length);
    res.writeHead(rendered.status, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  }
}

interface RenderedPage {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Set for anonymous pages (shared caches may keep them); null for personal ones. */
  etag: string | null;
  renderedAt: number;
}

function renderedPage(answer: PortalResponse): RenderedPage {
  const body = Buffer.from(answer.body);
  const headers: Record<string, string> = { ...answer.headers };
  if (!answer.cacheable) {
    headers["cache-control"] = "private, no-store";
    return { status: answer.status, headers, body, etag: null, renderedAt: Date.now() };
  }
  // A weak validator over the bytes: the page has no per-request content (photo links are
  // stable /foto/ addresses), so an unchanged listing answers 304.
  const etag = `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  headers["cache-control"] = answer.status === 301 ? "public, max-age=3600" : PAGE_CACHE_CONTROL;
  headers.etag = etag;
  return { status: answer.status, headers, body, etag, renderedAt: Date.now() };
}

/**
 * Rendered anonymous pages by address, for a few seconds: a popular listing is rendered once per
 * period however many visitors (and crawlers) ask, and concurrent requests for one address wait for
 * one render. Pages are no staler than the HTTP caching already allows (they carry their Age).
 * Personal pages and failures are never kept.
 */
class PageCache {
  private readonly kept = new Map<string, RenderedPage>();
  private readonly rendering = new Map<string, Promise<RenderedPage>>();

  private readonly ttlMs: number;
  private readonly staleMs: number;
  private readonly maxEntries: number;
  private readonly log: (line: string) => void;

  constructor(ttlMs: number, staleMs: number, maxEntries: number, log: (line: string) => void) {
    this.ttlMs = ttlMs;
    this.staleMs = staleMs;
    this.maxEntries = maxEntries;
    this.log = log;
  }

  async get(key: string, render: () => Promise<RenderedPage>): Promise<RenderedPage> {
    const kept = this.kept.get(key);
    const age = kept ? Date.now() - kept.renderedAt : Infinity;
    if (kept && age < this.ttlMs) return kept;
    if (kept && age < this.ttlMs + this.staleMs) {
      // A failed refresh keeps the old page for the rest of its window (and logs why).
      if (!this.rendering.has(key)) this.refresh(key, render).catch((error: unknown) => this.log(`portal: refreshing a kept page failed: ${describe(error)}`));
      return kept;
    }
    if (kept) this.kept.delete(key);
    return this.rendering.get(key) ?? this.refresh(key, render);
  }

  /** One render per address at a time; what it renders is kept for the next visitors. */
  private async refresh(key: string, render: () => Promise<RenderedPage>): Promise<RenderedPage> {
    const fresh = render().finally(() => this.rendering.delete(key));
    this.rendering.set(key, fresh);
    const page = await fresh;
    this.kept.delete(key); // re-inserted last: the oldest-first eviction follows renders
    if (this.ttlMs > 0 && page.etag && page.status < 500) {
      if (this.kept.size >= this.maxEntries) this.kept.delete(this.kept.keys().next().value!);
      this.kept.set(key, page);
    }
    return page;
  }

  ageSeconds(page: RenderedPage): number {
    return Math.floor((Date.now() - page.renderedAt) / 1000);
  }
}

/** An error and its causes in one line (the GraphQL codes say why the gateway refused: RATE_LIMITED, …). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause ? `${error.message}: ${describe(error.cause)}` : error.message;
}

/**
 * The visitor's address chain for the gateway: what came in, plus the peer. Every page the server
 * renders asks the gateway from the portal's one address; a gateway that lists the portal in
 * TRUSTED_PROXIES then charges its per-address rate limit to each visitor, not to the portal as a
 * whole (which would run out after a few hundred page views a minute). A gateway that does not
 * trust the portal ignores the header.
 */
function forwardedFor(req: IncomingMessage): string {
  const peer = req.socket.remoteAddress ?? "";
  const earlier = req.headers["x-forwarded-for"];
  const chain = (Array.isArray(earlier) ? earlier.join(",") : (earlier ?? "")).trim();
  return chain ? `${chain}, ${peer}` : peer;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || weak(tag) === weak(etag));
}

/** The browser's GraphQL requests, passed through to the gateway with their headers (the sign-in's Bearer). */
function forward(gateway: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return new Promise((done) => {
    const upstream = httpRequest(
      {
        host: gateway.hostname,
        port: gateway.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: gateway.host, "x-forwarded-for": forwardedFor(req) },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res).on("finish", done);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
      res.end("The API is not reachable.\n");
      done();
    });
    req.pipe(upstream);
  });
}

/** /foto/<listing>/<photo>: a redirect to the photo's fresh short-lived download link. */
async function photo(graphqlUrl: string, path: string, forwarded: string, res: ServerResponse) {
  const [, , listingId, photoId] = path.split("/");
  const answer = await fetch(graphqlUrl, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": forwarded },
    body: JSON.stringify({ query: "query ListingPhotoUrls($id: ID!) { listing(id: $id) { photos { id url } } }", variables: { id: listingId } }),
  });
  const { data } = (await answer.json()) as { data?: { listing?: { photos: { id: string; url: string }[] } | null } };
  const found = data?.listing?.photos.find((p) => p.id === photoId);
  if (!found) return void res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("No such photo\n");
  // The link lives minutes: the redirect is the browser's alone, and shorter than the link.
  res.writeHead(302, { location: found.url, "cache-control": "private, max-age=120" }).end();
}

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".map": "application/json",
  ".woff2": "font/woff2",
};

/** Files of a `vite build` output folder; hashed /assets/ are kept for a year. index.html is never served as is. */
export function staticFiles(dir: string) {
  const root = resolve(dir);
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://portal").pathname);
    if (path === "/" || path.endsWith(".html")) return false;
    const file = join(root, normalize(path).replace(/^(\.\.[/\\])+/, ""));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return false;
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "public, max-age=3600",
    });
    createReadStream(file).pipe(res);
    return true;
  };
}

/** Production: the client build in `<dist>/client`, the server entry in `<dist>/server`. */
export async function productionLoader(distDir: string) {
  const template = readFileSync(join(distDir, "client", "index.html"), "utf8");
  const entry = (await import(join(distDir, "server", "entry-server.js"))) as PortalEntry;
  return { load: async () => ({ entry, template }), serveStatic: staticFiles(join(distDir, "client")) };
}

/**
 * Development: Vite in middleware mode serves the modules and reloads the entry on each request;
 * its live-reload WebSocket rides on the portal's own server (no second port).
 */
export async function developmentLoader(appDir: string, server: Server) {
  const { createServer: createVite } = await import("vite");
  const vite = await createVite({
    root: appDir,
    configFile: join(appDir, "vite.config.ts"),
    server: { middlewareMode: true, hmr: { server } },
    appType: "custom",
  });
  const indexHtml = join(appDir, "index.html");
  return {
    vite,
    load: async (url: string) => ({
      template: await vite.transformIndexHtml(url, readFileSync(indexHtml, "utf8")),
      entry: (await vite.ssrLoadModule("/src/ssr/entry-server.tsx")) as PortalEntry,
    }),
    serveStatic: (req: IncomingMessage, res: ServerResponse) =>
      new Promise<boolean>((done) => {
        vite.middlewares(req, res, () => done(false));
        res.once("finish", () => done(true));
      }),
  };
}

export function listen(server: Server, port: number, host = "127.0.0.1"): Promise<string> {
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => done(`http://${host === "0.0.0.0" ? "localhost" : host}:${(server.address() as AddressInfo).port}`));
  });
}
