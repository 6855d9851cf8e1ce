// SIGTERM to one of two gateway replicas under load: requests in flight finish, new ones go to the
// other replica through the balancer, websocket clients are closed with 1001 (going away: reconnect
// elsewhere), and the process exits 0.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveClient, subscribe } from "@ppt/testing/live";
import type { ProcessStack } from "@ppt/testing/process-stack";
import { startReplicaStack, until, type ReplicaStack } from "./replicas.ts";
import { openVote, TALLY } from "./vote.ts";

let replicas: ReplicaStack;
let stack: ProcessStack;
const clients: ReturnType<typeof liveClient>[] = [];

beforeAll(async () => {
  replicas = await startReplicaStack();
  stack = replicas.stack;
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await replicas?.stop();
});

describe("SIGTERM to a gateway", () => {
  it("SIGTERM to a gateway under load: in-flight requests finish, new ones go to the other replica, websockets close with 1001", async () => {
    const [gatewayA, gatewayB] = stack.gateways;
    const vote = await openVote(stack);
    const client = liveClient(gatewayA!.url, vote.managerToken);
    clients.push(client);
    const live = Array.from({ length: 20 }, () => subscribe(client, TALLY, { id: vote.voteId }));
    await until(
      () => live.every((s) => s.events.length > 0),
      20_000,
      () => "first tallies",
    );

    const failures: unknown[] = [];
    let served = 0;
    let loading = true;
    const lane = async () => {
      while (loading) {
        const answer = await stack
          .query(`{ propertyHealth realityHealth }`)
          .catch((error: Error) => ({ errors: [`${error.message} (${String((error.cause as { code?: string } | undefined)?.code)})`] }));
        if (answer.errors) failures.push(answer.errors);
        else served++;
      }
    };
    const lanes = Promise.all(Array.from({ length: 8 }, lane));
    await until(
      () => served > 50,
      30_000,
      () => `${served} served`,
    );
    const toB = stack.balancers.gateway.connections.get(gatewayB!.port)!;
    const exit = await gatewayA!.signal("SIGTERM");
    const servedAtExit = served;
    await until(
      () => served > servedAtExit + 100,
      30_000,
      () => `${served - servedAtExit} served after the exit`,
    );
    loading = false;
    await lanes;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(failures).toEqual([]);
    expect(stack.balancers.gateway.connections.get(gatewayB!.port)!).toBeGreaterThan(toB);
    expect(client.closes).toContain(1001);
    expect(stack.crashes()).toEqual([]);
  });
});
