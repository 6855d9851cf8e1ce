// Presigned upload and download against a real S3-compatible server, bytes intact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestS3, type TestS3 } from "@ppt/testing/s3";
import { createObjectStorage, type ObjectStorage } from "./object-storage.ts";

let s3: TestS3;
let storage: ObjectStorage;

beforeAll(async () => {
  s3 = await startTestS3();
  storage = createObjectStorage({ endpoint: s3.endpoint, region: "eu-central-1", bucket: s3.bucket, accessKeyId: "S3RVER", secretAccessKey: "S3RVER" });
});
afterAll(() => s3?.stop());

describe("object storage", () => {
  it("accepts a presigned PUT and serves the same bytes through a presigned GET", async () => {
    const body = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from("a photo of a leaking pipe")]);
    const uploadUrl = await storage.presignUpload("org/a/faults/1/photo.jpg", "image/jpeg");
    const put = await fetch(uploadUrl, { method: "PUT", headers: { "content-type": "image/jpeg" }, body });
    expect(put.status).toBe(200);
    expect(await storage.head("org/a/faults/1/photo.jpg")).toEqual({ size: body.length, contentType: "image/jpeg" });
    const downloaded = Buffer.from(await (await fetch(await storage.presignDownload("org/a/faults/1/photo.jpg"))).arrayBuffer());
    expect(downloaded.equals(body)).toBe(true);
    expect((await storage.read("org/a/faults/1/photo.jpg", 4)).equals(body.subarray(0, 4))).toBe(true);
  });

  it("reports a missing object as null and removes objects", async () => {
    await storage.write("tmp/x.txt", Buffer.from("x"), "text/plain");
    await storage.remove("tmp/x.txt");
    expect(await storage.head("tmp/x.txt")).toBeNull();
  });
});
