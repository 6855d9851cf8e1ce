// OpenTelemetry tracing for every process, off unless asked for: with no OTLP endpoint (and no
// exporter handed in by a test) nothing is registered, the OpenTelemetry API stays its no-op self
// and the helpers in trace-context.ts skip their work, so an untraced process pays next to nothing.
// Configured by the standard variables: OTEL_EXPORTER_OTLP_ENDPOINT (or _TRACES_ENDPOINT),
// OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG, OTEL_SERVICE_NAME, OTEL_SDK_DISABLED.
// Edge-safe: the gateway runs it too; database instrumentations are handed in by the caller.
import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { registerInstrumentations, type Instrumentation } from "@opentelemetry/instrumentation";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type Sampler,
  type SpanExporter,
} from "@opentelemetry/sdk-trace";
import { setTracingEnabled } from "./state.ts";

export interface TracingOptions {
  /** service.name of every span (OTEL_SERVICE_NAME wins), e.g. "gateway", "property", "property-worker". */
  serviceName: string;
  /** Where spans go instead of OTLP (tests: an InMemorySpanExporter); exported as each span ends. */
  exporter?: SpanExporter;
  /** Library instrumentations (pg, ioredis, amqplib, Prisma…), enabled against this provider. */
  instrumentations?: Instrumentation[];
  env?: NodeJS.ProcessEnv;
}

export interface Tracing {
  /** Exports what is buffered (before a test reads spans, before exit). */
  flush(): Promise<void>;
  /** Flushes, then unregisters everything, so the process is untraced again. */
  stop(): Promise<void>;
}

let active: Tracing | undefined;

/** The traces URL per the OTLP exporter spec: the signal's own endpoint as is, else the base endpoint plus /v1/traces. */
function otlpTracesUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, "")}/v1/traces`;
  return undefined;
}

/** The sampler the OTEL_TRACES_SAMPLER names (spec values); default: follow the caller's decision, else sample everything. */
export function samplerFromEnv(env: NodeJS.ProcessEnv): Sampler {
  const ratio = Number(env.OTEL_TRACES_SAMPLER_ARG ?? 1);
  const fraction = Number.isFinite(ratio) && ratio >= 0 && ratio <= 1 ? ratio : 1;
  switch ((env.OTEL_TRACES_SAMPLER ?? "parentbased_always_on").trim().toLowerCase()) {
    case "always_on":
      return new AlwaysOnSampler();
    case "always_off":
      return new AlwaysOffSampler();
    case "traceidratio":
      return new TraceIdRatioBasedSampler(fraction);
    case "parentbased_always_off":
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case "parentbased_traceidratio":
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(fraction) });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

/**
 * Starts tracing when an exporter is given or an OTLP endpoint is configured; returns undefined
 * (and registers nothing) otherwise. One tracing per process: a second call returns the first.
 */
export function startTracing(options: TracingOptions): Tracing | undefined {
  if (active) return active;
  const env = options.env ?? process.env;
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return undefined;
  const url = otlpTracesUrl(env);
  if (!options.exporter && !url) return undefined;

  // The OTLP exporter reads its headers, timeout and compression from the standard variables too.
  const processor = options.exporter
    ? new SimpleSpanProcessor({ exporter: options.exporter })
    : new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }) });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": env.OTEL_SERVICE_NAME || options.serviceName }),
    sampler: samplerFromEnv(env),
    spanProcessors: [processor],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  const unregister = registerInstrumentations({ tracerProvider: provider, instrumentations: options.instrumentations ?? [] });

  const tracing: Tracing = {
    flush: () => provider.forceFlush(),
    async stop() {
      if (active !== tracing) return;
      active = undefined;
      setTracingEnabled(false);
      unregister();
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
  active = tracing;
  setTracingEnabled(true);
  return tracing;
}
