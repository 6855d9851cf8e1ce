// The demo listings have photos: the seed's photo step (run by `npm start` and `npm run reset`
// with the embedded S3) gives most listings real JPEGs in object storage, recorded as confirmed
// photos, and the portal serves them; running it again adds nothing.
import jpeg from "jpeg-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedListingPhotos } from "@ppt/db/seed";
import { startStack, type Stack } from "@ppt/testing/stack";

let stack: Stack;
let listingIds: string[];
let added: number;

beforeAll(async () => {
  // Seeded before the services start, as on `npm start`'s first run.
  stack = await startStack({ seed: { listings: 80 } });
  listingIds = stack.seeded!.listingIds;
  ({ added } = await seedListingPhotos(stack.owner.prisma, stack.reality.deps.storage, listingIds));
}, 180_000);
afterAll(() => stack?.stop());

describe("seeded listing photos", () => {
  it("give most listings one to four confirmed photos, each a JPEG in storage of the size its row states", async () => {
    const photos = await stack.owner.prisma.listingPhoto.findMany({ orderBy: [{ listingId: "asc" }, { position: "asc" }] });
    expect(photos).toHaveLength(added);
    const perListing = new Map<string, number>();
    for (const photo of photos) perListing.set(photo.listingId, (perListing.get(photo.listingId) ?? 0) + 1);
    expect(perListing.size / listingIds.length).toBeGreaterThan(0.7);
    expect(perListing.size).toBeLessThan(listingIds.length);
    expect([...perListing.values()].every((n) => n >= 1 && n <= 4)).toBe(true);

    const distinct = new Set<string>();
    for (const photo of photos) {
      expect(photo).toMatchObject({ confirmed: true, contentType: "image/jpeg" });
      const stored = await stack.reality.deps.storage.read(photo.objectKey);
      expect(stored.length).toBe(photo.sizeBytes);
      expect(stored.length).toBeLessThan(16 * 1024);
      const image = jpeg.decode(stored);
      expect({ width: image.width, height: image.height }).toEqual({ width: photo.width, height: photo.height });
      distinct.add(stored.toString("base64"));
    }
    // Pictures are reused, but there are many of them, not one.
    expect(distinct.size).toBeGreaterThanOrEqual(12);
  });

  it("are served by the portal's listing query as download links", async () => {
    const withPhotos = await stack.owner.prisma.listing.findFirstOrThrow({ where: { status: "ACTIVE", photos: { some: {} } }, select: { id: true } });
    const result = await stack.query(`query SeededListing($id: ID!) { listing(id: $id) { photos { url position contentType } } }`, { id: withPhotos.id });
    expect(result.errors).toBeUndefined();
    const photos = result.data.listing.photos as { url: string; position: number; contentType: string }[];
    expect(photos.length).toBeGreaterThanOrEqual(1);
    expect(photos.map((p) => p.position)).toEqual(photos.map((_, i) => i));
    for (const photo of photos) {
      const res = await fetch(photo.url);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/jpeg");
      expect(jpeg.decode(Buffer.from(await res.arrayBuffer())).width).toBeGreaterThan(0);
    }
  });

  it("adds nothing when run again", async () => {
    const before = await stack.owner.prisma.listingPhoto.count();
    expect(await seedListingPhotos(stack.owner.prisma, stack.reality.deps.storage, listingIds)).toEqual({ added: 0 });
    expect(await stack.owner.prisma.listingPhoto.count()).toBe(before);
  });
});
