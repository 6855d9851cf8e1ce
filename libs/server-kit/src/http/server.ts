// The HTTP surface every process shares: GraphQL at /graphql, liveness, readiness, metrics.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { Histogram, type Registry } from "prom-client";
import type { Logger } from "../logger.ts";
import { endServerSpan, traceServerRequest } from "../tracing/trace-context.ts";
import { runInRequestContext } from "./request-context.ts";
import { logRequest, operationNameOf } from "./request-log.ts";
import { setSecurityHeaders } from "./security-headers.ts";

export interface Readiness {
  ready: boolean;
  [detail: string]: unknown;
}

export interface HttpRoutes {
  graphql?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Extra routes by exact path (e.g. the gateway's GraphiQL page). */
  extra?: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void> | void>;
  readiness: () => Promise<Readiness>;
  metrics: Registry;
  logger: Logger;
  /** Production turns on HSTS. */
  production?: boolean;
  /** The process's name on its spans (ppt.service), e.g. "gateway", "property", "property-worker". */
  service?: string;
  /** Requests to /graphql refused unless this holds (e.g. the gateway's shared secret). */
  admitGraphql?: (req: IncomingMessage) => boolean;
  /** The deadlines; from `HTTP_*_TIMEOUT_MS` unless given (tests shorten one alone). */
  timeouts?: HttpTimeouts;
}

const PROBE_ROUTES = new Set(["/health", "/health/ready", "/metrics"]);

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse): void {
  json(res, 403, { errors: [{ message: "This service answers the gateway only", extensions: { code: "FORBIDDEN" } }] });
}

/** One histogram per registry (a process may build several servers on one registry in tests). */
function httpDurationOf(registry: Registry): Histogram<"method" | "route" | "status"> {
  const name = "ppt_http_request_duration_seconds";
  return (
    (registry.getSingleMetric(name) as Histogram<"method" | "route" | "status"> | undefined) ??
    new Histogram({
      name,
      help: "HTTP request duration by route (known paths only) and status class",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
      registers: [registry],
    })
  );
}

export interface HttpTimeouts {
  keepAliveTimeout: number;
  headersTimeout: number;
  requestTimeout: number;
  firstRequestTimeout: number;
}

/**
 * The server's guards against slow and idle clients (a slowloris, sockets opened and left): a
 * connection must send its first request's headers within firstRequestTimeout of connecting, a
 * request's headers must arrive within headersTimeout and the whole request within
 * requestTimeout, an idle keep-alive connection closes after keepAliveTimeout (longer than typical
 * load-balancer idle timeouts). `HTTP_*_TIMEOUT_MS` override them (the fault tests shorten them).
 */
export function httpTimeouts(env: NodeJS.ProcessEnv = process.env): HttpTimeouts {
  const ms = (name: string, fallback: number) => {
    const value = env[name];
    if (value === undefined || value === "") return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`Invalid configuration: ${name} must be a positive number of milliseconds`);
    return parsed;
  };
  const keepAliveTimeout = ms("HTTP_KEEP_ALIVE_TIMEOUT_MS", 65_000);
  return {
    keepAliveTimeout,
    headersTimeout: ms("HTTP_HEADERS_TIMEOUT_MS", keepAliveTimeout + 1_000),
    requestTimeout: ms("HTTP_REQUEST_TIMEOUT_MS", 300_000),
    // Browsers drop a preconnected socket they have not used after about 10 s, and load balancers
    // send as soon as they connect: a client that has said nothing by then is not going to.
    firstRequestTimeout: ms("HTTP_FIRST_REQUEST_TIMEOUT_MS", 10_000),
  };
}

/**
 * Closes a connection that has not sent a complete request head within `ms` of connecting. Node
 * (24) also drops a silent connection, but only at headersTimeout (66 s by default, and it must stay
 * that long for slow clients' later requests): a client that says nothing is let go sooner.
 * The deadline ends at the first request or upgrade; a keep-alive connection is then
 * keepAliveTimeout's, a request in progress requestTimeout's, a websocket its protocol's.
 */
