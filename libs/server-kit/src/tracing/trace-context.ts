// Where a trace crosses a process: the HTTP server continues the caller's W3C `traceparent` (the
// one the request log settled, so the log's trace id and the spans' trace id are one), the
// gateway passes its current span on to the subgraphs, and an outbox event keeps the traceparent
// of the request that wrote it so the worker that handles it continues that same trace.
// Every helper returns straight away when tracing is off.
import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from "@opentelemetry/api";
import { maskString } from "../log-masking.ts";
import { currentRequestContext, TRACEPARENT_HEADER } from "../http/request-context.ts";
import { tracingEnabled } from "./state.ts";

const TRACER = "@ppt/server-kit";

/** Runs `work` in a SERVER span continuing the request's `traceparent`; the span is ended by the caller through `end`. */
export function traceServerRequest<T>(headers: IncomingHttpHeaders, name: string, attributes: Attributes, work: (span: Span | undefined) => T): T {
  if (!tracingEnabled()) return work(undefined);
  const parent = propagation.extract(context.active(), headers);
  const span = trace.getTracer(TRACER).startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  return context.with(trace.setSpan(parent, span), () => work(span));
}

/** Ends a server span with the response's status (5xx is an error; 4xx is the caller's). */
export function endServerSpan(span: Span | undefined, status: number, attributes: Attributes = {}): void {
  if (!span) return;
  span.setAttributes({ ...attributes, "http.response.status_code": status });
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/** Writes the current span's context (`traceparent`, `tracestate`) into outgoing headers; nothing when tracing is off. */
export function injectTraceContext(headers: Record<string, string>): void {
  if (!tracingEnabled()) return;
  propagation.inject(context.active(), headers);
}

/**
 * The traceparent an outbox event keeps: the current span's when tracing is on, else one under the
 * request's log trace id (so the worker's log lines still carry it); undefined outside a request.
 */
export function currentTraceparent(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext && trace.isSpanContextValid(spanContext)) {
    return `00-${spanContext.traceId}-${spanContext.spanId}-${(spanContext.traceFlags & 1).toString(16).padStart(2, "0")}`;
  }
  const request = currentRequestContext();
  return request ? `00-${request.traceId}-${randomBytes(8).toString("hex")}-01` : undefined;
}

/** Runs `work` with the span a stored traceparent names as the current one (e.g. publishing an outbox event, so the broker's spans join the request's trace). */
export function withTraceparent<T>(traceparent: string | null | undefined, work: () => T): T {
  if (!tracingEnabled() || !traceparent) return work();
  return context.with(propagation.extract(context.active(), { [TRACEPARENT_HEADER]: traceparent }), work);
}

/**
 * Runs a broker consumer's handling of one event in a CONSUMER span, child of the span that wrote
 * the event (its stored traceparent): the event's work lands in the request's trace.
 */
export async function traceConsumer<T>(name: string, traceparent: string | null | undefined, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  if (!tracingEnabled()) return work();
  const parent = traceparent ? propagation.extract(context.active(), { [TRACEPARENT_HEADER]: traceparent }) : context.active();
  return trace.getTracer(TRACER).startActiveSpan(name, { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
    try {
      return await work();
    } catch (error) {
      // Messages may name people (an address that bounced): masked as the logger masks them.
      span.recordException(error instanceof Error ? { name: error.name, message: maskString(error.message) } : "non-error thrown");
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
