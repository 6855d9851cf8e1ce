// Messages of a conversation: send, edit and delete one's own, page through them, read receipts.
//
// Ordering: within a conversation, messages are ordered by (created_at, id), and created_at is
// taken while holding the conversation's row lock and strictly after the previous message's.
// So a message's position never lands behind one that a live subscriber has already been
// given, and "everything after message X" (resume after reconnect) is exact.
import type { Message } from "@ppt/db/client";
import {
  AppError,
  encodeCursor,
  decodeCursor,
  pageSize,
  parseInput,
  requirePermission,
  isUuid,
  withIdempotency,
  type CommittedEvent,
  type Tx,
} from "@ppt/server-kit";
import { z } from "zod";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { attachMessageUploads, removeMessageAttachments } from "./attachments.ts";
import { participationOf, requireConversation } from "./participation.ts";

export interface MessageKey {
  createdAt: Date;
  id: string;
}

export const messageKey = (message: Pick<Message, "createdAt" | "id">): MessageKey => ({ createdAt: message.createdAt, id: message.id });

export function isAfter(message: MessageKey, key: MessageKey | null): boolean {
  if (!key) return true;
  const diff = message.createdAt.getTime() - key.createdAt.getTime();
  return diff > 0 || (diff === 0 && message.id > key.id);
}

/** Prisma condition for messages strictly after (or before) a key. */
export function keyCondition(key: MessageKey, direction: "after" | "before") {
  const op = direction === "after" ? "gt" : "lt";
  return { OR: [{ createdAt: { [op]: key.createdAt } }, { createdAt: key.createdAt, id: { [op]: key.id } }] };
}

function decodeMessageCursor(cursor: string | null | undefined, field: string): MessageKey | null {
  const raw = decodeCursor(cursor);
  if (!raw) return null;
  const [createdAt, id] = raw;
  const date = new Date(String(createdAt));
  if (Number.isNaN(date.getTime()) || typeof id !== "string" || !isUuid(id)) throw AppError.badInput("Invalid cursor", { field });
  return { createdAt: date, id };
}

const cursorOf = (message: Message) => encodeCursor([message.createdAt.toISOString(), message.id]);

/**
 * A page of messages in chronological order. Without a cursor: the newest `first`; `after`:
 * the next ones forward; `before`: the ones before it.
 */
