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
import type { ServerConfig } from "../config.ts";

export interface StoredObject {
  size: number;
  contentType: string | null;
}

export interface ObjectStorage {
  bucket: string;
  /** A URL the client PUTs the file to (the declared type must be sent as Content-Type). */
  presignUpload(key: string, contentType: string, expiresInSeconds?: number): Promise<string>;
  /** A short-lived download URL; `filename` sets Content-Disposition. */
  presignDownload(key: string, expiresInSeconds?: number, filename?: string): Promise<string>;
  head(key: string): Promise<StoredObject | null>;
  /** The first `bytes` bytes (for sniffing the real type), or the whole object. */
  read(key: string, bytes?: number): Promise<Buffer>;
  write(key: string, body: Buffer, contentType: string): Promise<void>;
  remove(key: string): Promise<void>;
  ensureBucket(): Promise<void>;
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
    presignUpload: (key, contentType, expiresIn = 600) =>
      getSignedUrl(client, new PutObjectCommand({ Bucket, Key: key, ContentType: contentType }), { expiresIn }),
    presignDownload: (key, expiresIn = 300, filename) =>
      getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket,
          Key: key,
          ...(filename ? { ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(filename)}` } : {}),
        }),
        { expiresIn },
      ),
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
