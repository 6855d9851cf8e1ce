// Keyset pagination for Prisma: "rows after this cursor" under a multi-column sort, so pages
// never repeat or skip a row while rows are added between requests.
export interface SortKey {
  field: string;
  direction: "asc" | "desc";
}

/** `(a, b, id) > (x, y, z)` spelled as Prisma conditions, honouring each column's direction. */
export function keysetWhere(keys: readonly SortKey[], cursor: readonly unknown[] | null): Record<string, unknown> {
  if (!cursor) return {};
  const or = keys.map((key, index) => {
    const condition: Record<string, unknown> = {};
    for (let i = 0; i < index; i++) condition[keys[i]!.field] = cursor[i];
    condition[key.field] = { [key.direction === "asc" ? "gt" : "lt"]: cursor[index] };
    return condition;
  });
  return { OR: or };
}

export function keysetOrderBy(keys: readonly SortKey[]): Record<string, "asc" | "desc">[] {
  return keys.map((key) => ({ [key.field]: key.direction }));
}
