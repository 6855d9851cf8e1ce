// A Relay page over rows already in memory (e.g. the comments of a page of faults, loaded in one
// batched statement): same cursors as a keyset page over (createdAt, id) ascending.
import { toConnection, type Connection, type CursorPart } from "./connection.ts";

/** The parts of an in-memory page's cursor, for `decodeCursorOf`. */
export const IN_MEMORY_CURSOR: readonly CursorPart[] = ["timestamp", "uuid"];

export function pageInMemory<T extends { createdAt: Date; id: string }>(rows: readonly T[], limit: number, cursor: readonly unknown[] | null): Connection<T> {
  const key = (row: T) => [row.createdAt.toISOString(), row.id] as const;
  const [cursorAt, cursorId] = cursor ? [cursor[0] instanceof Date ? cursor[0].toISOString() : String(cursor[0]), String(cursor[1])] : ["", ""];
  const isAfterCursor = (row: T) => {
    const [at, id] = key(row);
    return !cursor || at > cursorAt || (at === cursorAt && id > cursorId);
  };
  const start = rows.findIndex(isAfterCursor);
  const rest = start < 0 ? [] : rows.slice(start, start + limit + 1);
  return toConnection(rest, limit, key, async () => rows.length);
}
