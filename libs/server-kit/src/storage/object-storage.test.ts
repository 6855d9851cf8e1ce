// Presigned upload and download against a real S3-compatible server, bytes intact.
import { createHash } from "node:crypto";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestS3, type TestS3 } from "@ppt/testing/s3";
import { createObjectStorage, downloadDisposition, type ObjectStorage } from "./object-storage.ts";

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
    const { url: uploadUrl } = await storage.presignUpload("org/a/faults/1/photo.jpg", { contentType: "image/jpeg", size: body.length }, 60);
    const put = await fetch(uploadUrl, { method: "PUT", headers: { "content-type": "image/jpeg" }, body });
    expect(put.status).toBe(200);
    expect(await storage.head("org/a/faults/1/photo.jpg")).toEqual({ size: body.length, contentType: "image/jpeg" });
    const downloaded = Buffer.from(await (await fetch(await storage.presignDownload("org/a/faults/1/photo.jpg", { contentType: "image/jpeg" }))).arrayBuffer());
    expect(downloaded.equals(body)).toBe(true);
    expect((await storage.read("org/a/faults/1/photo.jpg", 4)).equals(body.subarray(0, 4))).toBe(true);
  });

  it("signs type, length and checksum into the PUT URL", async () => {
    const body = Buffer.from("%PDF-1.4\n%%EOF\n");
    const sha256 = createHash("sha256").update(body).digest("hex");
    const { url, headers } = await storage.presignUpload("org/a/doc", { contentType: "application/pdf", size: body.length, sha256 }, 60);
    const signed = new URL(url).searchParams.get("X-Amz-SignedHeaders")!.split(";");
    expect(signed).toEqual(expect.arrayContaining(["content-type", "content-length", "x-amz-checksum-sha256"]));
    expect(new URL(url).searchParams.get("X-Amz-Expires")).toBe("60");
    expect(headers).toContainEqual({ name: "x-amz-checksum-sha256", value: Buffer.from(sha256, "hex").toString("base64") });
  });

  it("serves downloads as the verified type, images inline and anything else as an attachment with a safe name", async () => {
    await storage.write("org/a/page", Buffer.from("<html></html>"), "text/html");
    const res = await fetch(await storage.presignDownload("org/a/page", { contentType: "application/pdf", fileName: 'a"b\r\nX-Evil: 1.pdf' }));
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="a\\"b\?\?X-Evil: 1\.pdf"; filename\*=UTF-8''a%22b%0D%0AX-Evil%3A%201\.pdf$/);
    expect(res.headers.get("x-evil")).toBeNull();
    expect(downloadDisposition("image/png", "plán.png")).toBe(`inline; filename="pl?n.png"; filename*=UTF-8''pl%C3%A1n.png`);
    expect(downloadDisposition("image/png")).toBe("inline");
  });

  it("reports a missing object as null and removes objects", async () => {
    await storage.write("tmp/x.txt", Buffer.from("x"), "text/plain");
    await storage.remove("tmp/x.txt");
    expect(await storage.head("tmp/x.txt")).toBeNull();
  });
});

describe("downloads through the files host", () => {
  // A stand-in for the files host of infra/k8s/base/files.yaml: it forwards path and query with
  // the bucket's Host and adds nosniff to every answer, which S3 itself cannot be told to do.
  async function startFilesHost(bucketEndpoint: string): Promise<{ origin: string; close: () => Promise<void> }> {
    const target = new URL(bucketEndpoint);
    const server = createServer((req, res) => {
      const forwarded = request(
        { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, { ...answer.headers, "x-content-type-options": "nosniff" });
          answer.pipe(res);
        },
      );
      forwarded.on("error", () => res.writeHead(502).end());
      req.pipe(forwarded);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  it("addresses presigned downloads to S3_DOWNLOAD_ORIGIN, whose answer carries nosniff and the same bytes", async () => {
    const front = await startFilesHost(s3.endpoint);
    try {
      const fronted = createObjectStorage({
        endpoint: s3.endpoint,
        downloadOrigin: front.origin,
        region: "eu-central-1",
        bucket: s3.bucket,
        accessKeyId: "S3RVER",
        secretAccessKey: "S3RVER",
      });
      await fronted.write("org/a/report.pdf", Buffer.from("%PDF-1.4\n%%EOF\n"), "application/pdf");
      const url = await fronted.presignDownload("org/a/report.pdf", { contentType: "application/pdf", fileName: "report.pdf" });
      expect(new URL(url).origin).toBe(front.origin);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-disposition")).toContain("attachment");
      expect(await res.text()).toBe("%PDF-1.4\n%%EOF\n");
    } finally {
      await front.close();
    }
  });
});
