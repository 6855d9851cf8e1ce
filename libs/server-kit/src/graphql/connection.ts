// Relay cursor connections: opaque cursors over a stable sort key, `first` capped.
import { AppError } from "../errors.ts";
import { isUuid } from "../loaders.ts";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => Promise<number>;
}

export function pageSize(first: number | null | undefined, max = MAX_PAGE_SIZE): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > max) throw AppError.badInput(`first must be between 0 and ${max}`, { field: "first" });
  return first;
}

export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** Longer than any cursor this service hands out: anything bigger is not one of ours. */
const MAX_CURSOR_LENGTH = 2_048;

function invalidCursor(): AppError {
  return AppError.badInput("Invalid cursor", { field: "after" });
}

/** The cursor's values, unchecked: prefer `decodeCursorOf`, which checks each value against the sort key it stands for. */
export function decodeCursor(cursor: string | null | undefined): unknown[] | null {
  if (cursor === null || cursor === undefined || cursor === "") return null;
  if (typeof cursor !== "string" || cursor.length > MAX_CURSOR_LENGTH) throw invalidCursor();
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(key)) return key as unknown[];
  } catch {
    // fall through
  }
  throw invalidCursor();
}

/** What one value of a cursor must be; `?` admits null (a nullable sort column). */
export type CursorPart = "uuid" | "timestamp" | "pg-timestamp" | "text" | "number" | "boolean" | "timestamp?" | "text?";

/** A timestamp as PostgreSQL prints it (kept as text: a JS Date would lose its microseconds). */
export const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)?$/;

function cursorValue(value: unknown, part: CursorPart): unknown {
  if (value === null && part.endsWith("?")) return null;
  switch (part.replace("?", "")) {
    case "uuid":
      if (typeof value === "string" && isUuid(value)) return value;
      break;
    case "timestamp": {
      const date = typeof value === "string" ? new Date(value) : null;
      if (date && !Number.isNaN(date.getTime())) return date;
      break;
    }
    case "pg-timestamp":
      if (typeof value === "string" && PG_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00"))))
        return value;
      break;
    case "text":
      if (typeof value === "string") return value;
      break;
    case "number":
      if (typeof value === "number" && Number.isFinite(value)) return value;
      break;
    case "boolean":
      if (typeof value === "boolean") return value;
      break;
  }
  throw invalidCursor();
}

/**
 * A cursor decoded and checked against its sort key, part by part (timestamps come back as
 * Dates): whatever a client crafts is refused here as BAD_USER_INPUT, never reaching the query,
 * where a value of the wrong type would fail as an internal error.
 */
export function decodeCursorOf(cursor: string | null | undefined, parts: readonly CursorPart[]): unknown[] | null {
  const key = decodeCursor(cursor);
  if (!key) return null;
  if (key.length !== parts.length) throw invalidCursor();
  return key.map((value, i) => cursorValue(value, parts[i]!));
}

/** `rows` must be fetched with `limit + 1` so the extra row tells whether a next page exists. */
export function toConnection<T>(rows: T[], limit: number, keyOf: (row: T) => readonly unknown[], totalCount: () => Promise<number>): Connection<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

/**
 * Prisma's own cursor pagination (`cursor: { id }, skip: 1`) compares the sort key inside the
 * database, so microsecond timestamps never lose precision in a JSON cursor. Cursors are `[id]`;
 * use it for rows that are never deleted (memberships, audit entries, revoked-not-deleted rows).
 */
export function prismaCursor(after: string | null | undefined): { cursor: { id: string }; skip: 1 } | Record<string, never> {
  const key = decodeCursorOf(after, ["uuid"]);
  if (!key) return {};
  return { cursor: { id: key[0] as string }, skip: 1 };
}
