// The notification centre's reads and the read marks. Every query runs in the caller's tenant
// transaction, where RLS shows only the caller's own rows (own_rows policy); the where clauses
// name the caller as well, so the code does not lean on RLS alone.
import type { Notification } from "@ppt/db/client";
import { AppError, decodeCursorOf, isUuid, keysetOrderBy, keysetWhere, pageSize, toConnection, type Connection, type SortKey } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";
import { requireMember } from "./access.ts";

export type NotificationConnection = Connection<Notification> & { unreadCount: () => Promise<number> };

const ORDER: SortKey[] = [
  { field: "createdAt", direction: "desc" },
  { field: "id", direction: "desc" },
];

/** At most this many ids per markNotificationsRead call. */
const MAX_IDS = 100;

export async function listNotifications(
  ctx: PropertyContext,
  first?: number | null,
  after?: string | null,
  unreadOnly?: boolean | null,
): Promise<NotificationConnection> {
  requireMember(ctx.caller);
  const limit = pageSize(first);
  const cursor = decodeCursorOf(after, ["timestamp", "uuid"]);
  const userId = ctx.caller.userId;
  const where = { userId, ...(unreadOnly ? { readAt: null } : {}) };
  const rows = await ctx.db.read((tx) =>
    tx.notification.findMany({ where: { AND: [where, keysetWhere(ORDER, cursor)] }, orderBy: keysetOrderBy(ORDER), take: limit + 1 }),
  );
  for (const row of rows) ctx.loaders.notification.prime(row.id, row);
  return {
    ...toConnection(
      rows,
      limit,
      (n) => [n.createdAt.toISOString(), n.id],
      () => ctx.db.read((tx) => tx.notification.count({ where })),
    ),
    unreadCount: () => unreadNotificationCount(ctx),
  };
}

export async function unreadNotificationCount(ctx: PropertyContext): Promise<number> {
  requireMember(ctx.caller);
  const userId = ctx.caller.userId;
  return ctx.db.read((tx) => tx.notification.count({ where: { userId, readAt: null } }));
}

/** One of the caller's notifications, else NOT_FOUND (someone else's looks exactly the same). */
export async function getNotification(ctx: PropertyContext, id: string): Promise<Notification> {
  requireMember(ctx.caller);
  const row = isUuid(id) ? await ctx.loaders.notification.load(id) : null;
  if (!row || row.userId !== ctx.caller.userId) throw AppError.notFound("Notification");
  return row;
}

/** Marks the given (or all) unread notifications of the caller read; answers how many changed. */
export async function markNotificationsRead(ctx: PropertyContext, ids: readonly string[] | null | undefined, all: boolean | null | undefined): Promise<number> {
  requireMember(ctx.caller);
  const userId = ctx.caller.userId;
  if (!all) {
    if (!ids?.length) throw AppError.badInput("Give the ids to mark, or all: true", { field: "ids" });
    if (ids.length > MAX_IDS) throw AppError.badInput(`At most ${MAX_IDS} ids at once`, { field: "ids" });
    if (!ids.every(isUuid)) throw AppError.badInput("Invalid id", { field: "ids" });
  }
  const { count } = await ctx.db.write((tx) =>
    tx.notification.updateMany({ where: { userId, readAt: null, ...(all ? {} : { id: { in: [...ids!] } }) }, data: { readAt: new Date() } }),
  );
  return count;
}
