// Tracing is off unless configured (nothing registered, the helpers leave headers alone), the
// sampler follows OTEL_TRACES_SAMPLER, and with OTEL_EXPORTER_OTLP_ENDPOINT set the spans reach an
// OTLP/HTTP receiver (one this test starts) as protobuf.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { context, ROOT_CONTEXT, SpanKind, trace, TraceFlags } from "@opentelemetry/api";
import { InMemorySpanExporter, SamplingDecision } from "@opentelemetry/sdk-trace";
import { afterEach, describe, expect, it } from "vitest";
import { runInRequestContext } from "../http/request-context.ts";
import { startProcessTracing } from "./process-tracing.ts";
import { tracingEnabled } from "./state.ts";
import { currentTraceparent, injectTraceContext, traceServerRequest } from "./trace-context.ts";
import { samplerFromEnv, startTracing, type Tracing } from "./tracing.ts";

let tracing: Tracing | undefined;
afterEach(async () => {
  await tracing?.stop();
  tracing = undefined;
});

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const callerHeaders = (): IncomingHttpHeaders => ({ traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` });

describe("tracing off (the default)", () => {
  it("registers nothing without an OTLP endpoint, and the helpers do nothing", async () => {
    tracing = await startProcessTracing("test", "data", {});
    expect(tracing).toBeUndefined();
    expect(tracingEnabled()).toBe(false);
    const headers: Record<string, string> = {};
    traceServerRequest(callerHeaders(), "GET /", {}, (span) => {
      expect(span).toBeUndefined();
      injectTraceContext(headers);
    });
    expect(headers).toEqual({});
    expect(await startProcessTracing("test", "data", { OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:1", OTEL_SDK_DISABLED: "true" })).toBeUndefined();
  });

  it("still gives an outbox event the request's log trace id, and none outside a request", () => {
    expect(currentTraceparent()).toBeUndefined();
    const traceparent = runInRequestContext({ requestId: "r1", traceId: TRACE_ID }, () => currentTraceparent());
    expect(traceparent).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
  });
});

describe("tracing on", () => {
  it("continues the caller's traceparent in the server span and passes the current span on", async () => {
    const exporter = new InMemorySpanExporter();
    tracing = startTracing({ serviceName: "test", exporter, env: {} });
    const headers: Record<string, string> = {};
    traceServerRequest(callerHeaders(), "POST /graphql", {}, (span) => {
      injectTraceContext(headers);
      span!.end();
    });
    await tracing!.flush();
    const [span] = exporter.getFinishedSpans();
    expect(span?.spanContext().traceId).toBe(TRACE_ID);
    expect(span?.parentSpanContext?.spanId).toBe("00f067aa0ba902b7");
    expect(headers.traceparent).toBe(`00-${TRACE_ID}-${span?.spanContext().spanId}-01`);
  });

  it("samples as OTEL_TRACES_SAMPLER says", () => {
    const decide = (env: NodeJS.ProcessEnv, parentSampled?: boolean) => {
      const parent =
        parentSampled === undefined
          ? ROOT_CONTEXT
          : trace.setSpanContext(ROOT_CONTEXT, {
              traceId: TRACE_ID,
              spanId: "00f067aa0ba902b7",
              traceFlags: parentSampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
              isRemote: true,
            });
      return samplerFromEnv(env).shouldSample(parent, TRACE_ID, "span", SpanKind.SERVER, {}, []).decision;
    };
    expect(decide({})).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide({}, false)).toBe(SamplingDecision.NOT_RECORD);
    expect(decide({ OTEL_TRACES_SAMPLER: "always_off" })).toBe(SamplingDecision.NOT_RECORD);
    expect(decide({ OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0" })).toBe(SamplingDecision.NOT_RECORD);
    expect(decide({ OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0" }, true)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide({ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "1" })).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it("exports over OTLP/HTTP (protobuf) to OTEL_EXPORTER_OTLP_ENDPOINT", async () => {
    const received: { path: string; type: string | undefined; body: Buffer }[] = [];
    const receiver: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push({ path: req.url ?? "", type: req.headers["content-type"], body: Buffer.concat(chunks) });
        res.writeHead(200, { "content-type": "application/x-protobuf" }).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
      tracing = await startProcessTracing("otlp-test-service", "edge", { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
      expect(tracing).toBeDefined();
      traceServerRequest(callerHeaders(), "GET /exported-span", {}, (span) => context.with(context.active(), () => span!.end()));
      await tracing!.flush();
      expect(received).toHaveLength(1);
      expect(received[0]!.path).toBe("/v1/traces");
      expect(received[0]!.type).toBe("application/x-protobuf");
      // Protobuf keeps strings as UTF-8 bytes: the span's name, the service and the trace id (16 raw bytes).
      expect(received[0]!.body.includes("GET /exported-span")).toBe(true);
      expect(received[0]!.body.includes("otlp-test-service")).toBe(true);
      expect(received[0]!.body.includes(Buffer.from(TRACE_ID, "hex"))).toBe(true);
    } finally {
      await tracing?.stop();
      tracing = undefined;
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
