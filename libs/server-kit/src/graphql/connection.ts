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

export function decodeCursor(cursor: string | null | undefined): unknown[] | null {
  if (!cursor) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(key)) return key as unknown[];
  } catch {
    // fall through
  }
  throw AppError.badInput("Invalid cursor", { field: "after" });
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
  const key = decodeCursor(after);
  if (!key) return {};
  const id = key[0];
  if (typeof id !== "string" || !isUuid(id)) throw AppError.badInput("Invalid cursor", { field: "after" });
  return { cursor: { id }, skip: 1 };
}
