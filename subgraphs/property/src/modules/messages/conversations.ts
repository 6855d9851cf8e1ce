// Conversations and their participants. Only participants see a conversation: every read and
// write checks the caller's (active) participation on top of Row-Level Security, and a
// conversation the caller is not part of looks exactly like one that does not exist.
import type { Conversation } from "@ppt/db/client";
import {
  AppError,
  decodeCursorOf,
  ErrorCode,
  keysetOrderBy,
  keysetWhere,
  pageSize,
  parseInput,
  requirePermission,
  toConnection,
  type Caller,
  type SortKey,
  type Tx,
} from "@ppt/server-kit";
import { z } from "zod";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { canSeeBuilding } from "../buildings/index.ts";
import { isActiveMember } from "../members/index.ts";
import { sendMessage } from "./messages.ts";
import { participationOf, requireConversation } from "./participation.ts";

type MessagingCaller = Caller & { organizationId: string };

const CONVERSATION_ORDER: SortKey[] = [
  { field: "lastMessageAt", direction: "desc" },
  { field: "id", direction: "desc" },
];

export async function listConversations(ctx: PropertyContext, first?: number | null, after?: string | null) {
  requirePermission(ctx.caller, "messages:read");
  const limit = pageSize(first);
  const where = { participants: { some: { userId: ctx.caller.userId, leftAt: null } } };
  const rows = await ctx.db.read((tx) =>
    tx.conversation.findMany({
      where: { AND: [where, keysetWhere(CONVERSATION_ORDER, decodeCursorOf(after, ["timestamp?", "uuid"]))] },
      orderBy: keysetOrderBy(CONVERSATION_ORDER),
      take: limit + 1,
    }),
  );
  for (const row of rows) ctx.loaders.conversation.prime(row.id, row);
  return toConnection(
    rows,
    limit,
    (c) => [c.lastMessageAt, c.id],
    () => ctx.db.read((tx) => tx.conversation.count({ where })),
  );
}

export async function getConversation(ctx: PropertyContext, id: string): Promise<Conversation | null> {
  requirePermission(ctx.caller, "messages:read");
  try {
    return await requireConversation(ctx, id);
  } catch (error) {
    if (error instanceof AppError && error.code === ErrorCode.NotFound) return null;
    throw error;
  }
}

const startSchema = z.object({
  participantIds: z.array(z.uuid()).min(1).max(100),
  title: z.string().trim().min(1).max(255).nullish(),
  buildingId: z.uuid().nullish(),
  message: z.string().trim().min(1).max(10_000).nullish(),
});

async function assertMembers(ctx: PropertyContext, userIds: string[]): Promise<void> {
  const active = await Promise.all(userIds.map((id) => isActiveMember(ctx, id)));
  const missing = userIds.filter((_, index) => !active[index]);
  if (missing.length) throw AppError.badInput("Every participant must be an active member of the organization", { field: "participantIds" });
}

export async function startConversation(ctx: PropertyContext, input: unknown): Promise<Conversation> {
  requirePermission(ctx.caller, "messages:write");
  const caller = ctx.caller;
  const data = parseInput(startSchema, input);
  const others = [...new Set(data.participantIds)].filter((id) => id !== caller.userId);
  if (!others.length) throw AppError.badInput("A conversation needs someone else", { field: "participantIds" });
  await assertMembers(ctx, others);
  if (data.buildingId && !(await canSeeBuilding(ctx, data.buildingId))) throw AppError.notFound("Building");
  const direct = others.length === 1 && !data.title && !data.buildingId;
  const { conversation, events } = await ctx.db.write(async (tx) => {
    const members = [caller.userId, ...others];
    let conversation: Conversation;
    if (direct) {
      const directKey = [caller.userId, others[0]!].sort().join(":");
      // Get-or-create: the unique (organization, direct key) makes two racing starts meet.
      conversation = await tx.conversation.upsert({
        where: { organizationId_directKey: { organizationId: caller.organizationId, directKey } },
        create: { organizationId: caller.organizationId, kind: "DIRECT", directKey, createdById: caller.userId, lastMessageAt: new Date() },
        update: {},
      });
    } else {
      conversation = await tx.conversation.create({
        data: {
          organizationId: caller.organizationId,
          kind: "GROUP",
          title: data.title ?? null,
          buildingId: data.buildingId ?? null,
          createdById: caller.userId,
          lastMessageAt: new Date(),
        },
      });
    }
    await joinParticipants(tx, caller.organizationId, conversation.id, members);
    const events = [
      await recordChange(tx, ctx, {
        entityType: "conversation",
        entityId: conversation.id,
        eventType: "conversation.started",
        payload: { conversationId: conversation.id, kind: conversation.kind },
      }),
    ];
    return { conversation, events };
  });
  ctx.events.committed(...events);
  ctx.loaders.conversation.prime(conversation.id, conversation);
  if (data.message) {
    await sendMessage(ctx, { conversationId: conversation.id, body: data.message });
  }
  return conversation;
}

