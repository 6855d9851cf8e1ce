// One log line per HTTP request, written when the response is done: method, path, GraphQL
// operation name, duration, status and request id. The request id is the caller's
// `x-request-id` when it looks like one (the gateway's, on a subgraph), else a new one, so the
// gateway's line and the subgraphs' lines of one request carry the same id. Nothing a caller
// typed beyond those goes to the log: no query text, variables, query string or headers.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApolloServerPlugin, BaseContext, HTTPGraphQLRequest } from "@apollo/server";
import type { Logger } from "../logger.ts";
import { settleTraceparent, type RequestContext } from "./request-context.ts";

export const REQUEST_ID_HEADER = "x-request-id";

/** What a request id may look like when a caller sends one (anything else is replaced, so a log line cannot be forged). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,127}$/;
/** Probes from orchestrators and scrapers: every few seconds, so they log at debug. */
const PROBE_PATHS = new Set(["/health", "/health/ready", "/metrics"]);

interface RequestLogEntry {
  requestId: string;
  operationName?: string;
}

const entries = new WeakMap<IncomingMessage, RequestLogEntry>();
const graphqlEntries = new WeakMap<HTTPGraphQLRequest, RequestLogEntry>();

/**
 * Settles the request's id (stored back on `x-request-id`, where contexts and the gateway's
 * forwarding read it, and echoed on the response) and its W3C trace (the caller's `traceparent`,
 * else a new one), and logs the request once its response is done. Returns both ids.
 */
export function logRequest(req: IncomingMessage, res: ServerResponse, logger: Logger, path: string): RequestContext {
  const started = process.hrtime.bigint();
  const sent = req.headers[REQUEST_ID_HEADER];
  const requestId = typeof sent === "string" && REQUEST_ID.test(sent) ? sent : randomUUID();
  req.headers[REQUEST_ID_HEADER] = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  const traceId = settleTraceparent(req.headers);
  const entry: RequestLogEntry = { requestId };
  entries.set(req, entry);
  res.once("close", () => {
    const probe = PROBE_PATHS.has(path);
    // At a quieter level (production benches run at "error") the line is not even built.
    if (!logger.isLevelEnabled(probe ? "debug" : "info")) return;
    const line = {
      method: req.method,
      path,
      ...(entry.operationName ? { operationName: entry.operationName } : {}),
      status: res.statusCode,
      durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      requestId,
      traceId,
      ...(res.writableFinished ? {} : { aborted: true }),
    };
    if (probe) logger.debug(line, "request");
    else logger.info(line, "request");
  });
  return { requestId, traceId };
}

/** The GraphQL operation the request ran, once Apollo has resolved it (the trace names its span by it). */
export function operationNameOf(req: IncomingMessage): string | undefined {
  return entries.get(req)?.operationName;
}

/** The GraphQL handler ties Apollo's request to the HTTP one, so the plugin can name the operation; `fallbackName` is the body's `operationName`, for requests refused before an operation is resolved. */
export function linkGraphQLRequest(req: IncomingMessage, graphqlRequest: HTTPGraphQLRequest, fallbackName: unknown): void {
  const entry = entries.get(req);
  if (!entry) return;
  graphqlEntries.set(graphqlRequest, entry);
  if (typeof fallbackName === "string" && OPERATION_NAME.test(fallbackName)) entry.operationName = fallbackName;
}

/** Names the request's operation in its log line when it is answered without Apollo. */
export function nameRequestOperation(req: IncomingMessage, operationName: string | undefined): void {
  const entry = entries.get(req);
  if (entry && operationName && OPERATION_NAME.test(operationName)) entry.operationName = operationName;
}

/** Records the operation's name as Apollo resolved it (also for a single named operation sent without `operationName`). */
export function requestLogPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request }) {
      const entry = request.http ? graphqlEntries.get(request.http) : undefined;
      if (!entry) return;
      return {
        async didResolveOperation({ operationName }) {
          if (operationName && OPERATION_NAME.test(operationName)) entry.operationName = operationName;
        },
      };
    },
  };
}
