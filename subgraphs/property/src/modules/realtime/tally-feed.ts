// `voteTallyUpdated(voteId)`: live tallies. Per process and vote there is ONE feed: one pub/sub
// subscription, and per change (a `vote.tally_updated` wake-up with a newer version) ONE read of
// the tally, shared by every local subscriber. Tallies are read from the database (never
// accumulated from events), each carries the vote's tally version, and a subscriber is only ever
// given a version higher than the last one it got — so it never sees an older tally after a newer.
//
// Authorization per subscriber: the feed is keyed by (organization, vote) and reads under RLS as
// a subscriber of that organization (another tenant's vote is NOT_FOUND); every subscriber must
// hold votes:read and pass `authorize` (may see this vote) before it joins a feed another
// subscriber opened. At every change, one query re-checks every subscriber's sign-in (session,
// membership, password change): one whose sign-in no longer stands is ended instead of served.
// The ws layer ends a subscription whose token expires.
import { AppError, EventQueue, LiveFeedRegistry, requirePermission, type Caller, type PubSub, type WakeUp } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { standingCallers } from "../auth/index.ts";
import { voteChannel } from "../voting/index.ts";

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

interface TallySubscriber {
  caller: Caller;
  /** A fresh context of this subscriber: the feed reads as one of its subscribers. */
  fork: () => PropertyContext;
  /** Ends the subscription: its sign-in no longer stands. */
  revoke: () => void;
}

/** This process's tally feeds: made once by the composition root (context.ts), reached through each context. */
export interface TallyFeeds {
  registry: LiveFeedRegistry<LiveTally, LiveTally>;
  /** Per feed, its current subscribers. */
  subscribers: Map<string, Set<TallySubscriber>>;
  /** Recent admissions (see admit): a sign-in's right to see a vote, by sign-in and vote. */
  admissions: Map<string, { until: number; admitted: Promise<unknown> }>;
}

export function createTallyFeeds(pubsub: PubSub): TallyFeeds {
  return { registry: new LiveFeedRegistry(pubsub, undefined), subscribers: new Map(), admissions: new Map() };
}

/** How long a sign-in's admission to a vote's feed is reused for its further subscriptions. */
const ADMISSION_REUSE_MS = 10_000;
const ADMISSIONS_KEPT = 10_000;

/**
 * Admits a subscriber to a vote's feed. The same sign-in (same person, session, organization
 * and permissions) subscribing again to the same vote within seconds — a dashboard's many panels,
 * an app reconnecting after a network drop — joins on the admission it was just given, without
 * a transaction of its own; visibility is checked once per subscription anyway, so this only
 * moves that check a few seconds earlier. Refusals are never reused.
 */
async function admit(ctx: PropertyContext, caller: Caller, voteId: string, authorize: TallyAuthorizer): Promise<void> {
  const key = JSON.stringify([
    caller.userId,
    caller.sessionId,
    caller.organizationId,
    caller.clientId,
    caller.issuedAt,
    [...caller.permissions].sort(),
    voteId,
  ]);
  const admissions = ctx.services.tallyFeeds.admissions;
  const now = Date.now();
  const known = admissions.get(key);
  if (known && known.until > now) {
    await known.admitted;
    return;
  }
  const admitted = authorize(ctx, voteId);
  if (admissions.size >= ADMISSIONS_KEPT) for (const [k, a] of admissions) if (a.until <= now || admissions.size >= ADMISSIONS_KEPT) admissions.delete(k);
  const entry = { until: now + ADMISSION_REUSE_MS, admitted };
  admissions.set(key, entry);
  try {
    await admitted;
  } catch (error) {
    if (admissions.get(key) === entry) admissions.delete(key);
    throw error;
  }
}

/**
 * One event object per tally, handed to every subscriber: the subscription server resolves an
 * event object once per identical operation and permission scope (every subscriber here was
 * admitted by `authorize`, and a tally is the same for everyone who may see it).
 */
const events = new WeakMap<LiveTally, { voteTallyUpdated: LiveTally }>();
function eventOf(tally: LiveTally): { voteTallyUpdated: LiveTally } {
  let event = events.get(tally);
  if (!event) events.set(tally, (event = { voteTallyUpdated: tally }));
  return event;
}

/** Ends the subscribers whose sign-in no longer stands (one query for all of them). */
async function revokeFallen(ctx: PropertyContext, subscribers: Set<TallySubscriber>): Promise<void> {
  const current = [...subscribers];
  const standing = await standingCallers(
    ctx.publicDb,
    current.map((s) => s.caller),
  );
  current.forEach((subscriber, i) => standing[i] || subscriber.revoke());
}

/** Database reads made by this process's open tally feeds (benchmarks: one per change). */
export function tallyFeedReads(feeds: TallyFeeds): Promise<number> {
  return feeds.registry.reads();
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
  await admit(ctx, ctx.caller, voteId, authorize);
  // Hold no pooled connection while waiting for the shared feed's first read.
  await ctx.db.close();
  const key = `${organizationId}:${voteId}`;
  const byKey = ctx.services.tallyFeeds.subscribers;
  let subscribers = byKey.get(key);
  if (!subscribers) byKey.set(key, (subscribers = new Set()));
  const queue = new EventQueue<{ voteTallyUpdated: T }>(undefined, 10);
  const me: TallySubscriber = {
    caller: ctx.caller,
    fork: () => ctx.fork(),
    revoke: () => queue.fail(AppError.unauthenticated("This sign-in is no longer valid")),
  };
  subscribers.add(me);
  const read = async (): Promise<T> => {
    const reader = [...(byKey.get(key) ?? [])].at(-1) ?? me;
    const readerCtx = reader.fork();
    try {
      return await load(readerCtx, voteId);
    } finally {
      await readerCtx.dispose();
    }
  };
  const leave = () => {
    subscribers.delete(me);
    if (subscribers.size === 0 && byKey.get(key) === subscribers) byKey.delete(key);
  };
  let acquired;
  try {
    acquired = await ctx.services.tallyFeeds.registry.acquire(key, () => ({
      channel: voteChannel(voteId),
      initial: read,
      // A wake-up for a version the feed already has (the relay's copy, a late duplicate) costs nothing.
      isNews: (state, wakeUp: WakeUp) =>
        wakeUp.organizationId === organizationId && (wakeUp.version === undefined || versionOf(wakeUp.version) > versionOf(state.version)),
      refresh: async (state) => {
        const tally = await read();
        if (versionOf(tally.version) <= versionOf(state.version)) return null;
        await revokeFallen(ctx, byKey.get(key) ?? new Set());
        return { state: tally, events: [tally] };
      },
    }));
  } catch (error) {
    leave();
    throw error;
  }
  const { feed, release } = acquired;
  queue.onClose(release);
  let last = -1n;
  const deliver = (tally: LiveTally) => {
    const version = versionOf(tally.version);
    if (version <= last) return;
    last = version;
    queue.push(eventOf(tally) as { voteTallyUpdated: T });
  };
  queue.onClose(feed.listen((tallies) => tallies.forEach(deliver)));
  queue.onClose(leave);
  // The current tally first (the feed's, read once when it opened and kept current since).
  deliver(feed.state);
  return queue;
}
