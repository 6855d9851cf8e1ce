// What /metrics serves for the alert rules in infra/monitoring: HTTP duration by route and status
// class, GraphQL errors by code, database pool use, dependency state and the outbox backlog.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const scrape = async (url: string) => (await fetch(new URL("/metrics", url))).text();
/** The value of one sample, by metric name and a label fragment. */
function sample(text: string, metric: string, labels: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${metric}{`) && l.includes(labels));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

it("counts GraphQL errors by code and times HTTP requests by route and status class", async () => {
  const post = (query: string) =>
    fetch(stack.gateway.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  const statuses = [(await post("{ noSuchField }")).status, (await post("{ noSuchField }")).status, (await post("{ __typename }")).status];
  const classCount = (prefix: string) => statuses.filter((status) => String(status).startsWith(prefix)).length;

  const gateway = await scrape(stack.gateway.url);
  expect(sample(gateway, "ppt_graphql_errors_total", 'code="GRAPHQL_VALIDATION_FAILED"')).toBe(2);
  expect(sample(gateway, "ppt_http_request_duration_seconds_count", 'route="/graphql",status="2xx"')).toBe(classCount("2"));
  expect(sample(gateway, "ppt_http_request_duration_seconds_count", 'route="/graphql",status="4xx"') ?? 0).toBe(classCount("4"));
  expect(sample(gateway, "ppt_http_request_duration_seconds_bucket", 'le="+Inf",service="gateway",method="POST",route="/graphql",status="2xx"')).toBe(
    classCount("2"),
  );
});

it("serves the subgraph's pool use, dependency state and outbox backlog", async () => {
  expect((await fetch(new URL("/health/ready", stack.property.url))).status).toBe(200);
  const property = await scrape(stack.property.url);
  expect(sample(property, "ppt_db_pool_connections", 'state="idle"')).toBeGreaterThanOrEqual(0);
  expect(sample(property, "ppt_db_pool_connections", 'state="waiting"')).toBe(0);
  expect(sample(property, "ppt_dependency_up", 'dependency="database"')).toBe(1);
  expect(sample(property, "ppt_outbox_backlog", 'service="property"')).toBeGreaterThanOrEqual(0);
});
