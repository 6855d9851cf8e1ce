// The unread-messages digest: a participant who has not read a message within a few minutes gets
// one `message.digest` event (the notification worker mails it), naming each conversation with its
// unread count, not one per message. digested_at marks what a digest already covered: a later
// digest names only messages that came after it. Once per participant and message: the rows are
// updated under their lock (SKIP LOCKED) in the transaction that writes the events.
import type { PrismaClient } from "@ppt/db/client";
import { writeOutboxEvent } from "@ppt/server-kit";
import { forEachOrganization } from "../organizations/index.ts";

/** How long a message may stay unread before it is mailed. */
export const DIGEST_DELAY_MS = 5 * 60_000;

export async function writeUnreadMessageDigests(deps: { prisma: PrismaClient }, now = new Date(), delayMs = DIGEST_DELAY_MS): Promise<number> {
  const before = new Date(now.getTime() - delayMs);
  const written = await forEachOrganization(deps.prisma, "writeUnreadMessageDigests", (db, organizationId) =>
    db.write(async (tx) => {
      const rows = await tx.$queryRaw<{ participant_id: string; user_id: string; conversation_id: string; unread: number }[]>`
        WITH due AS (
          SELECT p.id, p.user_id, p.conversation_id,
                 (SELECT count(*)::int FROM property.messages m
                   WHERE m.conversation_id = p.conversation_id AND m.sender_id <> p.user_id AND m.deleted_at IS NULL
                     AND m.created_at > greatest(coalesce(p.last_read_at, p.joined_at), coalesce(p.digested_at, p.joined_at))
                     AND m.created_at <= ${before}) AS unread
            FROM property.conversation_participants p
           WHERE p.left_at IS NULL AND (p.muted_until IS NULL OR p.muted_until < ${now})
           FOR UPDATE OF p SKIP LOCKED
        )
        UPDATE property.conversation_participants p SET digested_at = ${before}
          FROM due WHERE p.id = due.id AND due.unread > 0
        RETURNING p.id::text AS participant_id, p.user_id::text AS user_id, p.conversation_id::text AS conversation_id, due.unread`;
      const byUser = new Map<string, Array<{ conversationId: string; unreadCount: number }>>();
      for (const row of rows) {
        const list = byUser.get(row.user_id) ?? [];
        list.push({ conversationId: row.conversation_id, unreadCount: row.unread });
        byUser.set(row.user_id, list);
      }
      for (const [userId, conversations] of byUser)
        await writeOutboxEvent(tx, {
          aggregateType: "user",
          aggregateId: userId,
          eventType: "message.digest",
          organizationId,
          payload: { recipientId: userId, conversations, unreadCount: conversations.reduce((sum, c) => sum + c.unreadCount, 0), actorId: null },
        });
      return byUser.size;
    }),
  );
  return written.reduce((sum, n) => sum + n, 0);
}
