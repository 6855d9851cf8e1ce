// `voteTallyUpdated(voteId)`: live tallies. Per process and vote there is ONE feed: one pub/sub
// subscription, and per change (a `vote.tally_updated` wake-up with a newer version) ONE read of
// the tally, shared by every local subscriber. Tallies are read from the database (never
// accumulated from events), each carries the vote's tally version, and a subscriber is only ever
// given a version higher than the last one it got — so it never sees an older tally after a newer.
//
// Authorization per subscriber: the feed is keyed by (organization, vote) and reads under RLS as
// a subscriber of that organization (another tenant's vote is NOT_FOUND); every subscriber must
// hold votes:read and pass `authorize` (may see this vote) before it joins a feed another
// subscriber opened; the ws layer ends a subscription whose token expires.
import { EventQueue, LiveFeedRegistry, requirePermission, type PubSub, type WakeUp } from "@ppt/server-kit";
import type { PropertyContext } from "../../shared/context.ts";

export interface LiveTally {
  /** The vote's tally version: rises with every ballot. */
  version: number | bigint | string;
}

export type TallyLoader<T extends LiveTally> = (ctx: PropertyContext, voteId: string) => Promise<T>;

const versionOf = (value: unknown): bigint => {
  try {
    return BigInt(String(value));
  } catch {
    return -1n;
  }
};

const registries = new WeakMap<PubSub, LiveFeedRegistry<LiveTally, LiveTally>>();
/** Per feed, its current subscribers' context factories: the feed reads as one of them. */
const feedReaders = new WeakMap<PubSub, Map<string, Set<() => PropertyContext>>>();

function feedsOf(ctx: PropertyContext): LiveFeedRegistry<LiveTally, LiveTally> {
  let registry = registries.get(ctx.events.pubsub);
  if (!registry) registries.set(ctx.events.pubsub, (registry = new LiveFeedRegistry(ctx.events.pubsub, undefined)));
  return registry;
}

/** Database reads made by this process's open tally feeds (benchmarks: one per change). */
export function tallyFeedReads(pubsub: PubSub): Promise<number> {
  return registries.get(pubsub)?.reads() ?? Promise.resolve(0);
}

/** Throws NOT_FOUND unless the subscriber may see the vote (checked once, when it subscribes). */
export type TallyAuthorizer = (ctx: PropertyContext, voteId: string) => Promise<unknown>;

export async function subscribeVoteTally<T extends LiveTally>(
  ctx: PropertyContext,
  voteId: string,
  load: TallyLoader<T>,
  authorize: TallyAuthorizer,
): Promise<AsyncGenerator<{ voteTallyUpdated: T }>> {
  requirePermission(ctx.caller, "votes:read");
  const organizationId = ctx.caller.organizationId;
  // The shared feed's state was read as another subscriber: this one must be allowed to see it too
  // (a resident of another building of the same organization must not get the tally of its vote).
  await authorize(ctx, voteId);
  // Hold no pooled connection while waiting for the shared feed's first read.
  await ctx.db.close();
  const key = `${organizationId}:${voteId}`;
  // The feed reads as one of its current subscribers, each read in its own short context.
  let byKey = feedReaders.get(ctx.events.pubsub);
  if (!byKey) feedReaders.set(ctx.events.pubsub, (byKey = new Map()));
  let readers = byKey.get(key);
  if (!readers) byKey.set(key, (readers = new Set()));
  const subscriberReader = () => ctx.fork();
  readers.add(subscriberReader);
  const read = async (): Promise<T> => {
    const reader = [...(byKey.get(key) ?? [])].at(-1) ?? subscriberReader;
    const readerCtx = reader();
    try {
      return await load(readerCtx, voteId);
    } finally {
      await readerCtx.dispose();
    }
  };
  const leave = () => {
    readers.delete(subscriberReader);
    if (readers.size === 0 && byKey.get(key) === readers) byKey.delete(key);
  };
  let acquired;
  try {
    acquired = await feedsOf(ctx).acquire(key, () => ({
      channel: `vote:${voteId}`,
      initial: read,
      // A wake-up for a version the feed already has (the relay's copy, a late duplicate) costs nothing.
      isNews: (state, wakeUp: WakeUp) => wakeUp.organizationId === organizationId && (wakeUp.version === undefined || versionOf(wakeUp.version) > versionOf(state.version)),
      refresh: async (state) => {
        const tally = await read();
        return versionOf(tally.version) > versionOf(state.version) ? { state: tally, events: [tally] } : null;
      },
    }));
  } catch (error) {
    leave();
    throw error;
  }
  const { feed, release } = acquired;
  const queue = new EventQueue<{ voteTallyUpdated: T }>(release, 10);
  let last = -1n;
  const deliver = (tally: LiveTally) => {
    const version = versionOf(tally.version);
    if (version <= last) return;
    last = version;
    queue.push({ voteTallyUpdated: tally as T });
  };
  queue.onClose(feed.listen((tallies) => tallies.forEach(deliver)));
  queue.onClose(leave);
  // The current tally first (the feed's, read once when it opened and kept current since).
  deliver(feed.state);
  return queue;
}
