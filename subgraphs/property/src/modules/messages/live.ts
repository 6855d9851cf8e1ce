// Live messaging: `messageAdded` and `typingChanged`. Per process, each conversation with local
// subscribers has ONE feed: one pub/sub subscription, and per wake-up one read of the new
// messages and of who is still a participant, shared by every local subscriber. Each
// subscriber is then checked against that participant list for every event, so a removed
// participant stops receiving at once (their subscription ends with NOT_FOUND).
import type { Message } from "@ppt/db/client";
import {
  AppError,
  EventQueue,
  isUuid,
  LiveFeedRegistry,
  requirePermission,
  TenantDb,
  type PrismaClient,
  type PubSub,
  type Tx,
  type WakeUp,
} from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { typingChannel, type TypingSignal } from "./conversations.ts";
import { conversationChannel } from "./live-routes.ts";
import { isAfter, messageKey, messagesAfter, type MessageKey } from "./messages.ts";

interface ConversationState {
  organizationId: string;
  /** The newest message the feed has seen. */
  newest: MessageKey | null;
  participants: ReadonlySet<string>;
  /** Messages already read, so the relay's copy of a wake-up the sender already published costs nothing. */
  seen: Set<string>;
}

/** This process's conversation feeds: made once by the composition root (context.ts), reached through each context. */
export type ConversationFeeds = LiveFeedRegistry<ConversationState, Message>;

export function createConversationFeeds(pubsub: PubSub): ConversationFeeds {
  return new LiveFeedRegistry(pubsub);
}

/** One short transaction in the conversation's tenant (the feed serves many callers, so it acts as none of them). */
async function readAsTenant<T>(prisma: PrismaClient, organizationId: string, run: (tx: Tx) => Promise<T>): Promise<T> {
  const db = new TenantDb(prisma, { organizationId, userId: null });
  try {
    return await db.read(run);
  } finally {
    await db.close();
  }
}

async function activeParticipants(tx: Tx, conversationId: string): Promise<Set<string>> {
  const rows = await tx.conversationParticipant.findMany({ where: { conversationId, leftAt: null }, select: { userId: true } });
  return new Set(rows.map((row) => row.userId));
}

function conversationFeed(ctx: PropertyContext, organizationId: string, conversationId: string) {
  const prisma = ctx.publicDb;
  return ctx.services.conversationFeeds.acquire(`${organizationId}:${conversationId}`, () => ({
    channel: conversationChannel(conversationId),
    initial: () =>
      readAsTenant(prisma, organizationId, async (tx) => {
        const [newest] = await tx.message.findMany({ where: { conversationId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1 });
        return {
          organizationId,
          newest: newest ? messageKey(newest) : null,
          participants: await activeParticipants(tx, conversationId),
          seen: new Set<string>(),
        };
      }),
    isNews: (state, wakeUp: WakeUp) =>
      wakeUp.organizationId === organizationId && !(wakeUp.eventType === "message.sent" && state.seen.has(String(wakeUp.messageId))),
    refresh: (state) =>
      readAsTenant(prisma, organizationId, async (tx) => {
        const [messages, participants] = [await messagesAfter(tx, conversationId, state.newest), await activeParticipants(tx, conversationId)];
        // Bounded memory: only recent ids matter for deduplication.
        const seen = state.seen.size > 1_000 ? new Set<string>() : state.seen;
        for (const message of messages) seen.add(message.id);
        return { state: { organizationId, newest: messages.length ? messageKey(messages.at(-1)!) : state.newest, participants, seen }, events: messages };
      }),
  }));
}

function notParticipant(): AppError {
  return AppError.notFound("Conversation");
}

/**
 * Authorizes a subscriber against the conversation's shared feed: the feed (keyed by the
 * caller's organization, read under RLS) knows who the participants are, so thousands of
 * subscribers of one conversation cost one read, not one each. Not a participant (or not a
 * conversation of the caller's organization): NOT_FOUND.
 */
async function joinConversationFeed(ctx: PropertyContext, conversationId: string) {
  requirePermission(ctx.caller, "messages:read");
  if (!isUuid(conversationId)) throw notParticipant();
  const joined = await conversationFeed(ctx, ctx.caller.organizationId, conversationId);
  if (!joined.feed.state.participants.has(ctx.caller.userId)) {
    await joined.release();
    throw notParticipant();
  }
  return joined;
}

export interface MessageAddedEvent {
  messageAdded: Message;
}

/**
 * Subscribes the caller to a conversation's new messages. With `after`, first the messages the
 * caller missed (in order), then live ones; each message is delivered once, in order.
 */
export async function subscribeMessageAdded(ctx: PropertyContext, conversationId: string, after?: string | null): Promise<AsyncGenerator<MessageAddedEvent>> {
  const { feed, release } = await joinConversationFeed(ctx, conversationId);
  const caller = ctx.caller!;
  let resumeFrom: MessageKey | null = null;
  if (after) {
    const last = await ctx.loaders.message.load(after).catch(async (error) => {
      await release();
      throw error;
    });
    if (!last || last.conversationId !== conversationId) {
      await release();
      throw AppError.badInput("after must be a message of this conversation", { field: "after" });
    }
    resumeFrom = messageKey(last);
  }
  const queue = new EventQueue<MessageAddedEvent>(release);
  // Live messages that arrive while the missed ones are read wait here, then only newer ones pass.
  let delivered: MessageKey | null = null;
  let catchingUp = true;
  const held: Message[] = [];
  const deliver = (message: Message) => {
    if (delivered && !isAfter(messageKey(message), delivered)) return;
    delivered = messageKey(message);
    queue.push({ messageAdded: message });
  };
  const stop = feed.listen((messages, state) => {
    if (!state.participants.has(caller.userId)) {
      queue.fail(notParticipant());
      return;
    }
    if (catchingUp) held.push(...messages);
    else messages.forEach(deliver);
  });
  queue.onClose(stop);
  try {
    if (resumeFrom) {
      delivered = resumeFrom;
      const missed = await ctx.db.read((tx) => messagesAfter(tx, conversationId, resumeFrom, 1_000));
      missed.forEach(deliver);
    } else {
      delivered = feed.state.newest;
    }
  } catch (error) {
    await queue.return();
    throw error;
  }
  catchingUp = false;
  held.splice(0).forEach(deliver);
  return queue;
}

export interface TypingChangedEvent {
  typingChanged: TypingSignal;
}

/** Others' typing signals; checked per signal against the conversation feed's participant list. */
export async function subscribeTypingChanged(ctx: PropertyContext, conversationId: string): Promise<AsyncGenerator<TypingChangedEvent>> {
  const { feed, release } = await joinConversationFeed(ctx, conversationId);
  const caller = ctx.caller!;
  const queue = new EventQueue<TypingChangedEvent>(release, 100);
  queue.onClose(
    feed.listen((_messages, state) => {
      if (!state.participants.has(caller.userId)) queue.fail(notParticipant());
    }),
  );
  const unsubscribe = await ctx.events.pubsub.subscribe(typingChannel(conversationId), (payload) => {
    const signal = payload as TypingSignal;
    if (signal.organizationId !== caller.organizationId || signal.userId === caller.userId) return;
    if (!feed.state.participants.has(caller.userId)) return queue.fail(notParticipant());
    queue.push({ typingChanged: signal });
  });
  queue.onClose(unsubscribe);
  return queue;
}
