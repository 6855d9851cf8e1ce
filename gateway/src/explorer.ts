// The partner explorer: a self-hosted GraphiQL (bundled by gateway/explorer/build.ts into
// gateway/dist/explorer) as the gateway's landing page, at /graphql for a browser and at /graphiql.
// Nothing is loaded from another host, so it works offline and behind a partner's firewall, where
// Apollo Sandbox (fetched from Apollo's servers) shows only "you might be offline". When the bundle
// was never built, a plain page tells the caller how to reach the endpoint instead.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { adjustPagePolicy } from "@ppt/server-kit/edge";

export const EXPLORER_PATH = "/graphiql";
export const EXPLORER_DIST = fileURLToPath(new URL("../dist/explorer", import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".ttf": "font/ttf",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
};

// The page's own policy (a <meta> CSP, as the server's page policy expects): scripts, styles,
// workers and fonts from this origin only; Monaco sets inline styles and data: images.
const PAGE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; worker-src 'self'; connect-src 'self'";

export interface Explorer {
  /** The landing page plugin for Apollo Server (GET /graphql from a browser). */
  plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext>;
  /** Exact-path routes for the HTTP server: the page at /graphiql and each bundle file under it. */
  routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void>;
  /** False when the bundle is missing and the fallback page is served. */
  bundled: boolean;
}

function explorerPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="content-security-policy" content="${PAGE_POLICY}">
<link rel="icon" href="data:,">
<title>PPT GraphQL explorer</title>
<link rel="stylesheet" href="${EXPLORER_PATH}/graphiql.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the explorer…</div>
<script src="${EXPLORER_PATH}/graphiql.js" defer></script>
</body>
</html>`;
}

function fallbackPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="content-security-policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>PPT GraphQL endpoint</title>
<style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; } pre { background: #f3f3f3; padding: 1rem; overflow-x: auto; }</style>
</head>
<body>
<h1>PPT GraphQL endpoint</h1>
<p>This is the GraphQL endpoint. The built-in explorer (GraphiQL) was not built on this server; an operator builds it with <code>npm run build:explorer -w gateway</code> (it runs on install).</p>
<p>Send queries as <code>POST /graphql</code> with a JSON body:</p>
<pre>curl -X POST -H 'content-type: application/json' \\
  --data '{"query":"{ __typename }"}' \\
  https://&lt;this server&gt;/graphql</pre>
<p>Subscriptions use the <code>graphql-transport-ws</code> protocol on the same path.</p>
</body>
</html>`;
}

export function createExplorer(dist: string = EXPLORER_DIST): Explorer {
  const bundled = existsSync(join(dist, "graphiql.js")) && existsSync(join(dist, "graphiql.css"));
  const html = bundled ? explorerPage() : fallbackPage();
  const page = (_req: IncomingMessage, res: ServerResponse) => {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.setHeader("cache-control", "no-cache");
    adjustPagePolicy(res);
    res.end(html);
  };
  const routes: Explorer["routes"] = { [EXPLORER_PATH]: page };
  if (bundled) {
    for (const file of readdirSync(dist)) {
      const type = CONTENT_TYPES[extname(file)];
      if (!type) continue;
      const body = readFileSync(join(dist, file));
      routes[`${EXPLORER_PATH}/${file}`] = (_req, res) => {
        // Names are not content-hashed (Monaco's workers are looked up by name): revalidate hourly.
        res.writeHead(200, { "content-type": type, "cache-control": "public, max-age=3600", "content-length": body.length });
        res.end(body);
      };
    }
  }
  return {
    bundled,
    routes,
    plugin: () => ({
      async serverWillStart() {
        return {
          async renderLandingPage() {
            return { html };
          },
        };
      },
    }),
  };
}
