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

/**
 * Random bytes for trace and span ids, drawn from a pool refilled 4 KB at a time: every request
 * takes two or three ids, and a `randomBytes` call each (a buffer and a system call) showed in the
 * gateway's profile. An id is not a secret; it only has to be unique.
 */
const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let poolOffset = 0;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  const hex = pool.toString("hex", poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return hex;
}

/** A traceparent that continues the caller's trace (a new span id under its trace id) or starts one. */
export function childTraceparent(incoming: unknown): string {
  const parent = parseTraceparent(incoming);
  const traceId = parent?.traceId ?? newTraceId();
  return `00-${traceId}-${randomHex(8)}-${parent?.flags ?? "01"}`;
}

/** 16 random bytes, never all zero (W3C: an all-zero trace id is invalid). */
function newTraceId(): string {
  const id = randomHex(16);
  return id === "00000000000000000000000000000000" ? newTraceId() : id;
}

/**
 * Makes sure the request carries a valid `traceparent` (the caller's, or a new trace started here)
 * and returns its trace id. The header is stored back on the request, where forwarding reads it.
 */
export function settleTraceparent(headers: IncomingHttpHeaders): string {
  const parsed = parseTraceparent(headers[TRACEPARENT_HEADER]);
  if (parsed) return parsed.traceId;
  const traceId = newTraceId();
  headers[TRACEPARENT_HEADER] = `00-${traceId}-${randomHex(8)}-01`;
  delete headers[TRACESTATE_HEADER]; // belongs to a trace we did not continue
  return traceId;
}

export function runInRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