function closeSilentConnections(server: Server, ms: number): (req: IncomingMessage) => void {
  const deadlines = new WeakMap<Socket, NodeJS.Timeout>();
  server.on("connection", (socket: Socket) => {
    const timer = setTimeout(() => socket.destroy(), ms);
    deadlines.set(socket, timer);
    socket.once("close", () => clearTimeout(timer));
  });
  return (req) => {
    clearTimeout(deadlines.get(req.socket));
    deadlines.delete(req.socket);
  };
}

export function createHttpServer(routes: HttpRoutes): Server {
  const httpDuration = httpDurationOf(routes.metrics);
  const { firstRequestTimeout, ...timeouts } = routes.timeouts ?? httpTimeouts();
  // Node checks the header and request deadlines every connectionsCheckingInterval (30 s by
  // default): often enough that a deadline holds to within a quarter of itself.
  const connectionsCheckingInterval = Math.min(30_000, Math.max(250, Math.floor(timeouts.headersTimeout / 4)));
  // The handler catches everything it awaits; the promise is dropped on purpose.
  let requestArrived: (req: IncomingMessage) => void = () => undefined;
  const server = createServer(
    {
      ...timeouts,
      connectionsCheckingInterval,
      // Node's own rule (upgrade when someone listens for it, e.g. graphql-ws), seen here because an
      // upgrade request never reaches the request handler and must end the first-request deadline too.
      shouldUpgradeCallback(this: Server, req: IncomingMessage) {
        requestArrived(req);
        return this.listenerCount("upgrade") > 0;
      },
    },
    (req, res) => {
      requestArrived(req);
      void handle(req, res);
    },
  );
  requestArrived = closeSilentConnections(server, firstRequestTimeout);
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const known = path === "/graphql" || path === "/health" || path === "/health/ready" || path === "/metrics" || Object.hasOwn(routes.extra ?? {}, path);
    // An unknown path is whatever a caller typed: it is logged as such, not verbatim.
    const route = known ? path : "(unknown)";
    const context = logRequest(req, res, routes.logger, route);
    const timer = httpDuration.startTimer({ method: req.method === "GET" || req.method === "POST" ? req.method : "OTHER", route });
    res.once("close", () => timer({ status: `${Math.floor(res.statusCode / 100)}xx` }));
    setSecurityHeaders(res, { production: routes.production ?? false });
    // Every line logged while this request is served carries its request and trace ids, and its
    // span continues the same trace (the request log settled a valid traceparent on the request).
    const method = req.method ?? "GET";
    // Probes come every few seconds from orchestrators and scrapers: no spans for them.
    if (PROBE_ROUTES.has(route)) return runInRequestContext(context, () => serve(req, res, path));
    const attributes = { "http.request.method": method, "http.route": route, ...(routes.service ? { "ppt.service": routes.service } : {}) };
    return traceServerRequest(req.headers, `${method} ${route}`, attributes, (span) => {
      if (span) {
        res.once("close", () => {
          const operationName = operationNameOf(req);
          if (operationName) span.updateName(`${method} ${route} ${operationName}`);
          endServerSpan(span, res.statusCode, operationName ? { "graphql.operation.name": operationName } : {});
        });
      }
      return runInRequestContext(context, () => serve(req, res, path));
    });
  }
  async function serve(req: IncomingMessage, res: ServerResponse, path: string) {
    try {
      if (path === "/graphql" && routes.admitGraphql && !routes.admitGraphql(req)) return refuse(res);
      if (path === "/graphql" && routes.graphql) return await routes.graphql(req, res);
      if (path === "/health") return json(res, 200, { status: "ok" });
      if (path === "/health/ready") {
        const readiness = await routes.readiness();
        return json(res, readiness.ready ? 200 : 503, readiness);
      }
      if (path === "/metrics") {
        res.writeHead(200, { "content-type": routes.metrics.contentType });
        return res.end(await routes.metrics.metrics());
      }
      const extra = path ? routes.extra?.[path] : undefined;
      if (extra) return await extra(req, res);
      json(res, 404, { error: "not found" });
    } catch (error) {
      routes.logger.error({ err: error, path }, "http handler failed");
      if (!res.headersSent) json(res, 500, { errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
      else res.end();
    }
  }
  return server;
}

export function listen(server: Server, port: number, host = "0.0.0.0"): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
