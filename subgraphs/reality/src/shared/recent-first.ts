// A Relay page of rows, most recent first, keyset-paginated on (created_at, id) or (started_at, id). The cursor keeps
// created_at exactly as PostgreSQL prints it: JavaScript dates stop at milliseconds, the column
// does not, and a rounded cursor would skip or repeat rows created within the same millisecond.
import { Prisma } from "@ppt/db/client";
import { decodeCursorOf, orderByKeys, pageSize, toConnection, type Connection } from "@ppt/server-kit";
import type { RealityContext } from "../context.ts";

const sql = Prisma.sql;

export interface RecentFirstQuery<T> {
  /** `FROM … t [JOIN …]`: the paginated table must be aliased `t`. */
  from: Prisma.Sql;
  where: Prisma.Sql;
  first?: number | null;
  after?: string | null;
  /** The timestamp column the page is ordered by (default created_at). */
  timeColumn?: "created_at" | "started_at";
  /** Loads the page's rows by id (one query). */
  load: (ids: string[]) => Promise<T[]>;
}

export async function recentFirstPage<T extends { id: string }>(ctx: RealityContext, query: RecentFirstQuery<T>): Promise<Connection<T>> {
  const limit = pageSize(query.first);
  const cursor = decodeCursorOf(query.after, ["pg-timestamp", "uuid"]);
  const time = Prisma.raw(`t.${query.timeColumn ?? "created_at"}`);
  const keys = await ctx.db.$queryRaw<{ id: string; k: string }[]>(sql`
    SELECT t.id::text AS id, ${time}::text AS k ${query.from}
    WHERE ${query.where} ${cursor ? sql`AND (${time}, t.id) < (${String(cursor[0])}::timestamptz, ${String(cursor[1])}::uuid)` : Prisma.empty}
    ORDER BY ${time} DESC, t.id DESC
    LIMIT ${limit + 1}`);
  const rows = keys.length
    ? orderByKeys(
        keys.map((k) => k.id),
        await query.load(keys.map((k) => k.id)),
        (row) => row.id,
      )
    : [];
  const page = keys.flatMap((key, i) => (rows[i] ? [{ row: rows[i], key: key.k }] : []));
  const connection = toConnection(
    page,
    limit,
    (entry) => [entry.key, entry.row.id],
    async () => {
      const [count] = await ctx.db.$queryRaw<{ count: bigint }[]>(sql`SELECT count(*) AS count ${query.from} WHERE ${query.where}`);
      return Number(count?.count ?? 0);
    },
  );
  return { ...connection, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.row })) };
}
