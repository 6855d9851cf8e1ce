// A subgraph killed with SIGKILL: the gateway keeps answering, with the other subgraph's fields
// and an error for the dead one's (partial data, never a hang or a 5xx for the whole query), and
// full data again once the subgraph is back on its port, without touching the gateway.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProcessStack, type ProcessStack } from "@ppt/testing/process-stack";

let stack: ProcessStack;

beforeAll(async () => {
  // A short breaker pause so the returned subgraph is probed again within the test.
  stack = await startProcessStack({ env: { SUBGRAPH_BREAKER_RESET_MS: "500", SUBGRAPH_TIMEOUT_MS: "2000" } });
});
afterAll(async () => {
  await stack?.stop();
});

const BOTH = `{ propertyHealth realityHealth }`;

describe("a subgraph killed", () => {
  it("answers the other subgraph's fields with an error for the dead one, then full data when it returns", async () => {
    expect(await stack.query(BOTH)).toEqual({ data: { propertyHealth: true, realityHealth: true } });

    const [reality] = stack.reality;
    expect((await reality!.signal("SIGKILL")).signal).toBe("SIGKILL");
    // Both root fields are non-null, so the dead one's error nulls `data` (GraphQL's null
    // propagation): the error names the field and says the service is unavailable, and the live
    // subgraph still answers its own fields.
    const partial = await stack.query(BOTH);
    expect(partial.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[["realityHealth"], "SERVICE_UNAVAILABLE"]]);
    expect(await stack.query(`{ propertyHealth }`)).toEqual({ data: { propertyHealth: true } });

    await reality!.start();
    const deadline = Date.now() + 15_000;
    let full = await stack.query(BOTH);
    while (full.errors && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      full = await stack.query(BOTH);
    }
    expect(full).toEqual({ data: { propertyHealth: true, realityHealth: true } });
    expect(stack.crashes()).toEqual([]);
  });
});
