// The gateway serves whichever supergraph SUPERGRAPH_PATH names (a federation compatibility
// suite's, a staging composition), and the committed one without it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, print, visit } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSigningKey } from "@ppt/server-kit";
import { startGateway, supergraphSdl, type RunningGateway } from "../src/app.ts";
import { loadGatewayConfig } from "../src/config.ts";

let jwks: string;
let dir: string;
const running: RunningGateway[] = [];

const configIn = (env: Record<string, string>) =>
  loadGatewayConfig({
    NODE_ENV: "development",
    LOG_LEVEL: "silent",
    JWT_JWKS: jwks,
    PROPERTY_DATABASE_URL: "postgresql://unused@127.0.0.1:1/unused",
    REALITY_DATABASE_URL: "postgresql://unused@127.0.0.1:1/unused",
    SUBGRAPH_SHARED_SECRET: "a-shared-secret-of-at-least-32-characters",
    ...env,
  });

async function gatewayIn(env: Record<string, string>): Promise<RunningGateway> {
  const config = await configIn(env);
  const gateway = await startGateway(config, 0);
  running.push(gateway);
  return gateway;
}

async function rootFields(gateway: RunningGateway): Promise<string[]> {
  const res = await fetch(gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: `{ __type(name: "Query") { fields { name } } }` }),
  });
  const body = (await res.json()) as { data: { __type: { fields: { name: string }[] } } };
  return body.data.__type.fields.map((f) => f.name);
}

beforeAll(async () => {
  jwks = JSON.stringify((await generateSigningKey("supergraph-test")).jwks);
  dir = mkdtempSync(join(tmpdir(), "supergraph-"));
});
afterAll(async () => {
  for (const gateway of running) await gateway.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("SUPERGRAPH_PATH", () => {
  it("serves the supergraph in that file", async () => {
    // The committed supergraph without the portal's search: a different graph the gateway can only have read from the file.
    const committed = supergraphSdl();
    const edited = print(
      visit(parse(committed), {
        FieldDefinition: (field, _key, _parent, _path, ancestors) =>
          field.name.value === "searchListings" && (ancestors.at(-1) as { name?: { value: string } }).name?.value === "Query" ? null : undefined,
      }),
    );
    expect(edited).not.toBe(committed);
    const path = join(dir, "supergraph.graphql");
    writeFileSync(path, edited);
    expect((await configIn({ SUPERGRAPH_PATH: path })).supergraphPath).toBe(path);

    const fields = await rootFields(await gatewayIn({ SUPERGRAPH_PATH: path }));
    expect(fields).toContain("listing");
    expect(fields).not.toContain("searchListings");
  });

  it("serves the committed supergraph without it", async () => {
    expect(await rootFields(await gatewayIn({}))).toContain("searchListings");
  });
});
