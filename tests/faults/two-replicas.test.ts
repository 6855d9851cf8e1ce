// Scale-out: two replicas of every process (gateway, property, reality) behind round-robin
// balancers, on the test's own Redis. Mixed load (queries, mutations, subscriptions through both
// gateways): every subscriber gets every event whichever replica wrote it, and every write is
// stored exactly once.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBuilding, createOrganization, createUser } from "@ppt/testing/fixtures";
import { liveClient, subscribe } from "@ppt/testing/live";
import type { ProcessStack } from "@ppt/testing/process-stack";
import { startReplicaStack, until, type ReplicaStack } from "./replicas.ts";
import { openVote, TALLY } from "./vote.ts";

const REPORT = `mutation ($input: ReportFaultInput!) { reportFault(input: $input) { id } }`;

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

describe("two replicas of every process", () => {
  it("mixed load through both gateways: every subscriber gets every event, every write is stored once", async () => {
    const vote = await openVote(stack);
    const [gatewayA, gatewayB] = stack.gateways;
    // 60 subscribers on each gateway (each gateway's upstream sockets spread over both property replicas).
    const subscriptions = [gatewayA!, gatewayB!].flatMap((gateway) =>
      Array.from({ length: 6 }, () => {
        const client = liveClient(gateway.url, vote.managerToken);
        clients.push(client);
        return Array.from({ length: 10 }, () => subscribe<{ voteTallyUpdated: { version: string } }>(client, TALLY, { id: vote.voteId }));
      }).flat(),
    );
    const versionsOf = (s: (typeof subscriptions)[number]) => s.events.map((e) => Number(e.data?.voteTallyUpdated.version));
    const behind = (version: number) => () => `${subscriptions.filter((s) => !versionsOf(s).includes(version)).length} subscribers without version ${version}`;
    await until(() => subscriptions.every((s) => versionsOf(s).includes(1)), 30_000, behind(1));

    // Writes and reads through the balancer while ballots are cast through each gateway in turn.
    const org = await createOrganization(stack.owner.prisma);
    const reporter = await createUser(stack.owner.prisma);
    const building = await createBuilding(stack.owner.prisma, org.id);
    const token = await stack.tokenFor(reporter.id, org.id, ["manager"]);
    const run = randomUUID().slice(0, 8);
    const titles: string[] = [];
    const failures: unknown[] = [];
    let writing = true;
    const writer = async (lane: number) => {
      for (let i = 0; writing; i++) {
        const title = `${run}-${lane}-${i}`;
        titles.push(title);
        const answer = await stack.query(REPORT, { input: { buildingId: building.id, title, description: "Kvapká." } }, token);
        if (answer.errors) failures.push(answer.errors);
        const read = await stack.query(`{ propertyHealth realityHealth faults(first: 5) { edges { node { id } } } }`, {}, token);
        if (read.errors) failures.push(read.errors);
      }
    };
    const lanes = Promise.all([0, 1, 2].map(writer));
    for (let i = 0; i < 10; i++) {
      const version = await vote.cast(stack.gateways[i % 2]!.url);
      // Every event, not only the last: each subscriber must see this very version.
      await until(() => subscriptions.every((s) => versionsOf(s).includes(version)), 20_000, behind(version));
    }
    writing = false;
    await lanes;

    const why = stack.gateways
      .map((g) =>
        g
          .stdout()
          .split("\n")
          .filter((line) => line.includes("subgraph request failed"))
          .slice(-5)
          .join("\n"),
      )
      .join("\n");
    expect(failures, why).toEqual([]);
    for (const s of subscriptions) expect(versionsOf(s)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    const stored = await stack.owner.prisma.fault.groupBy({ by: ["title"], where: { title: { startsWith: `${run}-` } }, _count: true });
    expect(stored.length).toBe(titles.length);
    expect(stored.filter((row) => row._count !== 1)).toEqual([]);
    // Both replicas of every tier took connections.
    for (const balancer of Object.values(stack.balancers)) expect([...balancer.connections.values()].every((n) => n > 0)).toBe(true);
    expect(stack.crashes()).toEqual([]);
  });
});
