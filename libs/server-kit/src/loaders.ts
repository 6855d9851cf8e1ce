// DataLoader helpers: every list → entity edge is batched per request.
import DataLoader from "dataloader";

/** Puts rows back in the order of the requested keys (null where a key has no row, e.g. another tenant's). */
export function orderByKeys<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): (T | null)[] {
  const byKey = new Map<K, T>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Groups rows under each requested key (for one-to-many edges). */
export function groupByKeys<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else simply does not exist (and never reaches SQL as a cast error). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A loader of rows by id. */
export function loaderById<T extends { id: string }>(load: (ids: string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader(
    async (ids) => {
      const valid = ids.filter(isUuid);
      return orderByKeys(ids, valid.length ? await load(valid) : [], (row) => row.id);
    },
    { maxBatchSize: 1000 },
  );
}

/** A loader of child rows by parent id. */
export function loaderByParent<T>(load: (parentIds: string[]) => Promise<T[]>, parentOf: (row: T) => string): DataLoader<string, T[]> {
  return new DataLoader(
    async (ids) => {
      const valid = ids.filter(isUuid);
      return groupByKeys(ids, valid.length ? await load(valid) : [], parentOf);
    },
    { maxBatchSize: 1000 },
  );
}
