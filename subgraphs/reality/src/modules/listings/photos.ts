// Listing photos: presigned direct uploads through the kit's upload rules (allowlist, size,
// confirm by head + sniff, Exif/GPS stripped, rejected objects deleted), ordered by position.
import type { ListingPhoto } from "@ppt/db/client";
import { Prisma } from "@ppt/db/client";
import {
  AppError,
  checkUploadRequest,
  isUuid,
  parseInput,
  presignStagedUpload,
  stagingKeyOf,
  UPLOAD_URL_TTL_SECONDS,
  uploadObjectKey,
  uploadPolicies,
  verifyStoredUpload,
} from "@ppt/server-kit";
import { z } from "zod";
import type { RealityContext } from "../../context.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { canEdit, editableListing, requireListingEditor } from "./access.ts";
import { listingsChanged } from "./events.ts";

export const MAX_PHOTOS = 50;
const PHOTO_URL_TTL_SECONDS = 3_600;

const requestSchema = z.object({
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string().nullish(),
  caption: z.string().trim().max(255).nullish(),
});

export interface PhotoUpload {
  photo: ListingPhoto;
  uploadUrl: string;
  uploadHeaders: { name: string; value: string }[];
  expiresAt: Date;
}

export async function requestListingPhotoUpload(ctx: RealityContext, listingId: string, input: unknown): Promise<PhotoUpload> {
  const { listing } = await editableListing(ctx, listingId);
  const data = parseInput(requestSchema, input, "input");
  checkUploadRequest(uploadPolicies.photo, data);
  const photo = await inTransaction(ctx, async (tx) => {
    await tx.$queryRaw(Prisma.sql`SELECT id FROM reality.listings WHERE id = ${listing.id}::uuid FOR UPDATE`);
    const count = await tx.listingPhoto.count({ where: { listingId: listing.id } });
    if (count >= MAX_PHOTOS) throw AppError.badInput(`A listing has at most ${MAX_PHOTOS} photos`, { field: "listingId" });
    const last = await tx.listingPhoto.aggregate({ where: { listingId: listing.id }, _max: { position: true } });
    return tx.listingPhoto.create({
      data: {
        listingId: listing.id,
        objectKey: uploadObjectKey(`listing/${listing.id}`, "photo"),
        contentType: data.contentType,
        sizeBytes: data.size,
        declaredChecksum: data.sha256 ?? null,
        caption: data.caption ?? null,
        position: (last._max.position ?? -1) + 1,
      },
    });
  });
  const { url, headers } = await presignStagedUpload(ctx.storage, photo.objectKey, data);
  // Browsers set Content-Length themselves from the body: it is signed, but not a header to hand over.
  const uploadHeaders = headers.filter((h) => h.name !== "Content-Length");
  return { photo, uploadUrl: url, uploadHeaders, expiresAt: new Date(Date.now() + UPLOAD_URL_TTL_SECONDS * 1000) };
}

/** A photo of a listing the caller edits; NOT_FOUND otherwise. */
async function editablePhoto(ctx: RealityContext, photoId: string): Promise<ListingPhoto> {
  const editor = await requireListingEditor(ctx);
  const photo = isUuid(photoId) ? await ctx.db.listingPhoto.findUnique({ where: { id: photoId } }) : null;
  const listing = photo ? await ctx.loaders.listing.load(photo.listingId) : null;
  if (!photo || !listing || !canEdit(editor, listing)) throw AppError.notFound("Photo");
  return photo;
}

/**
 * Checks the staged bytes and writes them, without location metadata, to the photo's key; a file
 * that breaks the rules is deleted, and so is its photo row. The row is locked for the whole
 * check, so two confirms never both write the photo.
 */
export async function confirmListingPhoto(ctx: RealityContext, photoId: string): Promise<ListingPhoto> {
  const photo = await editablePhoto(ctx, photoId);
  if (photo.confirmed) return photo;
  try {
    return await inTransaction(ctx, async (tx) => {
      await tx.$queryRaw(Prisma.sql`SELECT id FROM reality.listing_photos WHERE id = ${photo.id}::uuid FOR UPDATE`);
      const current = await tx.listingPhoto.findUniqueOrThrow({ where: { id: photo.id } });
      if (current.confirmed) return current;
      const verified = await verifyStoredUpload(ctx.storage, uploadPolicies.photo, {
        key: current.objectKey,
        contentType: current.contentType,
        size: current.sizeBytes ?? 0,
        sha256: current.declaredChecksum,
      });
      await listingsChanged(tx, [current.listingId]);
      return tx.listingPhoto.update({ where: { id: current.id }, data: { confirmed: true, sizeBytes: verified.size } });
    });
  } catch (error) {
    if (error instanceof AppError && error.details.rejected) await ctx.db.listingPhoto.deleteMany({ where: { id: photo.id, confirmed: false } });
    throw error;
  }
}

export async function removeListingPhoto(ctx: RealityContext, photoId: string): Promise<boolean> {
  const photo = await editablePhoto(ctx, photoId);
  await inTransaction(ctx, async (tx) => {
    await tx.listingPhoto.delete({ where: { id: photo.id } });
    await listingsChanged(tx, [photo.listingId]);
  });
  await Promise.all([ctx.storage.remove(photo.objectKey), ctx.storage.remove(stagingKeyOf(photo.objectKey))]);
  return true;
}

/** `photoIds` must name every photo of the listing exactly once: the new order. */
export async function reorderListingPhotos(ctx: RealityContext, listingId: string, photoIds: string[]): Promise<ListingPhoto[]> {
  const { listing } = await editableListing(ctx, listingId);
  return inTransaction(ctx, async (tx) => {
    const photos = await tx.listingPhoto.findMany({ where: { listingId: listing.id } });
    const current = new Set(photos.map((p) => p.id));
    if (photoIds.length !== current.size || new Set(photoIds).size !== photoIds.length || !photoIds.every((id) => current.has(id))) {
      throw AppError.badInput("List every photo of the listing exactly once", { field: "photoIds" });
    }
    await tx.$executeRaw(Prisma.sql`
      UPDATE reality.listing_photos p SET position = o.position - 1, updated_at = now()
      FROM unnest(${photoIds}::uuid[]) WITH ORDINALITY AS o(id, position)
      WHERE p.id = o.id`);
    await listingsChanged(tx, [listing.id]);
    return tx.listingPhoto.findMany({ where: { listingId: listing.id }, orderBy: [{ position: "asc" }, { id: "asc" }] });
  });
}

export function photoUrl(ctx: RealityContext, photo: ListingPhoto): Promise<string> {
  return ctx.storage.presignDownload(photo.objectKey, { contentType: photo.contentType, expiresInSeconds: PHOTO_URL_TTL_SECONDS });
}

/** Confirmed photos in order (unconfirmed uploads are their editor's business). */
export async function photosOf(ctx: RealityContext, listingId: string): Promise<ListingPhoto[]> {
  return (await ctx.loaders.photosByListing.load(listingId)).filter((p) => p.confirmed);
}
