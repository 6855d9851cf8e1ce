// A vote's tally carries a version (a 64-bit counter, as a string) that only rises: one per
// change. Tallies reach the app by different roads (the detail query, a ballot's answer, the live
// subscription) and not necessarily in order, so whatever is shown is only ever replaced by a
// later version.

const COUNTER = /^\d+$/;

function counter(version: string | null | undefined): bigint | null {
  return typeof version === "string" && COUNTER.test(version) ? BigInt(version) : null;
}

/** Whether `incoming` is a later tally than `shown` (anything beats nothing; a malformed version never wins). */
export function isNewerTally(incoming: { version: string } | null | undefined, shown: { version: string } | null | undefined): boolean {
  const next = counter(incoming?.version);
  if (next === null) return false;
  const current = counter(shown?.version);
  return current === null || next > current;
}

/**
 * The cache's merge of two copies of one vote's tally: the later version's values win, the other
 * only fills fields it lacks (two screens may select different fields of the same tally).
 */
export function mergeTally<T extends object>(existing: T | undefined, incoming: T, versionOf: (tally: T) => string | undefined): T {
  if (!existing) return incoming;
  const version = (tally: T) => ({ version: versionOf(tally) ?? "" });
  const stale = isNewerTally(version(existing), version(incoming));
  return stale ? { ...incoming, ...existing } : { ...existing, ...incoming };
}