export async function listMessages(
  ctx: PropertyContext,
  conversationId: string,
  args: { first?: number | null; after?: string | null; before?: string | null },
) {
  await requireConversation(ctx, conversationId);
  const limit = pageSize(args.first);
  const after = decodeMessageCursor(args.after, "after");
  const before = decodeMessageCursor(args.before, "before");
  if (after && before) throw AppError.badInput("Use either after or before", { field: "before" });
  const where = { conversationId };
  const forward = Boolean(after);
  const rows = await ctx.db.read((tx) =>
    tx.message.findMany({
      where: { AND: [where, after ? keyCondition(after, "after") : before ? keyCondition(before, "before") : {}] },
      orderBy: forward ? [{ createdAt: "asc" }, { id: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
    }),
  );
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (!forward) page.reverse();
  for (const row of page) ctx.loaders.message.prime(row.id, row);
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: forward ? more : Boolean(before),
      hasPreviousPage: forward ? true : more,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: () => ctx.db.read((tx) => tx.message.count({ where })),
  };
}

/** Messages after `key` (or all), oldest first, as the caller (RLS + participation checked by the caller of this). */
export function messagesAfter(tx: Tx, conversationId: string, key: MessageKey | null, limit = 500): Promise<Message[]> {
  return tx.message.findMany({
    where: { AND: [{ conversationId }, key ? keyCondition(key, "after") : {}] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
  });
}

const bodySchema = z.string().trim().min(1).max(10_000);
const sendSchema = z.object({
  conversationId: z.uuid(),
  body: bodySchema,
  attachmentUploadIds: z.array(z.uuid()).max(10).nullish(),
});

/** Locks the conversation and returns the new message's time: after every earlier message, millisecond precision (exact in cursors). */
async function nextMessageTime(tx: Tx, conversationId: string): Promise<Date> {
  const rows = await tx.$queryRaw<{ at: Date }[]>`
    UPDATE property.conversations
       SET last_message_at = GREATEST(date_trunc('milliseconds', clock_timestamp()), COALESCE(last_message_at, 'epoch') + interval '1 millisecond'),
           updated_at = now()
     WHERE id = ${conversationId}::uuid
 RETURNING last_message_at AS at`;
  if (!rows[0]) throw AppError.notFound("Conversation");
  return rows[0].at;
}

/**
 * With an idempotency key (the mobile app's offline queue sends one per message), a resend returns
 * the message the first request made; the key lives in the organization's one idempotency store.
 */
export async function sendMessage(ctx: PropertyContext, input: unknown, idempotencyKey?: string | null): Promise<Message> {
  requirePermission(ctx.caller, "messages:write");
  const data = parseInput(sendSchema, input);
  await requireConversation(ctx, data.conversationId, "messages:write");
  const caller = ctx.caller;
  let sent: { message: Message; event: CommittedEvent } | undefined;
  const send = async (tx: Tx) => {
    const createdAt = await nextMessageTime(tx, data.conversationId);
    const message = await tx.message.create({
      data: { organizationId: caller.organizationId, conversationId: data.conversationId, senderId: caller.userId, body: data.body, createdAt },
    });
    if (data.attachmentUploadIds?.length) await attachMessageUploads(tx, ctx, message, data.attachmentUploadIds);
    // One's own message is read.
    await tx.conversationParticipant.updateMany({
      where: { conversationId: data.conversationId, userId: caller.userId },
      data: { lastReadMessageId: message.id, lastReadAt: createdAt },
    });
    const event = await recordChange(tx, ctx, {
      entityType: "message",
      entityId: message.id,
      eventType: "message.sent",
      payload: { conversationId: data.conversationId, messageId: message.id, attachments: data.attachmentUploadIds?.length ?? 0 },
    });
    sent = { message, event };
    return { messageId: message.id };
  };
  // The sender is part of the request: another person reusing a key is refused.
  const params = { ...data, senderId: caller.userId };
  const { messageId } = await ctx.db.write((tx) =>
    idempotencyKey == null ? send(tx) : withIdempotency(tx, { key: idempotencyKey, operation: "messages.sendMessage", params }, () => send(tx)),
  );
  if (sent) {
    ctx.events.committed(sent.event);
    ctx.loaders.message.prime(sent.message.id, sent.message);
    return sent.message;
  }
  const first = await ctx.loaders.message.load(messageId);
  if (!first) throw AppError.notFound("Message");
  return first;
}

/** The caller's own, not deleted message in a conversation they are part of. */
async function ownMessage(ctx: PropertyContext, id: string): Promise<Message> {
  requirePermission(ctx.caller, "messages:write");
  const message = await ctx.loaders.message.load(id);
  if (!message || !(await participationOf(ctx, message.conversationId))) throw AppError.notFound("Message");
  if (message.senderId !== ctx.caller.userId) throw AppError.forbidden("Only the sender may change a message");
  if (message.deletedAt) throw AppError.conflict("The message was deleted");
  return message;
}

export async function editMessage(ctx: PropertyContext, id: string, body: string): Promise<Message> {
  const message = await ownMessage(ctx, id);
  const text = parseInput(bodySchema, body, "body");
  const { updated, event } = await ctx.db.write(async (tx) => {
    const updated = await tx.message.update({ where: { id: message.id }, data: { body: text, editedAt: new Date() } });
    const event = await recordChange(tx, ctx, {
      entityType: "message",
      entityId: id,
      eventType: "message.edited",
      payload: { conversationId: message.conversationId, messageId: id },
    });
    return { updated, event };
  });
  ctx.events.committed(event);
  return updated;
}

export async function deleteMessage(ctx: PropertyContext, id: string): Promise<Message> {
  const message = await ownMessage(ctx, id);
  const { deleted, event, objectKeys } = await ctx.db.write(async (tx) => {
    const objectKeys = await removeMessageAttachments(tx, message.id);
    const deleted = await tx.message.update({ where: { id: message.id }, data: { body: "", deletedAt: new Date() } });
    const event = await recordChange(tx, ctx, {
      entityType: "message",
      entityId: id,
      eventType: "message.deleted",
      payload: { conversationId: message.conversationId, messageId: id },
    });
    return { deleted, event, objectKeys };
  });
  ctx.events.committed(event);
  // The rows are gone with the commit; the stored files follow (a leftover object is unreachable).
  await Promise.all(objectKeys.map((key) => ctx.storage.remove(key).catch(() => undefined)));
  return deleted;
}

/** Moves the caller's read receipt forward (never back) to `messageId` or the newest message. */
export async function markConversationRead(ctx: PropertyContext, conversationId: string, messageId?: string | null) {
  const conversation = await requireConversation(ctx, conversationId);
  const caller = ctx.caller!;
  const event = await ctx.db.write(async (tx) => {
    const target = messageId
      ? await tx.message.findFirst({ where: { id: isUuid(messageId) ? messageId : undefined, conversationId } })
      : await tx.message.findFirst({ where: { conversationId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    if (messageId && !target) throw AppError.notFound("Message");
    if (!target) return null;
    const participant = await tx.conversationParticipant.findFirst({
      where: { conversationId, userId: caller.userId, leftAt: null },
      include: { lastReadMessage: true },
    });
    if (!participant) throw AppError.notFound("Conversation");
    if (participant.lastReadMessage && !isAfter(messageKey(target), messageKey(participant.lastReadMessage))) return null;
    await tx.conversationParticipant.update({ where: { id: participant.id }, data: { lastReadMessageId: target.id, lastReadAt: new Date() } });
    return recordChange(tx, ctx, {
      entityType: "conversation",
      entityId: conversationId,
      eventType: "conversation.read",
      payload: { conversationId, messageId: target.id },
    });
  });
  if (event) ctx.events.committed(event);
  ctx.loaders.myParticipation.clear(conversationId);
  ctx.loaders.participantsByConversation.clear(conversationId);
  ctx.loaders.unreadCount.clear(conversationId);
  return conversation;
}
