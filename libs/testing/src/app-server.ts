// A web app as a person's browser meets it: the app built for production (by its own Vite, or for
// the mobile app Expo's web export, into a folder of this run) and served from one origin that also forwards /graphql — HTTP and the
// subscriptions' WebSocket — to a test's gateway, as the production reverse proxy does. Paths that
// are no file get index.html (the app routes them), so an e-mailed link like /pozvanka?token=… opens.
import { execFile } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from "node:fs";
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { inject } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".map": "application/json",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
};

export type WebApp = "management" | "portal" | "mobile";

export interface AppServer {
  /** The app's origin, e.g. http://127.0.0.1:41234 (no trailing slash): the stack's MANAGEMENT_APP_URL. */
  url: string;
  /** Points /graphql at a gateway (the stack may start after the app server, since mail links need the app's URL). */
  proxyTo(gatewayUrl: string): void;
  stop(): Promise<void>;
}

/**
 * The app's production build, made once per test run and shared by every file that asks for it
 * (each build takes tens of seconds on two cores; five browser test files need three apps). The
 * first caller builds into a folder of its own and renames it into place (atomic); a concurrent
 * caller in another worker waits for that folder. The run's global teardown removes the builds.
 */
export async function buildApp(app: WebApp): Promise<string> {
  const shared = join(tmpdir(), `ppt-build-${inject("testRunId")}-${app}`);
  const lock = `${shared}.lock`;
  for (const end = Date.now() + 600_000; !existsSync(shared); await new Promise((resolve) => setTimeout(resolve, 500))) {
    if (Date.now() > end) throw new Error(`the ${app} build of this run did not appear in 10 minutes`);
    try {
      mkdirSync(lock);
    } catch {
      continue; // another worker is building it
    }
    try {
      renameSync(await buildInto(app, mkdtempSync(join(tmpdir(), `ppt-${app}-`))), shared);
    } finally {
      // A failed build frees the lock: a waiting worker then tries (and reports the error) itself.
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return shared;
}

/** Builds `clients/<app>` with its own Vite (the mobile app: Expo's web export) into `outDir`. */
async function buildInto(app: WebApp, outDir: string): Promise<string> {
  const appDir = join(ROOT, "clients", app);
  if (app === "mobile") {
    // The web target of the React Native app, bundled by Metro as `expo export` does for a release.
    await promisify(execFile)(join(ROOT, "node_modules", ".bin", "expo"), ["export", "--platform", "web", "--output-dir", outDir], {
      cwd: appDir,
      env: { ...process.env, NODE_ENV: "production", CI: "1", EXPO_NO_TELEMETRY: "1", EXPO_OFFLINE: "1" },
      maxBuffer: 16 * 1024 * 1024,
    });
    return outDir;
  }
  const localVite = join(appDir, "node_modules", ".bin", "vite");
  const vite = existsSync(localVite) ? localVite : join(ROOT, "node_modules", ".bin", "vite");
  await promisify(execFile)(vite, ["build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"], {
    cwd: appDir,
    env: { ...process.env, NODE_ENV: "production" },
    maxBuffer: 16 * 1024 * 1024,
  });
  return outDir;
}

/** Builds the app, then serves it on a free loopback port; call proxyTo before the browser asks /graphql. */
export async function serveApp(app: WebApp, options: { gatewayUrl?: string } = {}): Promise<AppServer> {
  const dir = await buildApp(app);
  let gateway = options.gatewayUrl ? new URL(options.gatewayUrl) : null;
  const sockets = new Set<net.Socket>();

  function forward(req: IncomingMessage, res: ServerResponse) {
    if (!gateway) return void res.writeHead(502).end("no gateway yet");
    const upstream = request(
      { host: gateway.hostname, port: gateway.port, method: req.method, path: req.url, headers: { ...req.headers, host: gateway.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.headersSent || res.writeHead(502).end());
    req.pipe(upstream);
  }

  function serveFile(req: IncomingMessage, res: ServerResponse) {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://app").pathname);
    const file = join(dir, normalize(path).replace(/^(\.\.[/\\])+/, ""));
    const found = file.startsWith(dir) && existsSync(file) && statSync(file).isFile() ? file : join(dir, "index.html");
    res.writeHead(200, { "content-type": TYPES[extname(found)] ?? "application/octet-stream" });
    createReadStream(found).pipe(res);
  }

  const server = createServer((req, res) => (req.url?.startsWith("/graphql") ? forward(req, res) : serveFile(req, res)));
  // The subscriptions' WebSocket: the upgrade request is replayed to the gateway and the bytes piped both ways.
  server.on("upgrade", (req, client: net.Socket, head: Buffer) => {
    if (!gateway || !req.url?.startsWith("/graphql")) return void client.destroy();
    const upstream = net.connect(Number(gateway.port), gateway.hostname, () => {
      const headers = Object.entries({ ...req.headers, host: gateway!.host }).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v) => `${name}: ${v}`),
      );
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join("\r\n")}\r\n\r\n`);
      if (head.length) upstream.write(head);
      client.pipe(upstream).pipe(client);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => socket.destroy());
      socket.on("close", () => sockets.delete(socket));
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    proxyTo(url) {
      gateway = new URL(url);
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
