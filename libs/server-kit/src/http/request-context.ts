// The request a line of log belongs to: its request id and W3C trace id, kept in async-local
// storage for as long as the request's work runs, so every line the logger writes in between
// (resolvers, data sources, error handlers) carries both without anyone passing them along.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export const TRACEPARENT_HEADER = "traceparent";
export const TRACESTATE_HEADER = "tracestate";

export interface RequestContext {
  requestId: string;
  traceId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** version-traceid-parentid-flags, lower-case hex; an all-zero trace or parent id is invalid (W3C Trace Context §3.2). */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function parseTraceparent(value: unknown): { traceId: string; parentId: string; flags: string } | undefined {
  if (typeof value !== "string") return undefined;
  const match = TRACEPARENT.exec(value.trim());
  if (!match || match[1] === "ff" || /^0+$/.test(match[2]!) || /^0+$/.test(match[3]!)) return undefined;
  return { traceId: match[2]!, parentId: match[3]!, flags: match[4]! };
}

/** A traceparent that continues the caller's trace (a new span id under its trace id) or starts one. */
export function childTraceparent(incoming: unknown): string {
  const parent = parseTraceparent(incoming);
  const traceId = parent?.traceId ?? randomBytes(16).toString("hex");
  return `00-${traceId}-${randomBytes(8).toString("hex")}-${parent?.flags ?? "01"}`;
}

/**
 * Makes sure the request carries a valid `traceparent` (the caller's, or a new trace started here)
 * and returns its trace id. The header is stored back on the request, where forwarding reads it.
 */
export function settleTraceparent(headers: IncomingHttpHeaders): string {
  const parsed = parseTraceparent(headers[TRACEPARENT_HEADER]);
  if (parsed) return parsed.traceId;
  const started = childTraceparent(undefined);
  headers[TRACEPARENT_HEADER] = started;
  delete headers[TRACESTATE_HEADER]; // belongs to a trace we did not continue
  return parseTraceparent(started)!.traceId;
}

export function runInRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