/** Adds (or brings back) participants; existing active ones are left as they are. */
async function joinParticipants(tx: Tx, organizationId: string, conversationId: string, userIds: string[]): Promise<void> {
  await tx.conversationParticipant.createMany({ data: userIds.map((userId) => ({ organizationId, conversationId, userId })), skipDuplicates: true });
  await tx.conversationParticipant.updateMany({
    where: { conversationId, userId: { in: userIds }, leftAt: { not: null } },
    data: { leftAt: null, joinedAt: new Date() },
  });
}

/** The conversation's creator, or staff with messages:manage, may change who is in it. */
function mayManage(caller: MessagingCaller, conversation: Conversation): boolean {
  return conversation.createdById === caller.userId || caller.permissions.has("messages:manage");
}

/** Staff may manage conversations they are not part of; they must still exist in the tenant (RLS). */
async function conversationToManage(ctx: PropertyContext, conversationId: string): Promise<Conversation> {
  requirePermission(ctx.caller, "messages:write");
  const conversation = await ctx.loaders.conversation.load(conversationId);
  const participation = await participationOf(ctx, conversationId);
  if (!conversation || (!participation && !ctx.caller.permissions.has("messages:manage"))) throw AppError.notFound("Conversation");
  return conversation;
}

export async function addParticipants(ctx: PropertyContext, conversationId: string, userIds: string[]): Promise<Conversation> {
  const conversation = await conversationToManage(ctx, conversationId);
  const caller = ctx.caller as MessagingCaller;
  if (conversation.kind !== "GROUP") throw AppError.badInput("People can only be added to group conversations", { field: "conversationId" });
  if (!mayManage(caller, conversation)) throw AppError.forbidden("Only the conversation's creator or staff may add people");
  const ids = parseInput(z.array(z.uuid()).min(1).max(100), [...new Set(userIds)], "userIds");
  await assertMembers(ctx, ids);
  const event = await ctx.db.write(async (tx) => {
    await joinParticipants(tx, caller.organizationId, conversationId, ids);
    return recordChange(tx, ctx, {
      entityType: "conversation",
      entityId: conversationId,
      eventType: "conversation.participants_added",
      payload: { conversationId, count: ids.length },
    });
  });
  ctx.events.committed(event);
  return conversation;
}

/**
 * Removes a participant: from then on they see nothing of the conversation, and their live
 * subscriptions to it end (the wake-up makes every subgraph re-read the participant list).
 */
export async function removeParticipant(ctx: PropertyContext, conversationId: string, userId: string): Promise<boolean> {
  const conversation = await conversationToManage(ctx, conversationId);
  const caller = ctx.caller as MessagingCaller;
  if (userId !== caller.userId && !mayManage(caller, conversation)) throw AppError.forbidden("Only the conversation's creator or staff may remove others");
  const event = await ctx.db.write(async (tx) => {
    const { count } = await tx.conversationParticipant.updateMany({ where: { conversationId, userId, leftAt: null }, data: { leftAt: new Date() } });
    if (count === 0) throw AppError.notFound("Participant");
    return recordChange(tx, ctx, {
      entityType: "conversation",
      entityId: conversationId,
      eventType: "conversation.participant_removed",
      payload: { conversationId },
    });
  });
  ctx.events.committed(event);
  return true;
}

/** Ephemeral: published on pub/sub only, never stored. */
export async function setTyping(ctx: PropertyContext, conversationId: string, typing: boolean): Promise<boolean> {
  await requireConversation(ctx, conversationId, "messages:write");
  const caller = ctx.caller as MessagingCaller;
  await ctx.events.pubsub.publish(typingChannel(conversationId), {
    conversationId,
    organizationId: caller.organizationId,
    userId: caller.userId,
    typing,
    at: new Date().toISOString(),
  } satisfies TypingSignal);
  return true;
}

export interface TypingSignal {
  conversationId: string;
  organizationId: string;
  userId: string;
  typing: boolean;
  at: string;
}

export const typingChannel = (conversationId: string) => `typing:${conversationId}`;
