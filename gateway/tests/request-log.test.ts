// Request logging across the graph: the gateway and each subgraph it asks write one info line per
// request (method, operation name, duration, status, request id), all with the gateway's request
// id; nothing the caller sent beyond that (variables, e-mails, passwords, tokens) reaches the log.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "@ppt/server-kit/edge";
import { createAccount, createAgency, createBuilding, createListing, createOrganization, createRealtor, createUnit } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";

interface LogLine {
  level: number;
  name: string;
  msg: string;
  [field: string]: unknown;
}

const INFO = 30;
const DEBUG = 20;
let stack: Stack;
let listing: string;
const raw: string[] = [];
const lines = (): LogLine[] => raw.map((line) => JSON.parse(line) as LogLine);
const requestLines = () => lines().filter((line) => line.msg === "request");
/**
 * A line is written when the response has closed, which may be just after the client has read it
 * (on a loaded machine, more than waitFor's default second later: CI once missed a probe's line).
 */
const linesOf = (requestId: string | null, count = 1) =>
  vi.waitFor(
    () => {
      const found = requestLines().filter((line) => line.requestId === requestId);
      if (found.length < count) throw new Error(`${found.length} lines for ${requestId}`);
      return found;
    },
    { timeout: 10_000 },
  );

beforeAll(async () => {
  stack = await startStack({ logger: (service) => createLogger(service, "debug", { write: (line: string) => void raw.push(line) }) });
  const db = stack.owner.prisma;
  const org = (await createOrganization(db)).id;
  const unit = (await createUnit(db, org, (await createBuilding(db, org, "Košice", "Hlavná", "12")).id, "1", 1)).id;
  const agency = (await createAgency(db)).id;
  const realtor = (await createRealtor(db)).id;
  listing = (await createListing(db, { realtorId: realtor, agencyId: agency, unitId: unit, organizationId: org, title: "Byt na Hlavnej" })).id;
});

afterAll(() => stack?.stop());

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(stack.gateway.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, requestId: res.headers.get("x-request-id"), body: (await res.json()) as { data?: unknown; errors?: unknown[] } };
}

