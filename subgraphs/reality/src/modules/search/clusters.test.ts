// The map's clusters through the gateway: every published listing in the rectangle is in exactly
// one cluster at every zoom, a cluster splits at the zoom it names, one listing is a cluster with
// its listing, a listing hiding its address is not placed exactly, and the filter applies.
// The listings sit around 10.5° N 10.5° E, where no other test puts any.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRealtor } from "@ppt/testing/fixtures";
import { destination, insertListing } from "@ppt/testing/reality";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
const BOUNDS = { south: 10, west: 10, north: 11, east: 11 };
const ISOLATED = { latitude: 10.9, longitude: 10.1 };
const HIDDEN = { latitude: 10.7012345, longitude: 10.3012345 };
let isolatedId = "";
let hiddenId = "";

const CLUSTERS = `query ($b: BoundingBoxInput!, $z: Int!, $f: ListingFilter) {
  listingClusters(bounds: $b, zoom: $z, filter: $f) { latitude longitude count expansionZoom listing { id title } } }`;

interface Cluster {
  latitude: number;
  longitude: number;
  count: number;
  expansionZoom: number | null;
  listing: { id: string; title: string } | null;
}

async function clusters(zoom: number, bounds = BOUNDS, filter?: Record<string, unknown>): Promise<Cluster[]> {
  const result = await stack.query(CLUSTERS, { b: bounds, z: zoom, f: filter });
  expect(result.errors).toBeUndefined();
  return result.data.listingClusters;
}

const total = (list: Cluster[]) => list.reduce((sum, c) => sum + c.count, 0);

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const realtorId = (await createRealtor(db)).id;
  const at = (p: { latitude: number; longitude: number }, fields: Record<string, unknown> = {}) =>
    insertListing(db, { ...p, realtorId, addressVisibility: "FULL", title: "Mapa", ...fields });
  // 30 flats within 300 m of one point, 5 within 300 m of another.
  for (let i = 0; i < 30; i++) await at(destination(10.5, 10.5, 10 + i * 10, i * 37));
  for (let i = 0; i < 5; i++) await at(destination(10.2, 10.8, 20 + i * 50, i * 71));
  isolatedId = (await at(ISOLATED, { title: "Osamelý" })).id;
  hiddenId = (await at(HIDDEN, { addressVisibility: "STREET", title: "Skrytý" })).id;
  await at({ latitude: 10.6, longitude: 10.6 }, { transactionType: "RENT" });
  // Not shown by the public search: never on the map.
  await at({ latitude: 10.5, longitude: 10.5 }, { status: "DRAFT", publishedAt: null });
  await at({ latitude: 10.5, longitude: 10.5 }, { expiresAt: new Date(Date.now() - 60_000) });
});

afterAll(() => stack?.stop());

describe("listingClusters", () => {
  it("puts every published listing of the rectangle in exactly one cluster at every zoom", async () => {
    for (const zoom of [0, 5, 9, 12, 16, 20]) expect(total(await clusters(zoom)), `zoom ${zoom}`).toBe(38);
    const far = await clusters(5);
    expect(far.length).toBeLessThan(5);
    const near = await clusters(16);
    expect(near.length).toBeGreaterThan(far.length);
  });

  it("a cluster splits at the zoom it names, not before", async () => {
    const group = (await clusters(9)).find((c) => c.count >= 30)!;
    expect(group).toBeTruthy();
    expect(group.expansionZoom).toBeGreaterThan(9);
    const around = { south: 10.49, west: 10.49, north: 10.51, east: 10.51 };
    const before = await clusters(group.expansionZoom! - 1, around);
    const after = await clusters(group.expansionZoom!, around);
    expect(before).toHaveLength(1);
    expect(after.length).toBeGreaterThan(1);
  });

  it("one listing is a cluster of its own with the listing, at its exact place", async () => {
    const single = (await clusters(12)).find((c) => c.listing?.id === isolatedId)!;
    expect(single).toMatchObject({ count: 1, expansionZoom: null, listing: { title: "Osamelý" } });
    expect(single.latitude).toBeCloseTo(ISOLATED.latitude, 6);
    expect(single.longitude).toBeCloseTo(ISOLATED.longitude, 6);
  });

  it("a listing hiding its address is placed only at its cell's centre, a few hundred metres at most away", async () => {
    const hidden = (await clusters(20)).find((c) => c.listing?.id === hiddenId)!;
    expect(hidden.count).toBe(1);
    expect(Math.abs(hidden.latitude - HIDDEN.latitude) + Math.abs(hidden.longitude - HIDDEN.longitude)).toBeGreaterThan(1e-5);
    expect(Math.abs(hidden.latitude - HIDDEN.latitude)).toBeLessThan(0.005);
    expect(Math.abs(hidden.longitude - HIDDEN.longitude)).toBeLessThan(0.005);
  });

  it("applies the filter and the rectangle", async () => {
    expect(total(await clusters(8, BOUNDS, { transactionType: "RENT" }))).toBe(1);
    expect(total(await clusters(8, BOUNDS, { transactionType: "SALE" }))).toBe(37);
    // The rectangle replaces any box in the filter.
    expect(total(await clusters(8, { south: 10.15, west: 10.75, north: 10.25, east: 10.85 }, { boundingBox: BOUNDS }))).toBe(5);
  });

  it("refuses a zoom out of range and a rectangle that is not one", async () => {
    const code = async (b: unknown, z: number) => (await stack.query(CLUSTERS, { b, z })).errors?.[0]?.extensions?.code;
    expect(await code(BOUNDS, 21)).toBe("BAD_USER_INPUT");
    expect(await code(BOUNDS, -1)).toBe("BAD_USER_INPUT");
    expect(await code({ south: 11, west: 10, north: 10, east: 11 }, 5)).toBe("BAD_USER_INPUT");
  });
});
