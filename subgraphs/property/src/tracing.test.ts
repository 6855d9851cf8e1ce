// One request's trace across the graph, with tracing on and spans kept in memory: the gateway's
// span (continuing the caller's traceparent, under the trace id its log line carries), Apollo's
// fetch span, the property subgraph's span under that fetch and Prisma's SQL spans under the
// subgraph, all under one trace id; and the fault.reported event the request committed is handled
// by the worker (over RabbitMQ) in a span of that same trace, child of the request's span.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { instrumentationsFor } from "@ppt/server-kit/tracing/process-tracing";
import { startTracing, type Tracing } from "@ppt/server-kit/tracing/tracing";
import type { Stack } from "@ppt/testing/stack";
import type { startPropertyWorker } from "./jobs.ts";

// As in the entry points, tracing starts before the graph's modules load (imported below, once it
// runs): @apollo/gateway takes its tracer when it loads.

const exporter = new InMemorySpanExporter();
let tracing: Tracing | undefined;
let stack: Stack;
let worker: Awaited<ReturnType<typeof startPropertyWorker>>;
let token: string;
let buildingId: string;
let ownerToken: string;
let unitId: string;
const gatewayLog: string[] = [];

const spans = () => exporter.getFinishedSpans();
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const attribute = (span: ReadableSpan, name: string) => span.attributes[name];

let IN_APP_CONSUMER: string;

beforeAll(async () => {
  tracing = startTracing({ serviceName: "ppt-test", exporter, instrumentations: await instrumentationsFor("data") });
  const { createLogger } = await import("@ppt/server-kit");
  const { addMemberWithRoles, createOrganization, createOwnedBuilding } = await import("@ppt/testing/fixtures");
  const { startStack } = await import("@ppt/testing/stack");
  const { startPropertyWorker } = await import("./jobs.ts");
  ({ IN_APP_CONSUMER } = await import("./modules/notifications/in-app.ts"));
  stack = await startStack({
    redis: true,
    broker: true,
    logger: (service) =>
      service === "gateway" ? createLogger(service, "info", { write: (line: string) => void gatewayLog.push(line) }) : createLogger(service, "silent"),
  });
  const org = (await createOrganization(stack.owner.prisma, "SVB Stopy")).id;
  const house = await createOwnedBuilding(stack.owner.prisma, org, 1);
  buildingId = house.buildingId;
  const owner = house.units[0]!;
  unitId = owner.unitId;
  await addMemberWithRoles(stack.owner.prisma, org, owner.ownerId, ["owner"]);
  token = await stack.tokenFor(owner.ownerId, org, ["owner"]);
  ownerToken = token;
  worker = await startPropertyWorker(stack.config, { port: 0, logger: createLogger("property-worker", "silent") });
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await stack?.stop();
  await tracing?.stop();
});

describe("a traced request", () => {
  it("puts the gateway, the subgraph and its SQL under the caller's trace id, and the worker's handling of its event too", async () => {
    expect(tracing).toBeDefined();
    const traceId = randomBytes(16).toString("hex");
    const callerSpanId = randomBytes(8).toString("hex");
    const res = await stack.query(
      `mutation TracedFault($input: ReportFaultInput!) { reportFault(input: $input) { id } }`,
      { input: { buildingId, unitId, title: "Kvapkajúci kohútik", description: "V kúpeľni" } },
      token,
      { traceparent: `00-${traceId}-${callerSpanId}-01` },
    );
    expect(res.errors).toBeUndefined();
    const faultId = res.data.reportFault.id as string;

    // The worker's span arrives once RabbitMQ has delivered the event (and the subgraph's spans well before).
    const consumer = await vi.waitFor(
      () => {
        const found = spans().find((s) => s.name === "process fault.reported" && attribute(s, "messaging.consumer.group.name") === IN_APP_CONSUMER);
        if (!found) throw new Error("no consumer span yet");
        return found;
      },
      { timeout: 30_000, interval: 200 },
    );
    await tracing!.flush();
    const trace = spans().filter((s) => s.spanContext().traceId === traceId);
    const byId = new Map(trace.map((s) => [s.spanContext().spanId, s]));
    const ancestors = (span: ReadableSpan): ReadableSpan[] => {
      const parent = byId.get(parentOf(span) ?? "");
      return parent ? [parent, ...ancestors(parent)] : [];
    };

    // The gateway continued the caller's trace: its server span's parent is the caller's span.
    const gateway = trace.find((s) => attribute(s, "ppt.service") === "gateway" && s.name === "POST /graphql TracedFault");
    expect(gateway).toBeDefined();
    expect(parentOf(gateway!)).toBe(callerSpanId);
    // …and its log line carries the same trace id.
    const logged = gatewayLog
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.msg === "request" && line.operationName === "TracedFault");
    expect(logged?.traceId).toBe(traceId);

    // The property subgraph's span sits under Apollo's fetch span, under the gateway's.
    const subgraph = trace.find((s) => attribute(s, "ppt.service") === "property" && attribute(s, "http.route") === "/graphql");
    expect(subgraph).toBeDefined();
    const fetch = byId.get(parentOf(subgraph!) ?? "");
    expect(fetch?.name).toBe("gateway.fetch");
    expect(ancestors(subgraph!)).toContain(gateway);

    // SQL: Prisma's statement spans under the subgraph's span, in the same trace.
    const sql = trace.filter((s) => s.name === "prisma:client:db_query" && ancestors(s).includes(subgraph!));
    expect(sql.length).toBeGreaterThan(0);
    const statementOf = (s: ReadableSpan) => attribute(s, "db.query.text") ?? attribute(s, "db.statement");
    expect(
      sql.some((s) => {
        const text = statementOf(s);
        return typeof text === "string" && text.includes("outbox");
      }),
    ).toBe(true);

    // The event: its outbox row kept the traceparent of the span that wrote it, within the subgraph's request…
    const row = await stack.owner.prisma.outboxEvent.findFirst({ where: { aggregateId: faultId, eventType: "fault.reported" } });
    const [, storedTraceId, writerSpanId] = row?.traceparent?.split("-") ?? [];
    expect(storedTraceId).toBe(traceId);
    const writer = byId.get(writerSpanId ?? "");
    expect(writer === subgraph || (writer !== undefined && ancestors(writer).includes(subgraph!))).toBe(true);
    // …and the worker's span is that span's child: same trace id, parent taken from the event itself.
    expect(consumer.spanContext().traceId).toBe(traceId);
    expect(parentOf(consumer)).toBe(writerSpanId);
    expect(attribute(consumer, "messaging.message.id")).toBe(row?.id);
  }, 60_000);
});

