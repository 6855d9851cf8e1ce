// The subgraphs behind the gateway defend themselves (issue 12, finding 6): loopback only unless
// configured, the gateway's shared secret on every request, their own query limits, no `_service`
// SDL outside development; and every process sends the security headers (finding 10).
import type { AddressInfo } from "node:net";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRealitySubgraph } from "@ppt/reality";
import { loadServerConfig, SUBGRAPH_SECRET_HEADER, type RunningService } from "@ppt/server-kit";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
const extra: RunningService[] = [];
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(async () => {
  for (const service of extra) await service.stop();
  await stack?.stop();
});

async function direct(url: string, query: string, headers: Record<string, string> = stack.subgraphHeaders) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { status: res.status, body, headers: res.headers };
}

/** `buildings { units { building { units … } } }`, `levels` deep. */
function nested(levels: number): string {
  let inner = "id";
  for (let i = 0; i < levels; i++) inner = i % 2 === 0 ? `units { id building { ${inner} } }` : inner;
  return `{ buildings(first: 1) { edges { node { id ${inner} } } } }`;
}

describe("subgraphs listen on loopback", () => {
  it("binds both subgraphs to 127.0.0.1 unless BIND_ADDRESS says otherwise", () => {
    for (const service of [stack.property, stack.reality]) expect((service.httpServer.address() as AddressInfo).address).toBe("127.0.0.1");
  });
});

describe("the shared secret", () => {
  it("refuses a direct request without the secret or with a wrong one, and answers the gateway's", async () => {
    for (const url of [stack.property.url, stack.reality.url]) {
      const without = await direct(url, "{ __typename }", {});
      expect(without.status, url).toBe(403);
      expect(without.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      const wrong = await direct(url, "{ __typename }", { [SUBGRAPH_SECRET_HEADER]: "x".repeat(43) });
      expect(wrong.status, url).toBe(403);
      const right = await direct(url, "{ __typename }");
      expect(right.body).toEqual({ data: { __typename: "Query" } });
    }
    // Through the gateway, which sends it, the graph still answers.
    expect((await stack.query("{ searchListings(first: 1) { totalCount } }")).errors).toBeUndefined();
  });

  it("refuses a subgraph websocket without the secret", async () => {
    const url = stack.property.url.replace(/^http/, "ws");
    const closed = await new Promise<string>((resolve) => {
      const socket = new WebSocket(url, "graphql-transport-ws");
      socket.once("open", () => resolve("open"));
      socket.once("unexpected-response", (_req, res) => resolve(String(res.statusCode)));
      socket.once("error", (error) => resolve(error.message));
    });
    expect(closed).toBe("401");
    const client = createClient({
      url,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: stack.subgraphHeaders });
        }
      },
      retryAttempts: 0,
    });
    const result = await new Promise<unknown>((resolve, reject) => {
      client.subscribe({ query: "{ __typename }" }, { next: resolve, error: reject, complete: () => undefined });
    });
    await client.dispose();
    expect(result).toEqual({ data: { __typename: "Query" } });
  });
});

describe("a subgraph's own query limits", () => {
  it("refuses a 30-level nested query sent straight to the property subgraph", async () => {
    const answer = await direct(stack.property.url, nested(30));
    expect(answer.body.data).toBeUndefined();
    // (The wording and code of limit errors are the gateway's too, decided in one place.)
    expect(answer.body.errors?.[0]?.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
    expect(answer.body.errors?.map((e) => e.message).join(" ")).toMatch(/depth/i);
  });

  it("refuses 100 aliased listing pages sent straight to the reality subgraph", async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: searchListings(first: 100) { edges { node { id title description } } }`).join(" ");
    const answer = await direct(stack.reality.url, `{ ${aliases} }`);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.[0]?.message).toMatch(/alias|cost/i);
  });
});

describe("_service SDL", () => {
  it("is refused by a subgraph outside development (the test stack) and in production", async () => {
    const production = await startRealitySubgraph(
      await loadServerConfig({
        NODE_ENV: "production",
        LOG_LEVEL: "silent",
        JWT_JWKS: JSON.stringify(stack.config.keys.jwks),
        REALITY_DATABASE_URL: stack.db.urlFor("reality"),
        SUBGRAPH_SHARED_SECRET: stack.config.subgraphSecret,
        S3_ENDPOINT: stack.config.s3.endpoint!,
        S3_BUCKET: stack.config.s3.bucket,
      }),
      0,
    );
    extra.push(production);
    for (const url of [stack.reality.url, production.url]) {
      const answer = await direct(url, "{ _service { sdl } }");
      expect(answer.body.data, url).toBeUndefined();
      expect(answer.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    }
    // Production subgraphs also tell HTTPS-only to whoever reaches them.
    expect((await direct(production.url, "{ __typename }")).headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  }, 30_000);
});

describe("security headers", () => {
  it("come with every gateway and subgraph response", async () => {
    const responses = [
      await fetch(stack.gateway.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) }),
      await fetch(new URL("/health", stack.gateway.url)),
      (await direct(stack.property.url, "{ __typename }")).headers,
      (await direct(stack.reality.url, "{ __typename }", {})).headers,
    ];
    for (const response of responses) {
      const headers = response instanceof Response ? response.headers : response;
      expect(headers.get("x-content-type-options")).toBe("nosniff");
      expect(headers.get("referrer-policy")).toBe("no-referrer");
      expect(headers.get("x-frame-options")).toBe("DENY");
      expect(headers.get("content-security-policy")).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
      // Not production: no HSTS on plain http://localhost.
      expect(headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("gives the landing page a policy that forbids framing and leaves its own script nonce policy in charge", async () => {
    const page = await fetch(stack.gateway.url, { headers: { accept: "text/html" } });
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const policy = page.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("default-src");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
