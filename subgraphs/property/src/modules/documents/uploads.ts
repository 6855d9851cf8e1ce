// The property subgraph's upload bookkeeping (property.file_uploads): who requested which
// object, for what, and whether it was confirmed. The generic checks (allowlists, sniffing,
// size, metadata removal, deletion on reject) are the kit's (storage/uploads.ts); the modules
// that attach an upload (faults, documents) claim it here inside their own transaction.
import type { FileUpload, FileUploadPurpose } from "@ppt/db/client";
import {
  AppError,
  checkUploadRequest,
  ErrorCode,
  presignStagedUpload,
  requireCaller,
  requirePermission,
  stagingKeyOf,
  uploadObjectKey,
  uploadPolicies,
  UPLOAD_URL_TTL_SECONDS,
  verifyStoredUpload,
  type ObjectStorage,
  type Permission,
  type PrismaClient,
  type Tx,
  type UploadPolicy,
} from "@ppt/server-kit";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { forEachOrganization } from "../organizations/index.ts";

type UploadPurpose = Extract<FileUploadPurpose, "FAULT_ATTACHMENT" | "DOCUMENT_VERSION" | "MESSAGE_ATTACHMENT" | "METER_READING_PHOTO">;

const purposes: Record<UploadPurpose, { policy: UploadPolicy; permission: Permission; keySegment: string }> = {
  FAULT_ATTACHMENT: { policy: uploadPolicies.photo, permission: "faults:write", keySegment: "fault-attachments" },
  MESSAGE_ATTACHMENT: { policy: uploadPolicies.document, permission: "messages:write", keySegment: "message-attachments" },
  DOCUMENT_VERSION: { policy: uploadPolicies.document, permission: "documents:write", keySegment: "documents" },
  METER_READING_PHOTO: { policy: uploadPolicies.photo, permission: "meters:write", keySegment: "meter-readings" },
};

function purposeOf(purpose: FileUploadPurpose) {
  const config = purposes[purpose as UploadPurpose];
  if (!config) throw AppError.notFound("Upload");
  return config;
}

export interface RequestUploadInput {
  purpose: UploadPurpose;
  fileName: string;
  contentType: string;
  size: number;
  sha256?: string | null;
}

export async function requestUpload(ctx: PropertyContext, input: RequestUploadInput) {
  const purpose = purposeOf(input.purpose);
  requirePermission(ctx.caller, purpose.permission);
  const caller = ctx.caller;
  checkUploadRequest(purpose.policy, input);
  const organizationId = ctx.caller.organizationId;
  const objectKey = uploadObjectKey(`org/${organizationId}`, purpose.keySegment);
  const expiresAt = new Date(Date.now() + UPLOAD_URL_TTL_SECONDS * 1000);
  const upload = await ctx.db.write((tx) =>
    tx.fileUpload.create({
      data: {
        organizationId,
        purpose: input.purpose,
        objectKey,
        fileName: input.fileName,
        declaredContentType: input.contentType,
        declaredSize: BigInt(input.size),
        declaredChecksum: input.sha256 ?? null,
        expiresAt,
        uploadedById: caller.userId,
      },
    }),
  );
  // Browsers set Content-Length themselves from the body: it is signed, but not a header to hand over.
  const { url, headers } = await presignStagedUpload(ctx.storage, objectKey, input);
  return { uploadId: upload.id, url, headers: headers.filter((h) => h.name !== "Content-Length"), expiresAt };
}

/** The caller's own upload (another user's or tenant's looks missing). */
async function ownUpload(tx: Tx, ctx: PropertyContext, uploadId: string): Promise<FileUpload> {
  requireCaller(ctx.caller);
  const upload = await tx.fileUpload.findFirst({ where: { id: uploadId, uploadedById: ctx.caller.userId } });
  if (!upload) throw AppError.notFound("Upload");
  return upload;
}

/**
 * Step 2: the staged object is checked for real (size, checksum, sniffed type), photos lose their
 * location metadata, and the checked bytes are written to the final key. The row is locked for
 * the whole check, so two confirms of one upload never both write the final key. A file that
 * breaks the rules is deleted together with its upload row — the refusal itself is committed,
 * so nothing of it remains.
 */