describe("request log", () => {
  it("logs one info line per process for a query across both subgraphs, all with the gateway's request id", async () => {
    // No operationName in the body: the name comes from the document, as Apollo resolves it.
    const result = await post({
      query: `query ListingWithBuilding($id: ID!) { listing(id: $id) { title unit { building { city } } } }`,
      variables: { id: listing },
    });
    expect(result.body.errors).toBeUndefined();
    const requestId = result.requestId!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const mine = await linesOf(requestId, 3);
    const gateway = mine.filter((line) => line.name === "gateway");
    expect(gateway).toHaveLength(1);
    expect(gateway[0]).toMatchObject({ level: INFO, method: "POST", path: "/graphql", operationName: "ListingWithBuilding", status: 200 });
    expect(typeof gateway[0]!.durationMs).toBe("number");
    // The gateway's plan: the listing from reality, the unit and its building from property.
    for (const subgraph of ["reality", "property"]) {
      const found = mine.filter((line) => line.name === subgraph);
      expect(found.length, subgraph).toBeGreaterThanOrEqual(1);
      for (const line of found) {
        expect(line).toMatchObject({ level: INFO, method: "POST", path: "/graphql", status: 200, requestId });
        expect(line.operationName).toMatch(/^ListingWithBuilding__/);
        expect(typeof line.durationMs).toBe("number");
      }
    }
    // The variables' values and the query text stay out of the log.
    const text = raw.join("");
    expect(text).not.toContain(listing);
    expect(text).not.toContain("unit { building");
  });

  it("keeps e-mails, passwords and tokens out of the log, even of a sign-in", async () => {
    const password = "heslo-Tajne-4821";
    const account = await createAccount(stack.owner.prisma, { password });
    const result = await post({
      query: `mutation SignIn($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`,
      variables: { input: { email: account.email, password } },
      operationName: "SignIn",
    });
    const { accessToken, refreshToken } = (result.body.data as { login: { accessToken: string; refreshToken: string } }).login;
    expect(accessToken).toBeTruthy();
    const signIn = await linesOf(result.requestId, 2);
    expect(signIn.find((line) => line.name === "gateway")).toMatchObject({ operationName: "SignIn", status: 200, level: INFO });
    expect(signIn.find((line) => line.name === "property")).toMatchObject({ status: 200, level: INFO });
    const text = raw.join("");
    for (const secret of [account.email, account.email.split("@")[0]!, password, accessToken, refreshToken]) expect(text).not.toContain(secret);
  });

  it("carries the caller's W3C trace id on every line of every process, and no e-mail from the variables", async () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const email = "jana.stopa-v-logu@example.sk";
    const result = await post(
      {
        // Refused by the property subgraph (no such account): the e-mail travels gateway → subgraph.
        query: `mutation SignInTraced($input: LoginInput!) { login(input: $input) { accessToken } }`,
        variables: { input: { email, password: "nespravne-heslo-1" } },
        operationName: "SignInTraced",
      },
      { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    );
    expect(result.body.errors?.length).toBeGreaterThan(0);
    const mine = await linesOf(result.requestId, 2);
    expect(mine.map((line) => line.name).sort()).toEqual(["gateway", "property"]);
    for (const line of mine) expect(line.traceId).toBe(traceId);
    // Every line any process wrote for this request (not only the request lines) has both ids.
    const all = lines().filter((line) => line.requestId === result.requestId || line.traceId === traceId);
    for (const line of all) expect(line).toMatchObject({ requestId: result.requestId, traceId });
    expect(raw.join("")).not.toContain(email);
    expect(raw.join("")).not.toContain("stopa-v-logu");

    // Without a traceparent the gateway starts a trace and the subgraphs continue it.
    const fresh = await post({ query: `query Fresh($id: ID!) { listing(id: $id) { title } }`, variables: { id: listing } });
    const freshLines = await linesOf(fresh.requestId, 2);
    const traceIds = new Set(freshLines.map((line) => line.traceId));
    expect(traceIds.size).toBe(1);
    expect([...traceIds][0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it("keeps a caller's well-formed request id and replaces one that could forge a log line", async () => {
    const kept = await post({ query: "query Ping { __typename }" }, { "x-request-id": "client-trace-42" });
    expect(kept.requestId).toBe("client-trace-42");
    expect((await linesOf("client-trace-42"))[0]).toMatchObject({ name: "gateway", operationName: "Ping" });

    const forged = await post({ query: "{ __typename }" }, { "x-request-id": `x" "level":60 ${"a".repeat(200)}` });
    expect(forged.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const [line] = await linesOf(forged.requestId);
    expect(line).toMatchObject({ name: "gateway", level: INFO });
    expect(line).not.toHaveProperty("operationName");
  });

  it("logs health and metrics probes at debug only", async () => {
    const ids: (string | null)[] = [];
    for (const path of ["/health", "/health/ready", "/metrics"]) {
      const res = await fetch(new URL(path, stack.gateway.url));
      expect(res.status).toBe(200);
      ids.push(res.headers.get("x-request-id"));
    }
    const probes = (await Promise.all(ids.map((id) => linesOf(id)))).flat();
    expect(probes.map((line) => line.path).sort()).toEqual(["/health", "/health/ready", "/metrics"]);
    expect(probes.every((line) => line.level === DEBUG)).toBe(true);
  });

  it("names an unknown path without echoing it", async () => {
    const res = await fetch(new URL("/no-such-page-for-mail@example.sk?token=abc", stack.gateway.url));
    expect(res.status).toBe(404);
    const [line] = await linesOf(res.headers.get("x-request-id"));
    expect(line).toMatchObject({ name: "gateway", path: "(unknown)", status: 404, level: INFO });
    expect(raw.join("")).not.toContain("mail@example.sk");
  });
});
