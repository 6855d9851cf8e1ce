// Two replicas of every process (gateway, property, reality) behind round-robin balancers, on the
// test's own Redis: the scale-out test, then the edge faults that need a second gateway.
// - Mixed load (queries, mutations, subscriptions through both gateways): every subscriber gets
//   every event whichever replica wrote it, and every write is stored exactly once.
// - A slowloris and 10,000 idle sockets against one gateway: the header and idle deadlines hold
//   (shortened here with HTTP_*_TIMEOUT_MS), memory stays bounded, the gateway keeps serving.
// - SIGTERM to a gateway under load: requests in flight finish, new ones go to the other replica,
//   websocket clients are closed with 1001 (going away: reconnect), the process exits 0.
import { randomUUID } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBuilding, createOrganization, createUser } from "@ppt/testing/fixtures";
import { liveClient, subscribe } from "@ppt/testing/live";
import { startOwnRedis, type OwnRedis } from "@ppt/testing/own-servers";
import { httpStatus } from "@ppt/testing/processes";
import { startProcessStack, type ProcessStack } from "@ppt/testing/process-stack";
import { openVote, TALLY } from "./vote.ts";

const HEADERS_TIMEOUT_MS = 3_000;

let redis: OwnRedis;
let stack: ProcessStack;
const clients: ReturnType<typeof liveClient>[] = [];

beforeAll(async () => {
  redis = await startOwnRedis();
  stack = await startProcessStack({
    replicas: 2,
    redisUrl: redis.url,
    env: { HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), HTTP_REQUEST_TIMEOUT_MS: "6000", HTTP_KEEP_ALIVE_TIMEOUT_MS: "2000" },
  });
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await stack?.stop();
  await redis?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean, timeoutMs: number, what: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await sleep(50);
  }
}

const REPORT = `mutation ($input: ReportFaultInput!) { reportFault(input: $input) { id } }`;

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

    expect(failures).toEqual([]);
    for (const s of subscriptions) expect(versionsOf(s)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    const stored = await stack.owner.prisma.fault.groupBy({ by: ["title"], where: { title: { startsWith: `${run}-` } }, _count: true });
    expect(stored.length).toBe(titles.length);
    expect(stored.filter((row) => row._count !== 1)).toEqual([]);
    // Both replicas of every tier took connections.
    for (const balancer of Object.values(stack.balancers)) expect([...balancer.connections.values()].every((n) => n > 0)).toBe(true);
    expect(stack.crashes()).toEqual([]);
  });

  it("a slowloris and 10,000 idle sockets: the deadlines hold, memory stays bounded, the gateway keeps serving", async () => {
    const gateway = stack.gateways[1]!;
    const rss = async () => {
      const text = await (await fetch(`http://127.0.0.1:${gateway.port}/metrics`)).text();
      return Number(/^process_resident_memory_bytes (\S+)$/m.exec(text)?.[1]);
    };
    const before = await rss();
    const opened: { socket: net.Socket; closedAt?: number; openedAt: number }[] = [];
    const open = () =>
      new Promise<void>((resolve) => {
        const entry = { socket: net.connect(gateway.port, "127.0.0.1"), openedAt: Date.now() } as (typeof opened)[number];
        entry.socket.on("error", () => undefined);
        entry.socket.once("close", () => (entry.closedAt = Date.now()));
        entry.socket.once("connect", () => resolve());
        entry.socket.once("close", () => resolve());
        opened.push(entry);
      });
    // The slowloris: a request line and then one header byte a second, never finishing.
    const slow = net.connect(gateway.port, "127.0.0.1");
    slow.on("error", () => undefined);
    let slowClosedAt = 0;
    slow.once("close", () => (slowClosedAt = Date.now()));
    const slowStarted = Date.now();
    slow.write("POST /graphql HTTP/1.1\r\nHost: x\r\n");
    const drip = setInterval(() => slow.writable && slow.write("X"), 1_000);
    // 10,000 sockets that never send a byte, opened 500 at a time.
    for (let i = 0; i < 10_000; i += 500) await Promise.all(Array.from({ length: 500 }, open));
    const during = await rss();
    // It still serves while they are open.
    expect(await stack.query(`{ propertyHealth }`, {}, undefined, gateway.url)).toEqual({ data: { propertyHealth: true } });
    await until(
      () => opened.every((e) => e.closedAt !== undefined) && slowClosedAt > 0,
      30_000,
      () => `${opened.filter((e) => !e.closedAt).length} idle sockets still open, slowloris ${slowClosedAt ? "closed" : "open"}`,
    );
    clearInterval(drip);
    // The slowloris is cut at the header deadline (checked every quarter of it), not when it stops.
    expect(slowClosedAt - slowStarted).toBeLessThan(HEADERS_TIMEOUT_MS * 2 + 1_000);
    const lifetimes = opened.map((e) => e.closedAt! - e.openedAt).sort((a, b) => a - b);
    expect(lifetimes.at(-1)).toBeLessThan(HEADERS_TIMEOUT_MS * 4 + 5_000);
    // Bounded: 10,000 idle sockets cost the gateway some memory, not without limit.
    expect(during - before).toBeLessThan(256 * 1024 * 1024);
    expect(await httpStatus(gateway.port, "/health/ready")).toBe(200);
    expect(stack.crashes()).toEqual([]);
  });

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
        const answer = await stack.query(`{ propertyHealth realityHealth }`).catch((error: Error) => ({ errors: [error.message] }));
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
