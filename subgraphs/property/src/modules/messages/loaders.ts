import DataLoader from "dataloader";
import type { ConversationParticipant, Message } from "@ppt/db/client";
import { isUuid, loaderById, loaderByParent, orderByKeys } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";

export function createMessageLoaders(ctx: PropertyContext) {
  const me = () => ctx.caller?.userId ?? "";
  return {
    conversation: loaderById((ids) => ctx.db.read((tx) => tx.conversation.findMany({ where: { id: { in: ids } } }))),
    message: loaderById((ids) => ctx.db.read((tx) => tx.message.findMany({ where: { id: { in: ids } } }))),
    /** The caller's active participation, by conversation id. */
    myParticipation: new DataLoader<string, ConversationParticipant | null>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows =
        valid.length && ctx.caller
          ? await ctx.db.read((tx) => tx.conversationParticipant.findMany({ where: { conversationId: { in: valid }, userId: me(), leftAt: null } }))
          : [];
      return orderByKeys(ids, rows, (row) => row.conversationId);
    }),
    participantsByConversation: loaderByParent(
      (ids) =>
        ctx.db.read((tx) =>
          tx.conversationParticipant.findMany({ where: { conversationId: { in: ids }, leftAt: null }, orderBy: [{ joinedAt: "asc" }, { id: "asc" }] }),
        ),
      (row) => row.conversationId,
    ),
    lastMessageByConversation: new DataLoader<string, Message | null>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length
        ? await ctx.db.read((tx) =>
            tx.message.findMany({
              where: { conversationId: { in: valid } },
              orderBy: [{ conversationId: "asc" }, { createdAt: "desc" }, { id: "desc" }],
              distinct: ["conversationId"],
            }),
          )
        : [];
      return orderByKeys(ids, rows, (row) => row.conversationId);
    }),
    /** Others' messages after the caller's read receipt, by conversation id. */
    unreadCount: new DataLoader<string, number>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows =
        valid.length && ctx.caller
          ? await ctx.db.read(
              (tx) => tx.$queryRaw<{ conversation_id: string; unread: bigint }[]>`
              SELECT p.conversation_id, count(m.id) AS unread
                FROM property.conversation_participants p
                JOIN property.messages m ON m.conversation_id = p.conversation_id AND m.sender_id <> p.user_id AND m.deleted_at IS NULL
                LEFT JOIN property.messages r ON r.id = p.last_read_message_id
               WHERE p.user_id = ${me()}::uuid AND p.left_at IS NULL AND p.conversation_id = ANY (${valid}::uuid[])
                 AND (r.id IS NULL OR (m.created_at, m.id) > (r.created_at, r.id))
               GROUP BY p.conversation_id`,
            )
          : [];
      const byId = new Map(rows.map((row) => [row.conversation_id, Number(row.unread)]));
      return ids.map((id) => byId.get(id) ?? 0);
    }),
    attachmentsByMessage: loaderByParent(
      (ids) => ctx.db.read((tx) => tx.messageAttachment.findMany({ where: { messageId: { in: ids } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })),
      (row) => row.messageId,
    ),
  };
}
