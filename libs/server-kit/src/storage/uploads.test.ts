// The confirm-time checks of direct uploads against a real S3-compatible server: real size, real
// type, deletion of what breaks the rules, and photos rewritten without their GPS position.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode } from "../errors.ts";
import { jpegWithGps, pngWithExif } from "@ppt/testing/images";
import { startTestS3, type TestS3 } from "@ppt/testing/s3";
import { stripImageMetadata } from "./image-metadata.ts";
import { createObjectStorage, type ObjectStorage } from "./object-storage.ts";
import { checkUploadRequest, presignStagedUpload, stagingKeyOf, uploadObjectKey, uploadPolicies, verifyStoredUpload } from "./uploads.ts";

let s3: TestS3;
let storage: ObjectStorage;

beforeAll(async () => {
  s3 = await startTestS3();
  storage = createObjectStorage({ endpoint: s3.endpoint, region: "eu-central-1", bucket: s3.bucket, accessKeyId: "S3RVER", secretAccessKey: "S3RVER" });
});
afterAll(() => s3?.stop());

async function put(key: string, body: Buffer, contentType: string, declaredSize = body.length) {
  const { url } = await presignStagedUpload(storage, key, { fileName: "f", contentType, size: declaredSize });
  const res = await fetch(url, { method: "PUT", headers: { "content-type": contentType }, body });
  expect(res.status).toBe(200);
}

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e as { code?: string },
  );
  return error?.code;
}

describe("upload requests", () => {
  it("refuses types and sizes the purpose does not accept, before any URL exists", () => {
    expect(() => checkUploadRequest(uploadPolicies.photo, { fileName: "a.exe", contentType: "application/x-msdownload", size: 10 })).toThrow(/not accepted/);
    expect(() => checkUploadRequest(uploadPolicies.photo, { fileName: "a.pdf", contentType: "application/pdf", size: 10 })).toThrow(/not accepted/);
    expect(() => checkUploadRequest(uploadPolicies.photo, { fileName: "a.jpg", contentType: "image/jpeg", size: 10 * 1024 * 1024 + 1 })).toThrow(/between/);
    expect(() => checkUploadRequest(uploadPolicies.photo, { fileName: "../a.jpg", contentType: "image/jpeg", size: 10 })).toThrow(/file name/);
    expect(() =>
      checkUploadRequest(uploadPolicies.document, { fileName: "zápisnica.pdf", contentType: "application/pdf", size: 25 * 1024 * 1024 }),
    ).not.toThrow();
    expect(() => checkUploadRequest(uploadPolicies.photo, { fileName: "a.jpg", contentType: "image/jpeg", size: 10, sha256: "XYZ" })).toThrow(/sha256/);
  });

  it("namespaces keys by tenant and purpose with an unguessable id", () => {
    expect(uploadObjectKey("org/abc", "fault-attachment")).toMatch(/^org\/abc\/fault-attachment\/[0-9a-f-]{36}$/);
  });
});

