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
    // Known, owned elsewhere: graphql-armor's max-tokens plugin re-parses the document in
    // `parsingDidStart` and throws, so Apollo answers a syntax error with 500 before any plugin can
    // set the status (the limit errors' codes and statuses are being fixed with the query limits).
    // Remove this list when that lands: the test must then see no warning at all.
    const armorParse = notOk.filter((line) => /SHOULD use (200|400) status code on document (parsing|validation) failure/.test(line));
    expect(notOk.filter((line) => !armorParse.includes(line))).toEqual([]);
  });
});
