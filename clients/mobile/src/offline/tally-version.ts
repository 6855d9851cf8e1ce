// A vote's tally carries a version (a 64-bit counter, as a string) that only rises. Tallies reach
// the app by several roads (the saved cache, the detail query, a ballot's answer, the live feed)
// in no fixed order, so what is shown is only ever replaced by a later version.
const COUNTER = /^\d+$/;

export function isLaterTally(incoming: string | null | undefined, shown: string | null | undefined): boolean {
  if (!incoming || !COUNTER.test(incoming)) return false;
  return !shown || !COUNTER.test(shown) || BigInt(incoming) > BigInt(shown);
}
