// Direct-to-storage uploads, the part every subgraph shares: what a purpose accepts, where the
// object lives, and the check at confirm. The client PUTs the bytes to a presigned URL for a
// STAGING key; the API never sees them until confirm, so confirm trusts nothing the client
// declared: it reads the staged object, checks its real size, checksum and sniffed type,
// removes photos' location metadata and writes the checked bytes to the final key, which is
// never presigned for PUT. A confirmed file is therefore out of the uploader's reach: the
// staging URL can only ever touch the staging key. Bookkeeping (which upload belongs to whom,
// its status) stays with the subgraph that owns the upload rows.
import { createHash, randomUUID } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { AppError } from "../errors.ts";
import { stripImageMetadata } from "./image-metadata.ts";
import type { ObjectStorage, SignedUpload } from "./object-storage.ts";

export interface UploadPolicy {
  /** Declared (and sniffed) content types accepted. */
  allowedTypes: readonly string[];
  maxBytes: number;
}

const MB = 1024 * 1024;
const imageTypes = ["image/jpeg", "image/png", "image/webp"] as const;

export const uploadPolicies = {
  photo: { allowedTypes: imageTypes, maxBytes: 10 * MB },
  document: {
    allowedTypes: [
      "application/pdf",
      "application/msword",
      "application/vnd.ms-excel",
      "application/vnd.ms-powerpoint",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      "application/vnd.oasis.opendocument.text",
      "application/vnd.oasis.opendocument.spreadsheet",
      ...imageTypes,
    ],
    maxBytes: 25 * MB,
  },
} satisfies Record<string, UploadPolicy>;

/** How long a presigned PUT (and so a pending upload) stays valid. */
export const UPLOAD_URL_TTL_SECONDS = 5 * 60;

/** Legacy Office files are all OLE compound files: the signature cannot tell them apart. */
const sniffedAliases: Record<string, readonly string[]> = {
  "application/x-cfb": ["application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"],
};

function sniffMatches(declared: string, sniffed: string): boolean {
  return declared === sniffed || (sniffedAliases[sniffed]?.includes(declared) ?? false);
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name may not contain
const FILE_NAME = /^[^/\\\u0000-\u001f]{1,255}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface UploadRequest {
  fileName: string;
  contentType: string;
  size: number;
  /** Hex SHA-256 of the file, optional: when given, storage and confirm hold the bytes to it. */
  sha256?: string | null;
}

/** Refuses, at request time, what the purpose could never accept (before any URL is issued). */
export function checkUploadRequest(policy: UploadPolicy, request: UploadRequest): void {
  if (!FILE_NAME.test(request.fileName)) throw AppError.badInput("Invalid file name", { field: "fileName" });
  if (request.sha256 != null && !SHA256_HEX.test(request.sha256)) {
    throw AppError.badInput("sha256 must be 64 lowercase hex digits", { field: "sha256" });
  }
  if (!policy.allowedTypes.includes(request.contentType)) {
    throw AppError.badInput(`Files of type ${request.contentType} are not accepted here`, { field: "contentType" });
  }
  if (!Number.isSafeInteger(request.size) || request.size <= 0 || request.size > policy.maxBytes) {
    throw AppError.badInput(`The file must be between 1 byte and ${policy.maxBytes} bytes`, { field: "size" });
  }
}

/** `<namespace>/<purpose>/<uuid>`: the namespace is the tenant (e.g. `org/<orgId>`), never a client's file name. */
export function uploadObjectKey(namespace: string, purpose: string): string {
  return `${namespace}/${purpose}/${randomUUID()}`;
}

/** Where the client's bytes land until confirm: a separate key, so the final key is never presigned for PUT. */
export function stagingKeyOf(key: string): string {
  return `staging/${key}`;
}

/** The presigned PUT for an upload whose checked copy will live at `key`. */
export function presignStagedUpload(storage: ObjectStorage, key: string, request: UploadRequest): Promise<SignedUpload> {
  return storage.presignUpload(
    stagingKeyOf(key),
    { contentType: request.contentType, size: request.size, sha256: request.sha256 ?? null },
    UPLOAD_URL_TTL_SECONDS,
  );
}

export interface DeclaredUpload {
  /** The final key (the bytes are read from its staging key). */
  key: string;
  contentType: string;
  size: number;
  sha256?: string | null;
}

export interface VerifiedUpload {
  size: number;
  contentType: string;
  /** Hex SHA-256 of the stored bytes (after metadata removal). */
  checksum: string;
  /** True when location metadata was removed and the object rewritten. */
  metadataStripped: boolean;
}

/**
 * Checks the object that was PUT to the staging key against what was declared and what the
 * policy allows, then writes the checked bytes (photos without Exif/XMP metadata) to the final
 * key and deletes the staged object. Anything that breaks a rule is deleted and refused with
 * BAD_USER_INPUT. Callers serialize confirms of one upload (a row lock), so two confirms never
 * race to write the final key.
 */
export async function verifyStoredUpload(storage: ObjectStorage, policy: UploadPolicy, declared: DeclaredUpload): Promise<VerifiedUpload> {
  const staging = stagingKeyOf(declared.key);
  const stored = await storage.head(staging);
  if (!stored) throw AppError.badInput("Nothing was uploaded for this upload yet", { field: "uploadId" });
  const reject = async (message: string): Promise<never> => {
    await storage.remove(staging);
    throw AppError.badInput(message, { field: "uploadId", rejected: true });
  };
  if (stored.size !== declared.size || stored.size > policy.maxBytes) {
    return reject(`The uploaded file is ${stored.size} bytes: not the declared size, or larger than allowed`);
  }
  const body = await storage.read(staging);
  // The size header is the server's word; the bytes are the truth. Everything below looks at `body` only.
  if (body.length !== declared.size) return reject("The uploaded file changed while it was checked");
  if (declared.sha256 && createHash("sha256").update(body).digest("hex") !== declared.sha256) {
    return reject("The uploaded file does not match its declared sha256");
  }
  const sniffed = await fileTypeFromBuffer(body);
  if (!sniffed || !sniffMatches(declared.contentType, sniffed.mime) || !policy.allowedTypes.includes(declared.contentType)) {
    return reject(`The uploaded file is not a ${declared.contentType}`);
  }
  const cleaned = stripImageMetadata(body, declared.contentType);
  await storage.write(declared.key, cleaned, declared.contentType);
  await storage.remove(staging);
  return {
    size: cleaned.length,
    contentType: declared.contentType,
    checksum: createHash("sha256").update(cleaned).digest("hex"),
    metadataStripped: cleaned !== body,
  };
}