export async function confirmUpload(ctx: PropertyContext, uploadId: string): Promise<FileUpload> {
  requireCaller(ctx.caller);
  const upload = await ctx.db.read((tx) => ownUpload(tx, ctx, uploadId));
  const purpose = purposeOf(upload.purpose);
  requirePermission(ctx.caller, purpose.permission);
  try {
    return await ctx.db.write(async (tx) => {
      await tx.$queryRaw`SELECT id FROM property.file_uploads WHERE id = ${upload.id}::uuid FOR UPDATE`;
      const current = await tx.fileUpload.findUniqueOrThrow({ where: { id: upload.id } });
      if (current.status === "CONFIRMED") return current;
      if (current.status !== "PENDING" || current.expiresAt < new Date())
        throw AppError.badInput("This upload has expired; request a new one", { field: "uploadId" });
      const verified = await verifyStoredUpload(ctx.storage, purpose.policy, {
        key: current.objectKey,
        contentType: current.declaredContentType,
        size: Number(current.declaredSize),
        sha256: current.declaredChecksum,
      });
      const confirmed = await tx.fileUpload.update({
        where: { id: current.id },
        data: { status: "CONFIRMED", actualSize: BigInt(verified.size), checksum: verified.checksum, confirmedAt: new Date() },
      });
      await recordChange(tx, ctx, { entityType: "file_upload", entityId: upload.id, eventType: "file_upload.confirmed", payload: { purpose: upload.purpose } });
      return confirmed;
    });
  } catch (error) {
    if (error instanceof AppError && error.code === ErrorCode.BadUserInput && error.details.rejected) {
      await ctx.db.write((tx) => tx.fileUpload.deleteMany({ where: { id: upload.id, status: "PENDING" } }));
    }
    throw error;
  }
}

/**
 * Locks and returns the caller's confirmed uploads of one purpose, for a module that attaches
 * them in the same transaction (the module itself refuses an upload it already attached).
 */
export async function claimUploads(tx: Tx, ctx: PropertyContext, uploadIds: readonly string[], purpose: UploadPurpose): Promise<FileUpload[]> {
  requireCaller(ctx.caller);
  if (uploadIds.length === 0) return [];
  if (new Set(uploadIds).size !== uploadIds.length) throw AppError.badInput("An upload is listed twice", { field: "uploadIds" });
  await tx.$queryRaw`SELECT id FROM property.file_uploads WHERE id = ANY (${[...uploadIds]}::uuid[]) FOR UPDATE`;
  const uploads = await tx.fileUpload.findMany({ where: { id: { in: [...uploadIds] }, uploadedById: ctx.caller.userId } });
  if (uploads.length !== uploadIds.length) throw AppError.notFound("Upload");
  for (const upload of uploads) {
    if (upload.purpose !== purpose) throw AppError.badInput(`Upload ${upload.id} is not a ${purpose} upload`, { field: "uploadIds" });
    if (upload.status !== "CONFIRMED") throw AppError.badInput(`Upload ${upload.id} is not confirmed`, { field: "uploadIds" });
  }
  return uploadIds.map((id) => uploads.find((u) => u.id === id)!);
}

/** A presigned GET for an object the caller was already allowed to see, served as its verified type. */
export function downloadUrl(storage: ObjectStorage, file: { objectKey: string; fileName: string | null; contentType: string }): Promise<string> {
  return storage.presignDownload(file.objectKey, { contentType: file.contentType, fileName: file.fileName, expiresInSeconds: 300 });
}

export interface CleanupDeps {
  prisma: PrismaClient;
  storage: ObjectStorage;
}

/**
 * Unconfirmed uploads past their expiry: the object (if the client uploaded anything) is
 * deleted and the row marked EXPIRED. Run by the scheduler worker; every organization is
 * visited under its own tenant setting (RLS stays on), a bounded batch each.
 */
export async function cleanupExpiredUploads(deps: CleanupDeps, now = new Date(), batchSize = 500): Promise<number> {
  const counts = await forEachOrganization(deps.prisma, "cleanupExpiredUploads", async (db) => {
    const stale = await db.write((tx) =>
      tx.fileUpload.findMany({ where: { status: "PENDING", expiresAt: { lt: now } }, orderBy: { expiresAt: "asc" }, take: batchSize }),
    );
    let expired = 0;
    for (const upload of stale) {
      await deps.storage.remove(stagingKeyOf(upload.objectKey));
      const marked = await db.write((tx) => tx.fileUpload.updateMany({ where: { id: upload.id, status: "PENDING" }, data: { status: "EXPIRED" } }));
      expired += marked.count;
    }
    return expired;
  });
  return counts.reduce((sum, n) => sum + n, 0);
}

export function fileUploadView(upload: FileUpload) {
  return {
    id: upload.id,
    purpose: upload.purpose as UploadPurpose,
    fileName: upload.fileName,
    contentType: upload.declaredContentType,
    size: Number(upload.actualSize ?? upload.declaredSize),
    status: upload.status,
    expiresAt: upload.expiresAt,
    confirmedAt: upload.confirmedAt,
  };
}
