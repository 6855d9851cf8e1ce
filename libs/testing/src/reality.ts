// Reality Portal test helpers: listings written as the owner with every field settable, and
// portal tokens for portal users and realtors.
import type { Prisma, PrismaClient } from "@ppt/db/client";
import { expect } from "vitest";
import type { Stack } from "./stack.ts";

export type ListingFields = Partial<Prisma.ListingUncheckedCreateInput>;

let counter = 0;

/** An ACTIVE, published Slovak flat unless told otherwise. */
export async function insertListing(db: PrismaClient, fields: ListingFields) {
  counter++;
  return db.listing.create({
    data: {
      propertyType: "APARTMENT",
      transactionType: "SALE",
      title: `Byt ${counter}`,
      street: "Hlavná",
      city: "Košice",
      price: "100000",
      status: "ACTIVE",
      energyClass: "B",
      publishedAt: new Date(),
      ...fields,
    },
  });
}

export function portalToken(stack: Stack, portalUserId: string): Promise<string> {
  return stack.token({ sub: portalUserId, aud: "portal" });
}

/** The point `meters` away from (lat, lng) along `bearingDeg`, on earthdistance's sphere (R = 6378168 m). */
export function destination(lat: number, lng: number, meters: number, bearingDeg: number): { latitude: number; longitude: number } {
  const R = 6378168;
  const toRad = Math.PI / 180;
  const d = meters / R;
  const b = bearingDeg * toRad;
  const φ1 = lat * toRad;
  const λ1 = lng * toRad;
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(b));
  const λ2 = λ1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
  return { latitude: φ2 / toRad, longitude: λ2 / toRad };
}

/**
 * Every page of a keyset-paged listing statement to its end, each after the previous page's last
 * shown row: `statement(cursor)` gives the page (`size` + 1 rows, sort keys as `k0…`) and its keys.
 */
export async function pagesToEnd<Row extends Record<string, unknown>>(
  db: PrismaClient,
  size: number,
  statement: (cursor: string[] | null) => { page: Prisma.Sql; keys: readonly unknown[] },
): Promise<Row[][]> {
  const result: Row[][] = [];
  let cursor: string[] | null = null;
  for (;;) {
    const { page, keys } = statement(cursor);
    const rows = await db.$queryRaw<Row[]>(page);
    result.push(rows);
    if (rows.length <= size) return result;
    // A cursor that does not move the page would page forever.
    if (result.length > 1_000) throw new Error("the pages do not end");
    const last = rows[size - 1]!;
    cursor = keys.map((_, i) => last[`k${i}`] as string);
  }
}

/**
 * Two ways of reading the same search, paged to their end for each input, must give the same pages
 * (ids, order, columns, sort keys, the count alongside); each input's listings appear once and
 * the count alongside the first page is theirs. Returns how many listings were paged in all.
 */
export async function expectSamePages<Row extends { id: string; total?: unknown }>(
  inputs: readonly object[],
  size: number,
  pagesOf: (input: object, other: boolean) => Promise<Row[][]>,
): Promise<number> {
  let listings = 0;
  for (const input of inputs) {
    const usual = await pagesOf(input, false);
    expect(await pagesOf(input, true), JSON.stringify(input)).toEqual(usual);
    const ids = usual.flatMap((page) => page.slice(0, size).map((row) => row.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(Number(usual[0]![0]?.total)).toBe(ids.length);
    listings += ids.length;
  }
  return listings;
}

/** A statement's plan (EXPLAIN), in a transaction that first sets each of `settings` (SET LOCAL). */
export function planOf(db: PrismaClient, statement: Prisma.Sql, settings: readonly string[] = []): Promise<string> {
  return db.$transaction(async (tx) => {
    for (const setting of settings) await tx.$executeRawUnsafe(`SET LOCAL ${setting}`);
    const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${statement.text}`, ...statement.values);
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  });
}