describe("verifyStoredUpload", () => {
  it("rewrites a JPEG without its Exif GPS segment and keeps every other byte", async () => {
    const { withGps, withoutGps } = jpegWithGps();
    const key = uploadObjectKey("org/a", "photos");
    await put(key, withGps, "image/jpeg");
    const verified = await verifyStoredUpload(storage, uploadPolicies.photo, { key, contentType: "image/jpeg", size: withGps.length });
    expect(verified).toMatchObject({ size: withoutGps.length, contentType: "image/jpeg", metadataStripped: true });
    expect((await storage.read(key)).equals(withoutGps)).toBe(true);
  });

  it("drops the eXIf chunk of a PNG", async () => {
    const { withExif, withoutExif } = pngWithExif();
    expect(stripImageMetadata(withExif, "image/png").equals(withoutExif)).toBe(true);
    const key = uploadObjectKey("org/a", "photos");
    await put(key, withExif, "image/png");
    await verifyStoredUpload(storage, uploadPolicies.photo, { key, contentType: "image/png", size: withExif.length });
    expect((await storage.read(key)).equals(withoutExif)).toBe(true);
  });

  it("leaves a photo without metadata untouched", async () => {
    const { withoutGps } = jpegWithGps();
    expect(stripImageMetadata(withoutGps, "image/jpeg")).toBe(withoutGps);
  });

  it("deletes an object larger than declared", async () => {
    const { withGps } = jpegWithGps();
    const key = uploadObjectKey("org/a", "photos");
    await put(key, withGps, "image/jpeg", 20);
    expect(await rejection(verifyStoredUpload(storage, uploadPolicies.photo, { key, contentType: "image/jpeg", size: 20 }))).toBe(ErrorCode.BadUserInput);
    expect(await storage.head(stagingKeyOf(key))).toBeNull();
  });

  it("deletes an object over the purpose's limit even when declared so", async () => {
    const key = uploadObjectKey("org/a", "photos");
    const big = Buffer.concat([jpegWithGps().withoutGps, Buffer.alloc(64)]);
    await put(key, big, "image/jpeg", 100);
    const tight = { allowedTypes: ["image/jpeg"], maxBytes: 100 };
    expect(await rejection(verifyStoredUpload(storage, tight, { key, contentType: "image/jpeg", size: 100 }))).toBe(ErrorCode.BadUserInput);
    expect(await storage.head(stagingKeyOf(key))).toBeNull();
  });

  it("deletes an object whose bytes are not the declared type", async () => {
    const key = uploadObjectKey("org/a", "photos");
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n");
    await put(key, pdf, "image/jpeg");
    expect(await rejection(verifyStoredUpload(storage, uploadPolicies.photo, { key, contentType: "image/jpeg", size: pdf.length }))).toBe(
      ErrorCode.BadUserInput,
    );
    expect(await storage.head(stagingKeyOf(key))).toBeNull();
  });

  it("accepts a PDF document as it is and reports its checksum", async () => {
    const key = uploadObjectKey("org/a", "documents");
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n");
    await put(key, pdf, "application/pdf");
    const verified = await verifyStoredUpload(storage, uploadPolicies.document, { key, contentType: "application/pdf", size: pdf.length });
    expect(verified).toMatchObject({ size: pdf.length, metadataStripped: false });
    expect(verified.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("writes the checked bytes to the final key and removes the staged object, which alone was writable", async () => {
    const { withGps, withoutGps } = jpegWithGps();
    const key = uploadObjectKey("org/a", "photos");
    const sha256 = createHash("sha256").update(withGps).digest("hex");
    const { url } = await presignStagedUpload(storage, key, { fileName: "a.jpg", contentType: "image/jpeg", size: withGps.length, sha256 });
    expect(new URL(url).pathname).toContain("/staging/");
    expect(await storage.head(key)).toBeNull();
    await put(key, withGps, "image/jpeg");
    await verifyStoredUpload(storage, uploadPolicies.photo, { key, contentType: "image/jpeg", size: withGps.length, sha256 });
    expect((await storage.read(key)).equals(withoutGps)).toBe(true);
    expect(await storage.head(stagingKeyOf(key))).toBeNull();
  });

  it("deletes an object whose bytes are not the declared sha256, and one shorter than declared", async () => {
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n");
    const key = uploadObjectKey("org/a", "documents");
    await put(key, pdf, "application/pdf");
    const other = createHash("sha256").update("something else").digest("hex");
    const declared = { key, contentType: "application/pdf", size: pdf.length };
    expect(await rejection(verifyStoredUpload(storage, uploadPolicies.document, { ...declared, sha256: other }))).toBe(ErrorCode.BadUserInput);
    expect(await storage.head(stagingKeyOf(key))).toBeNull();
    await put(key, pdf, "application/pdf", pdf.length + 10);
    expect(await rejection(verifyStoredUpload(storage, uploadPolicies.document, { ...declared, size: pdf.length + 10 }))).toBe(ErrorCode.BadUserInput);
    expect(await storage.head(key)).toBeNull();
  });

  it("refuses to confirm what was never uploaded, without deleting anything", async () => {
    const key = uploadObjectKey("org/a", "photos");
    expect(await rejection(verifyStoredUpload(storage, uploadPolicies.photo, { key, contentType: "image/jpeg", size: 10 }))).toBe(ErrorCode.BadUserInput);
  });
});
