// Starts the portal's server: `node server/main.ts` serves the production build (`npm run build`),
// `--dev` runs Vite inside it instead (what `npm start` and `npm run dev` use: no build step).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createPortalServer, developmentLoader, listen, productionLoader, type PortalServerOptions } from "./portal-server.ts";

const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 5174);
const host = process.env.HOST ?? (dev ? "127.0.0.1" : "0.0.0.0");

// The server exists before its loader: Vite's live reload rides on it.
const ready: { loader?: Pick<PortalServerOptions, "load"> & Required<Pick<PortalServerOptions, "serveStatic">> } = {};
const server = createPortalServer({
  gatewayUrl: process.env.PPT_GATEWAY_URL ?? "http://localhost:4000",
  ...(process.env.PORTAL_PUBLIC_URL ? { publicOrigin: process.env.PORTAL_PUBLIC_URL.replace(/\/$/, "") } : {}),
  // Rendered pages kept a few seconds in production (PORTAL_PAGE_CACHE_SECONDS, 0: off); in development every request renders.
  pageCacheSeconds: Number(process.env.PORTAL_PAGE_CACHE_SECONDS ?? (dev ? 0 : 10)),
  // ...and for a minute past that served while one render refreshes them (PORTAL_PAGE_STALE_SECONDS, 0: visitors wait).
  pageStaleSeconds: Number(process.env.PORTAL_PAGE_STALE_SECONDS ?? (dev ? 0 : 60)),
  load: (url) => ready.loader!.load(url),
  serveStatic: (req, res) => ready.loader!.serveStatic(req, res),
});
// PORTAL_DIST: a build elsewhere than dist/ (the HTML benchmark builds into a folder of its own).
ready.loader = dev ? await developmentLoader(appDir, server) : await productionLoader(process.env.PORTAL_DIST ?? join(appDir, "dist"));
const url = await listen(server, port, host);
process.stdout.write(`${JSON.stringify({ level: "info", msg: `portal ${dev ? "(development, Vite) " : ""}at ${url}` })}\n`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
