// Deterministic ids and randomness: the seed produces the same rows on every run, so running
// it twice inserts nothing new (every insert skips rows that already exist).
import { createHash } from "node:crypto";

const NAMESPACE = "ppt-seed";

/** A stable UUID (v5 layout over SHA-1) for a seed object's name, e.g. "building:kosice-1". */
export function seedId(name: string): string {
  const hash = createHash("sha1").update(`${NAMESPACE}:${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** mulberry32: a small seeded PRNG, so "random" demo data is the same every run. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** The seed's fixed "now": demo dates never depend on when the seed runs. */
export const REFERENCE_DATE = new Date("2026-01-15T09:00:00Z");

export function daysFromReference(days: number): Date {
  return new Date(REFERENCE_DATE.getTime() + days * 86_400_000);
}
