// Photos for the demo listings: small JPEGs drawn here (a sky, a lawn and what is for sale: a
// block of flats for a flat or commercial space, a family house for a house, a bare plot for
// land; in varied colours), so the repository ships no binary files. They need
// object storage, which the seed itself does not: `npm start` and `npm run reset` run this step
// with the embedded S3 after seeding. Idempotent: a photo whose row exists is neither uploaded
// nor inserted again, and a listing that has photos of its own gets none.
import { createHash } from "node:crypto";
import jpeg from "jpeg-js";
import type { PrismaClient } from "../../generated/client/client.ts";
import { prng, seedId } from "./ids.ts";

export const SEED_PHOTO_WIDTH = 240;
export const SEED_PHOTO_HEIGHT = 160;
/** Distinct pictures of each kind (18 in all), reused across the listings. */
export const SEED_PHOTO_VARIANTS = 6;
/** About this share of the listings gets photos (1 to 4 each); the rest show how a listing without one looks. */
const SHARE_WITH_PHOTOS = 0.85;
const UPLOADS_AT_ONCE = 8;

/** Where the photos go: the kit's object storage satisfies it (this package stays below the kit). */
export interface PhotoWriter {
  write(key: string, body: Buffer, contentType: string): Promise<void>;
}

type Rgb = [number, number, number];

function hsl(h: number, s: number, l: number): Rgb {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as Rgb;

export type SeedPhotoKind = "block" | "house" | "plot";

const KIND_OF: Record<string, SeedPhotoKind> = { APARTMENT: "block", COMMERCIAL: "block", HOUSE: "house", LAND: "plot" };

/** One picture, the same for the same kind and variant on every run. */
export function drawSeedPhoto(kind: SeedPhotoKind, variant: number): Buffer {
  const random = prng(0x5eed + variant * 7919 + ["block", "house", "plot"].indexOf(kind) * 104_729);
  const width = SEED_PHOTO_WIDTH;
  const height = SEED_PHOTO_HEIGHT;
  const skyTop = hsl(200 + random() * 30, 0.6, 0.45 + random() * 0.15);
  const skyLow = hsl(190 + random() * 40, 0.5, 0.8);
  const lawn = hsl(80 + random() * 40, 0.45, 0.3 + random() * 0.1);
  const lawnNear = hsl(90, 0.4, 0.2);
  const wall = hsl(random() * 360, 0.25 + random() * 0.3, 0.6 + random() * 0.25);
  const roof = hsl(random() * 40, 0.55, 0.3 + random() * 0.1);
  const glass = hsl(205, 0.35, 0.3);
  const block = kind === "block";
  const horizon = Math.round(height * (0.62 + random() * 0.1));
  const houseWidth = Math.round(width * (block ? 0.45 + random() * 0.15 : 0.35 + random() * 0.15));
  const left = Math.round(random() * (width - houseWidth - 20)) + 10;
  const right = left + houseWidth;
  const wallTop = block ? Math.round(height * 0.15) : Math.round(horizon - height * (0.25 + random() * 0.1));
  const roofTop = block ? wallTop - 4 : wallTop - Math.round(houseWidth * 0.35);
  const floors = block ? 6 + Math.floor(random() * 4) : 1;
  const columns = block ? 4 + Math.floor(random() * 3) : 2;
  const sun = { x: random() * width, y: height * 0.1 + random() * height * 0.2, r: 10 + random() * 8 };

  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let color: Rgb = y < horizon ? mix(skyTop, skyLow, y / horizon) : mix(lawn, lawnNear, (y - horizon) / (height - horizon));
      if ((x - sun.x) ** 2 + (y - sun.y) ** 2 < sun.r ** 2) color = [255, 236, 170];
      const inWalls = kind !== "plot" && x >= left && x < right && y >= wallTop && y < horizon + 6;
      // A gable roof above the walls: its slopes narrow to the ridge in the middle.
      const half = houseWidth / 2 + 6;
      const inRoof =
        kind !== "plot" && y >= roofTop && y < wallTop && Math.abs(x - (left + right) / 2) <= (half * (y - roofTop)) / Math.max(1, wallTop - roofTop);
      if (inRoof) color = roof;
      if (kind === "plot") {
        // A lone tree on the plot.
        const trunk = left + houseWidth / 2;
        const crown = { x: trunk, y: horizon - 22 - houseWidth * 0.15, r: 10 + houseWidth * 0.12 };
        if (Math.abs(x - trunk) < 3 && y > crown.y && y < horizon + 4) color = [92, 64, 40];
        if ((x - crown.x) ** 2 + (y - crown.y) ** 2 < crown.r ** 2) color = mix(lawn, [20, 60, 20], 0.5);
      }
      if (inWalls) {
        color = wall;
        const floorHeight = (horizon + 6 - wallTop) / floors;
        const columnWidth = houseWidth / columns;
        const fy = ((y - wallTop) % floorHeight) / floorHeight;
        const fx = ((x - left) % columnWidth) / columnWidth;
        if (fy > 0.3 && fy < 0.75 && fx > 0.25 && fx < 0.75) color = glass;
      }
      const at = (y * width + x) * 4;
      data[at] = color[0];
      data[at + 1] = color[1];
      data[at + 2] = color[2];
      data[at + 3] = 255;
    }
  }
  return jpeg.encode({ data, width, height }, 60).data;
}