describe("a subgraph process started with OTEL_EXPORTER_OTLP_ENDPOINT", () => {
  const MAIN = join(dirname(fileURLToPath(import.meta.url)), "main.ts");
  let receiver: Server;
  let child: ChildProcess | undefined;
  const bodies: Buffer[] = [];

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await new Promise((resolve) => receiver?.close(resolve));
  });

  // The signal comes while the process is still finishing its start (its HTTP server already
  // answers, unready; the system roles it syncs last are held locked by this test): it must finish
  // starting, then stop and export, not die on the signal's default action with its spans unsent.
  it("exports its request's spans, the SQL its preload instrumented included, over OTLP, even when stopped while still starting", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const rolesLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = stack.owner.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM identity.roles WHERE organization_id IS NULL FOR UPDATE`;
        locked();
        await released;
      },
      { timeout: 200_000 },
    );
    await rolesLocked;

    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        if (req.url === "/v1/traces") bodies.push(Buffer.concat(chunks));
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    child = spawn(process.execPath, ["--import", "tsx", MAIN], {
      env: {
        ...process.env,
        ...stack.env,
        PORT: String(port),
        LOG_LEVEL: "error",
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const url = `http://127.0.0.1:${port}`;
    await vi.waitFor(() => fetch(`${url}/health`).then((r) => expect(r.status).toBe(200)), { timeout: 150_000, interval: 250 });
    // Alive, but not ready: its start is not done, so a balancer sends it nothing yet.
    const readiness = await fetch(`${url}/health/ready`);
    expect([readiness.status, await readiness.json()]).toEqual([503, { ready: false, start: "in progress" }]);

    const traceId = randomBytes(16).toString("hex");
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: {
        ...stack.subgraphHeaders,
        "content-type": "application/json",
        authorization: `Bearer ${ownerToken}`,
        traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01`,
      },
      body: JSON.stringify({ query: "query TracedBuilding($id: ID!) { building(id: $id) { id } }", variables: { id: buildingId } }),
    });
    expect(await res.json()).toEqual({ data: { building: { id: buildingId } } });
    // SIGTERM: the process finishes starting, stops its server, then flushes what it traced before it exits.
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child!.once("exit", (code, signal) => resolve([code, signal])));
    child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    release();
    await holding;
    expect(await exited).toEqual([0, null]);

    const exported = Buffer.concat(bodies);
    // OTLP protobuf keeps strings as UTF-8 and ids as raw bytes.
    expect(exported.includes(Buffer.from(traceId, "hex"))).toBe(true);
    expect(exported.includes("POST /graphql TracedBuilding")).toBe(true);
    expect(exported.includes("property")).toBe(true);
    expect(exported.includes("prisma:client:db_query")).toBe(true);
    expect(exported.includes("pg.query")).toBe(true);
  }, 240_000);
});
