// S3-compatible object storage. Files never pass through GraphQL: the API issues short-lived
// presigned URLs and the client talks to the storage directly.
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import contentDisposition from "content-disposition";
import type { ServerConfig } from "../config.ts";

export interface StoredObject {
  size: number;
  contentType: string | null;
}

export interface SignedUploadDeclaration {
  contentType: string;
  size: number;
  /** Hex SHA-256 of the bytes, when the client declared it. */
  sha256?: string | null;
}

export interface SignedUpload {
  url: string;
  /** Headers the PUT must carry exactly: they are part of the signature. */
  headers: { name: string; value: string }[];
}

export interface DownloadOptions {
  /** The verified type: the response says this, whatever the object's stored metadata says. */
  contentType: string;
  fileName?: string | null;
  expiresInSeconds?: number;
}

export interface ObjectStorage {
  bucket: string;
  /**
   * A URL the client PUTs the file to. Type, length and (when declared) checksum are signed
   * headers, so S3 refuses a PUT that differs from the declaration.
   */
  presignUpload(key: string, declared: SignedUploadDeclaration, expiresInSeconds: number): Promise<SignedUpload>;
  /** A short-lived download URL whose response carries the verified type and a safe Content-Disposition. */
  presignDownload(key: string, options: DownloadOptions): Promise<string>;
  head(key: string): Promise<StoredObject | null>;
  /** The first `bytes` bytes (for sniffing the real type), or the whole object. */
  read(key: string, bytes?: number): Promise<Buffer>;
  write(key: string, body: Buffer, contentType: string): Promise<void>;
  remove(key: string): Promise<void>;
  ensureBucket(): Promise<void>;
}

/**
 * The signed URL addressed to the files host instead of the bucket. The signature covers the
 * bucket's Host, path and query: the files host forwards path and query unchanged with the
 * bucket's Host, so S3 checks the same signature; the browser only ever sees the files host.
 */
function throughDownloadOrigin(signed: string, origin: string): string {
  const url = new URL(signed);
  const front = new URL(origin);
  url.protocol = front.protocol;
  url.host = front.host;
  return url.toString();
}

export function createObjectStorage(s3: ServerConfig["s3"]): ObjectStorage {
  const client = new S3Client({
    region: s3.region,
    endpoint: s3.endpoint ?? undefined,
    forcePathStyle: Boolean(s3.endpoint),
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    // Without these, SDK v3 frames uploads as aws-chunked, which S3-compatible servers such as
    // s3rver store verbatim: the file comes back corrupted.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const Bucket = s3.bucket;

  return {
    bucket: Bucket,
    async presignUpload(key, declared, expiresIn) {
      const checksum = declared.sha256 ? Buffer.from(declared.sha256, "hex").toString("base64") : undefined;
      const command = new PutObjectCommand({
        Bucket,
        Key: key,
        ContentType: declared.contentType,
        ContentLength: declared.size,
        ...(checksum ? { ChecksumSHA256: checksum } : {}),
      });
      const url = await getSignedUrl(client, command, {
        expiresIn,
        signableHeaders: new Set(["content-type", "content-length"]),
        // Kept as a header (not hoisted into the query) so S3 checks the body against it.
        unhoistableHeaders: new Set(["x-amz-checksum-sha256"]),
      });
      const headers = [
        { name: "Content-Type", value: declared.contentType },
        { name: "Content-Length", value: String(declared.size) },
      ];
      if (checksum) headers.push({ name: "x-amz-checksum-sha256", value: checksum });
      return { url, headers };
    },
    async presignDownload(key, { contentType, fileName, expiresInSeconds = 300 }) {
      const url = await getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket,
          Key: key,
          ResponseContentType: contentType,
          ResponseContentDisposition: downloadDisposition(contentType, fileName),
        }),
        { expiresIn: expiresInSeconds },
      );
      return s3.downloadOrigin ? throughDownloadOrigin(url, s3.downloadOrigin) : url;
    },
    async head(key) {
      try {
        const res = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return { size: Number(res.ContentLength ?? 0), contentType: res.ContentType ?? null };
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (status === 404 || (error as Error).name === "NotFound") return null;
        throw error;
      }
    },
    async read(key, bytes) {
      const res = await client.send(new GetObjectCommand({ Bucket, Key: key, ...(bytes ? { Range: `bytes=0-${bytes - 1}` } : {}) }));
      return Buffer.from(await res.Body!.transformToByteArray());
    },
    async write(key, body, contentType) {
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentType: contentType }));
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    async ensureBucket() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch {
        await client.send(new CreateBucketCommand({ Bucket }));
      }
    },
  };
}

/**
 * Images open in the browser; anything else is downloaded, never rendered on the storage's
 * origin. The name is encoded (RFC 6266 with an ASCII fallback), so no client string reaches the header raw.
 */
export function downloadDisposition(contentType: string, fileName?: string | null): string {
  const type = contentType.startsWith("image/") ? "inline" : "attachment";
  // An ASCII fallback: Latin-1 bytes in a header are read differently by browsers and proxies.
  return fileName ? contentDisposition(fileName, { type, fallback: fileName.replace(/[^\x20-\x7e]/g, "?") }) : type;
}
