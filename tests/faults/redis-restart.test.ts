// Redis killed (SIGKILL) and started again while 1,000 tally subscriptions are open through the
// gateway (50 sockets × 20). The test's own Redis: the shared one is never touched. No process
// crashes; a ballot cast while Redis is down still commits; once Redis is back every subscriber has the current tally
// (clients whose subscription ended resubscribe and get it first thing), and later changes reach all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveClient, subscribe, type LiveSubscription } from "@ppt/testing/live";
import { startOwnRedis, type OwnRedis } from "@ppt/testing/own-servers";
import { startProcessStack, type ProcessStack } from "@ppt/testing/process-stack";
import { openVote, TALLY, type LiveVote } from "./vote.ts";

const SOCKETS = 50;
const PER_SOCKET = 20;

let redis: OwnRedis;
let stack: ProcessStack;
const clients: ReturnType<typeof liveClient>[] = [];
/** What ended subscriptions said (to explain a subscriber left behind). */
const endings: string[] = [];

beforeAll(async () => {
  redis = await startOwnRedis();
  stack = await startProcessStack({ redisUrl: redis.url });
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await stack?.stop();
  await redis?.stop();
});

/** A subscriber that, like the app, subscribes again when its subscription ends, and keeps the newest version. */
function watch(client: ReturnType<typeof liveClient>, vote: LiveVote) {
  const state = { latest: 0, resubscribed: 0, current: null as LiveSubscription | null };
  const start = () => {
    const live = subscribe<{ voteTallyUpdated: { version: string } }>(client, TALLY, { id: vote.voteId });
    state.current = live;
    const seen = live.events.length;
    const timer = setInterval(() => {
      for (const event of live.events.slice(seen)) state.latest = Math.max(state.latest, Number(event.data?.voteTallyUpdated.version ?? 0));
    }, 50);
    void live.ended.then(({ error }) => {
      clearInterval(timer);
      endings.push(JSON.stringify(error ?? "completed").slice(0, 300));
      for (const event of live.events) state.latest = Math.max(state.latest, Number(event.data?.voteTallyUpdated.version ?? 0));
      state.resubscribed++;
      setTimeout(start, 200);
    });
  };
  start();
  return state;
}

async function until(check: () => boolean, timeoutMs: number, what: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("Redis killed and restarted under 1,000 open subscriptions", () => {
  it("every subscriber ends with the current tally; nothing crashes", async () => {
    const vote = await openVote(stack);
    for (let i = 0; i < SOCKETS; i++) clients.push(liveClient(stack.url, vote.managerToken, { retryAttempts: 20 }));
    const watchers = clients.flatMap((client) => Array.from({ length: PER_SOCKET }, () => watch(client, vote)));
    const behind = (version: number) => () =>
      `${watchers.filter((w) => w.latest < version).length} of ${watchers.length} behind version ${version}; ${endings.length} ended, the last: ${endings.slice(-3).join(" | ")}; gateway: ${stack.gateways[0]!.stderr().slice(-1_000)}`;
    await until(() => watchers.every((w) => w.latest >= 1), 120_000, behind(1));
    await vote.cast();
    await until(() => watchers.every((w) => w.latest >= 2), 60_000, behind(2));

    await redis.kill();
    // The write does not need Redis: it commits, and its wake-up waits in the outbox.
    await vote.cast();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await redis.start();
    await until(() => watchers.every((w) => w.latest >= 3), 60_000, behind(3));

    await vote.cast();
    await until(() => watchers.every((w) => w.latest >= 4), 60_000, behind(4));
    expect(stack.crashes()).toEqual([]);
  });
});
