// Anomaly scoring of a consumption, robust to the outliers it looks for: the median and the
// median absolute deviation (MAD) of the comparison set, and the modified z-score
// 0.6745·(x − median)/MAD of Iglewicz and Hoaglin, flagged beyond 3.5. Two comparison sets: the
// unit's own earlier consumptions of the kind (for heat, the same months of earlier years when
// there are enough of them: heating is seasonal) and the other units' consumptions of the building
// in the same period. The spread is floored at a tenth of the median, so a
// very even history does not turn ordinary changes into flags.
// Pure: no database, so the rules are tested case by case.

export const MODIFIED_Z_LIMIT = 3.5;
/** The MAD is taken as at least this fraction of the median. */
export const MIN_RELATIVE_SPREAD = 0.1;
/** Fewer comparison values than this say nothing. */
export const MIN_HISTORY = 3;
export const MIN_BUILDING_UNITS = 5;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function medianAbsoluteDeviation(values: readonly number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

export interface Outlier {
  /** The modified z-score. */
  score: number;
  median: number;
  direction: "HIGH" | "LOW";
}

// A set scored against many times (a large building's distribution, shared by an import's rows)
// has its median and MAD computed once.
const statsCache = new WeakMap<readonly number[], { m: number; spread: number }>();
function statsOf(set: readonly number[]): { m: number; spread: number } {
  let stats = statsCache.get(set);
  if (!stats) {
    stats = { m: median(set), spread: medianAbsoluteDeviation(set) };
    statsCache.set(set, stats);
  }
  return stats;
}

/** The value is an outlier of the set, or null. */
export function outlierOf(value: number, set: readonly number[], minimum: number): Outlier | null {
  if (set.length < minimum) return null;
  const { m, spread } = statsOf(set);
  const direction = value >= m ? "HIGH" : "LOW";
  // A history of zeros (an empty flat) says nothing about how much an occupied one uses.
  if (m === 0) return null;
  // A very even history would make any ordinary change "significant": the spread is at least a
  // tenth of the median, so a flag also needs roughly a 1.5× change.
  const mad = Math.max(spread, MIN_RELATIVE_SPREAD * m);
  const score = (0.6745 * (value - m)) / mad;
  return Math.abs(score) > MODIFIED_Z_LIMIT ? { score, median: m, direction } : null;
}

export interface ConsumptionContext {
  /** The unit's (or meter's) earlier period consumptions of the kind, with the month each period ended. */
  history: readonly { consumption: number; month: number }[];
  /** The month (1–12) the scored period ends. */
  month: number;
  /** Heat is compared with the same season. */
  seasonal: boolean;
  /** Other units' consumptions of the kind in the same period. */
  building: readonly number[];
}

export interface Anomaly {
  code: "UNIT_HISTORY" | "BUILDING_DISTRIBUTION";
  score: number;
  reason: string;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/0+$/, "").replace(/\.$/, ""));

function describe(code: Anomaly["code"], value: number, o: Outlier): string {
  const against = code === "UNIT_HISTORY" ? "the unit's median" : "the building's median";
  const times = `${(value / o.median).toFixed(1)}× `;
  const z = Number.isFinite(o.score) ? `, robust z ${o.score.toFixed(1)}` : "";
  return `${o.direction === "HIGH" ? "High" : "Low"} consumption: ${fmt(value)} is ${times}${against} ${fmt(o.median)}${z}`;
}

/** The first anomaly of a consumption (unit history first: it knows the household), or null. */
export function scoreConsumption(consumption: number, context: ConsumptionContext): Anomaly | null {
  let history = context.history.map((h) => h.consumption);
  if (context.seasonal) {
    const sameMonth = context.history.filter((h) => h.month === context.month).map((h) => h.consumption);
    if (sameMonth.length >= MIN_HISTORY) history = sameMonth;
  }
  const own = outlierOf(consumption, history, MIN_HISTORY);
  if (own) return { code: "UNIT_HISTORY", score: own.score, reason: describe("UNIT_HISTORY", consumption, own) };
  const building = outlierOf(consumption, context.building, MIN_BUILDING_UNITS);
  if (building) return { code: "BUILDING_DISTRIBUTION", score: building.score, reason: describe("BUILDING_DISTRIBUTION", consumption, building) };
  return null;
}