export interface SeededPhoto {
  id: string;
  listingId: string;
  objectKey: string;
  position: number;
  kind: SeedPhotoKind;
  variant: number;
}

/** The photos the seed gives these listings: which ones, how many, which pictures (from the listing's id and type alone). */
export function plannedPhotos(listings: readonly { id: string; propertyType: string }[]): SeededPhoto[] {
  const planned: SeededPhoto[] = [];
  for (const { id: listingId, propertyType } of listings) {
    const kind = KIND_OF[propertyType] ?? "house";
    const random = prng(createHash("sha1").update(listingId).digest().readUInt32BE(0));
    if (random() >= SHARE_WITH_PHOTOS) continue;
    const count = 1 + Math.floor(random() * 4);
    const first = Math.floor(random() * SEED_PHOTO_VARIANTS);
    for (let position = 0; position < count; position++) {
      const id = seedId(`listing-photo:${listingId}:${position}`);
      // The same key shape as an upload's (`listing/<id>/photo/<uuid>`).
      planned.push({ id, listingId, objectKey: `listing/${listingId}/photo/${id}`, position, kind, variant: (first + position) % SEED_PHOTO_VARIANTS });
    }
  }
  return planned;
}

/** Uploads and records the demo listings' photos; returns how many were added by this run. */
export async function seedListingPhotos(prisma: PrismaClient, storage: PhotoWriter, listingIds: readonly string[]): Promise<{ added: number }> {
  const listings = await prisma.listing.findMany({ where: { id: { in: [...listingIds] } }, select: { id: true, propertyType: true } });
  const planned = plannedPhotos(listings);
  const existing = await prisma.listingPhoto.findMany({
    where: { listingId: { in: [...new Set(planned.map((p) => p.listingId))] } },
    select: { id: true, listingId: true },
  });
  const plannedIds = new Set(planned.map((p) => p.id));
  const present = new Set(existing.map((p) => p.id));
  const ownPhotos = new Set(existing.filter((p) => !plannedIds.has(p.id)).map((p) => p.listingId));
  const missing = planned.filter((p) => !present.has(p.id) && !ownPhotos.has(p.listingId));
  if (missing.length === 0) return { added: 0 };

  const images = new Map<string, Buffer>();
  const image = (p: SeededPhoto) => {
    const name = `${p.kind}:${p.variant}`;
    if (!images.has(name)) images.set(name, drawSeedPhoto(p.kind, p.variant));
    return images.get(name)!;
  };
  // The object first, then its row: a row never points to nothing.
  for (let start = 0; start < missing.length; start += UPLOADS_AT_ONCE) {
    await Promise.all(missing.slice(start, start + UPLOADS_AT_ONCE).map((p) => storage.write(p.objectKey, image(p), "image/jpeg")));
  }
  const { count } = await prisma.listingPhoto.createMany({
    skipDuplicates: true,
    data: missing.map((p) => ({
      id: p.id,
      listingId: p.listingId,
      objectKey: p.objectKey,
      position: p.position,
      width: SEED_PHOTO_WIDTH,
      height: SEED_PHOTO_HEIGHT,
      contentType: "image/jpeg",
      sizeBytes: image(p).length,
      confirmed: true,
    })),
  });
  return { added: count };
}
