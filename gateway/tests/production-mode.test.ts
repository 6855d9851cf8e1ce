// What partners and attackers see: the GraphiQL explorer and introspection in development; in production
// no introspection (unless enabled for partners), no field suggestions, no stack traces.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSigningKey } from "@ppt/server-kit";
import { startGateway, type RunningGateway } from "../src/app.ts";
import { loadGatewayConfig } from "../src/config.ts";

const INTROSPECTION = `{ __schema { queryType { name } } }`;
let jwks: string;
const running: RunningGateway[] = [];

async function gatewayIn(env: Record<string, string>): Promise<RunningGateway> {
  const config = await loadGatewayConfig({
    LOG_LEVEL: "silent",
    JWT_JWKS: jwks,
    PROPERTY_DATABASE_URL: "postgresql://unused@127.0.0.1:1/unused",
    REALITY_DATABASE_URL: "postgresql://unused@127.0.0.1:1/unused",
    SUBGRAPH_SHARED_SECRET: "a-shared-secret-of-at-least-32-characters",
    ...env,
  });
  const gateway = await startGateway(config, 0);
  running.push(gateway);
  return gateway;
}

async function post(gateway: RunningGateway, query: string) {
  const res = await fetch(gateway.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

beforeAll(async () => {
  jwks = JSON.stringify((await generateSigningKey("prod-test")).jwks);
});
afterAll(async () => {
  for (const gateway of running) await gateway.stop();
});

describe("development", () => {
  it("serves the explorer landing page and answers introspection", async () => {
    const gateway = await gatewayIn({ NODE_ENV: "development" });
    const page = await fetch(gateway.url, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/graphiql/i);
    expect((await post(gateway, INTROSPECTION)).data.__schema.queryType.name).toBe("Query");
  });
});

describe("production", () => {
  it("tells browsers to use HTTPS only (HSTS) besides the headers every mode sends", async () => {
    const gateway = await gatewayIn({ NODE_ENV: "production" });
    const res = await fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("refuses to start without the subgraphs' shared secret", async () => {
    await expect(gatewayIn({ NODE_ENV: "production", SUBGRAPH_SHARED_SECRET: "" })).rejects.toThrow(/SUBGRAPH_SHARED_SECRET/);
  });

  it("refuses introspection, hides field suggestions and serves no landing page", async () => {
    const gateway = await gatewayIn({ NODE_ENV: "production" });
    const introspection = await post(gateway, INTROSPECTION);
    expect(introspection.data).toBeUndefined();
    expect(introspection.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const typo = await post(gateway, `{ listin(id: "x") { id } }`);
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
    expect(JSON.stringify(typo)).not.toMatch(/stacktrace/);
    const page = await fetch(gateway.url, { headers: { accept: "text/html" } });
    expect(await page.text()).not.toMatch(/sandbox|graphiql/i);
  });

  it("answers introspection for partners when ENABLE_INTROSPECTION=true", async () => {
    const gateway = await gatewayIn({ NODE_ENV: "production", ENABLE_INTROSPECTION: "true" });
    expect((await post(gateway, INTROSPECTION)).data.__schema.queryType.name).toBe("Query");
  });

  it("refuses queries deeper than the limit without revealing the limit", async () => {
    const deep = `{ listing(id: "x") { unit { listings { unit { listings { unit { listings { unit { listings { unit { listings { id } } } } } } } } } } } }`;
    const production = await post(await gatewayIn({ NODE_ENV: "production" }), deep);
    expect(production.data).toBeUndefined();
    expect(production.errors?.[0]?.message).not.toMatch(/\d/);
    const development = await post(await gatewayIn({ NODE_ENV: "development" }), deep);
    expect(development.errors?.[0]?.message).toMatch(/depth limit of 10/i);
  });
});
