// The client's address, the key of per-address limits (issue 12, finding 7): `X-Forwarded-For` is
// believed only from a proxy in TRUSTED_PROXIES, and a subgraph never believes a caller's own
// forwarded headers. Observed through a per-visitor counter: a listing view counts once per
// visitor (address) per half hour, so two views share a counter exactly when their keys are equal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "@ppt/server-kit/edge";
import { startGateway, type RunningGateway } from "@ppt/gateway";
import { createRealtorAccount } from "@ppt/testing/fixtures";
import { insertListing } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let realtorId: string;
const extra: RunningGateway[] = [];

beforeAll(async () => {
  stack = await startStack();
  realtorId = (await createRealtorAccount(stack.owner.prisma)).realtorId;
}, 60_000);
afterAll(async () => {
  for (const gateway of extra) await gateway.stop();
  await stack?.stop();
});

async function gatewayTrusting(trustedProxies: string[]): Promise<RunningGateway> {
  const gateway = await startGateway(
    {
      ...stack.config,
      trustedProxies,
      subgraphUrls: { property: stack.property.url, reality: stack.reality.url },
      subgraphTimeoutMs: 5_000,
      bodyLimitBytes: 1024 * 1024,
    },
    0,
  );
  extra.push(gateway);
  return gateway;
}

const VIEW = `mutation ($id: ID!) { recordListingView(id: $id) }`;

async function view(url: string, listingId: string, headers: Record<string, string>) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: VIEW, variables: { id: listingId } }),
  });
  const body = (await res.json()) as { data?: { recordListingView: boolean }; errors?: unknown[] };
  return { status: res.status, counted: body.data?.recordListingView, errors: body.errors };
}

const newListing = async () => (await insertListing(stack.owner.prisma, { realtorId })).id;

describe("at the gateway", () => {
  it("ignores X-Forwarded-For from a peer that is not a trusted proxy: two fake addresses from one socket share one counter", async () => {
    const gateway = await gatewayTrusting([]);
    const listing = await newListing();
    expect((await view(gateway.url, listing, { "x-forwarded-for": "10.61.0.1" })).counted).toBe(true);
    expect((await view(gateway.url, listing, { "x-forwarded-for": "10.61.0.2" })).counted).toBe(false);
  });

  it("ignores a forged client-address header from the client", async () => {
    const gateway = await gatewayTrusting([]);
    const listing = await newListing();
    expect((await view(gateway.url, listing, { [CLIENT_ADDRESS_HEADER]: "10.62.0.1" })).counted).toBe(true);
    expect((await view(gateway.url, listing, { [CLIENT_ADDRESS_HEADER]: "10.62.0.2" })).counted).toBe(false);
  });

  it("honours X-Forwarded-For from a trusted proxy (a CIDR range, the v4-mapped peer normalised)", async () => {
    const gateway = await gatewayTrusting(["127.0.0.0/8", "::1"]);
    const listing = await newListing();
    expect((await view(gateway.url, listing, { "x-forwarded-for": "10.63.0.1" })).counted).toBe(true);
    expect((await view(gateway.url, listing, { "x-forwarded-for": "10.63.0.2" })).counted).toBe(true);
    expect((await view(gateway.url, listing, { "x-forwarded-for": "10.63.0.1" })).counted).toBe(false);
  });

  it("takes the right-most hop a trusted proxy wrote, not what the client prepended", async () => {
    const gateway = await gatewayTrusting(["127.0.0.1", "10.64.9.0/24"]);
    const listing = await newListing();
    expect((await view(gateway.url, listing, { "x-forwarded-for": "1.1.1.1, 10.64.0.1, 10.64.9.7" })).counted).toBe(true);
    // Same real client behind the same proxies, another forged left-most hop: the same counter.
    expect((await view(gateway.url, listing, { "x-forwarded-for": "2.2.2.2, 10.64.0.1, 10.64.9.8" })).counted).toBe(false);
  });
});

describe("at a subgraph", () => {
  it("never believes a direct caller's X-Forwarded-For, even with the gateway's secret", async () => {
    const listing = await newListing();
    expect((await view(stack.reality.url, listing, { ...stack.subgraphHeaders, "x-forwarded-for": "10.65.0.1" })).counted).toBe(true);
    expect((await view(stack.reality.url, listing, { ...stack.subgraphHeaders, "x-forwarded-for": "10.65.0.2" })).counted).toBe(false);
  });

  it("believes the client-address header only with the gateway's secret; without it the request is refused", async () => {
    const listing = await newListing();
    expect((await view(stack.reality.url, listing, { ...stack.subgraphHeaders, [CLIENT_ADDRESS_HEADER]: "10.66.0.1" })).counted).toBe(true);
    expect((await view(stack.reality.url, listing, { ...stack.subgraphHeaders, [CLIENT_ADDRESS_HEADER]: "10.66.0.2" })).counted).toBe(true);
    const stranger = await view(stack.reality.url, listing, { [CLIENT_ADDRESS_HEADER]: "10.66.0.3" });
    expect(stranger.counted).toBeUndefined();
    expect(stranger.status).toBeGreaterThanOrEqual(400);
  });
});
