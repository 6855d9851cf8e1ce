// Direct-to-storage uploads, the part every subgraph shares: what a purpose accepts, where the
// object lives, and the check at confirm. The client PUTs the bytes to a presigned URL; the
// API never sees them until confirm, so confirm trusts nothing the client declared: it reads
// the stored object's real size and sniffs its real type, deletes whatever breaks the rules,
// and rewrites photos without their location metadata. Bookkeeping (which upload belongs to
// whom, its status) stays with the subgraph that owns the upload rows.
import { createHash, randomUUID } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { AppError } from "../errors.ts";
import { stripImageMetadata } from "./image-metadata.ts";
import type { ObjectStorage } from "./object-storage.ts";

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
export const UPLOAD_URL_TTL_SECONDS = 15 * 60;

/** Legacy Office files are all OLE compound files: the signature cannot tell them apart. */
const sniffedAliases: Record<string, readonly string[]> = {
  "application/x-cfb": ["application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"],
};

function sniffMatches(declared: string, sniffed: string): boolean {
  return declared === sniffed || (sniffedAliases[sniffed]?.includes(declared) ?? false);
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name may not contain
const FILE_NAME = /^[^/\\\u0000-\u001f]{1,255}$/;

/** Refuses, at request time, what the purpose could never accept (before any URL is issued). */
export function checkUploadRequest(policy: UploadPolicy, request: { fileName: string; contentType: string; size: number }): void {
  if (!FILE_NAME.test(request.fileName)) throw AppError.badInput("Invalid file name", { field: "fileName" });
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

export interface DeclaredUpload {
  key: string;
  contentType: string;
  size: number;
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
 * Checks the object that was PUT to a presigned URL against what was declared and what the
 * policy allows. Anything that breaks a rule is deleted from storage and refused with
 * BAD_USER_INPUT; photos are rewritten without Exif/XMP metadata.
 */
export async function verifyStoredUpload(storage: ObjectStorage, policy: UploadPolicy, declared: DeclaredUpload): Promise<VerifiedUpload> {
  const stored = await storage.head(declared.key);
  if (!stored) throw AppError.badInput("Nothing was uploaded for this upload yet", { field: "uploadId" });
  const reject = async (message: string): Promise<never> => {
    await storage.remove(declared.key);
    throw AppError.badInput(message, { field: "uploadId", rejected: true });
  };
  if (stored.size > declared.size || stored.size > policy.maxBytes) {
    return reject(`The uploaded file is ${stored.size} bytes: larger than declared or allowed`);
  }
  const body = await storage.read(declared.key);
  // The size header is the server's word; the bytes are the truth.
  if (body.length !== stored.size) return reject("The uploaded file changed while it was checked");
  const sniffed = await fileTypeFromBuffer(body);
  if (!sniffed || !sniffMatches(declared.contentType, sniffed.mime) || !policy.allowedTypes.includes(declared.contentType)) {
    return reject(`The uploaded file is not a ${declared.contentType}`);
  }
  const cleaned = stripImageMetadata(body, declared.contentType);
  const metadataStripped = cleaned !== body;
  if (metadataStripped) await storage.write(declared.key, cleaned, declared.contentType);
  return {
    size: cleaned.length,
    contentType: declared.contentType,
    checksum: createHash("sha256").update(cleaned).digest("hex"),
    metadataStripped,
  };
}
