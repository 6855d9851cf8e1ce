// A real S3-compatible server (s3rver) on a free loopback port, for tests.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";

export interface TestS3 {
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

// Browsers PUT to the presigned URL from the app's origin (a fault's photo), as to a real bucket
// whose CORS rules allow the app: a preflight must be answered.
const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>`;

export async function startTestS3(bucket = "ppt-test"): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), "ppt-s3-"));
  const server = new S3rver({ port: 0, address: "127.0.0.1", directory, silent: true, configureBuckets: [{ name: bucket, configs: [CORS] }] });
  const address = (await server.run()) as unknown as { port: number };
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
