// The GraphQL over HTTP spec's own server audit against the gateway: every MUST and every SHOULD
// (MAY items are notices, not checked).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditServer, type AuditResult } from "graphql-http";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let results: AuditResult[];

beforeAll(async () => {
  stack = await startStack();
  results = await auditServer({ url: stack.gateway.url });
});

afterAll(() => stack?.stop());

describe("GraphQL over HTTP audit", () => {
  it("ran the audit", () => {
    expect(results.length).toBeGreaterThan(40);
  });

  it("passes every MUST and every SHOULD: no failure, no warning", () => {
    const notOk = results.filter((r) => r.status === "warn" || r.status === "error").map((r) => `${r.status}: ${r.name}`);
    expect(notOk).toEqual([]);
  });
});
