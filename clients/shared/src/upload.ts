// Files go straight to object storage, never through the graph: requestUpload names a presigned
// URL and the exact headers to PUT with, confirmUpload has the API check the stored bytes, and the
// confirmed upload's id is what a report, a document version or a meter reading then names.
import type { ApolloClient } from "@apollo/client";
import { ConfirmUpload, RequestUpload, type UploadPurpose } from "./operations/index.ts";

/** The storage refused the bytes (the PUT's status): the person may try again. */
export class UploadFailed extends Error {
  constructor(readonly status: number) {
    super(`The upload answered ${status}`);
  }
}

/** Stores one file for `purpose` and returns the confirmed upload's id. */
export async function uploadFile(
  client: ApolloClient,
  purpose: UploadPurpose,
  file: Blob,
  { fileName, contentType }: { fileName: string; contentType: string },
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  const { data } = await client.mutate({ mutation: RequestUpload, variables: { input: { purpose, fileName, contentType, size: file.size } } });
  const { url, headers, uploadId } = data!.requestUpload;
  const put = await fetchImpl(url, { method: "PUT", headers: Object.fromEntries(headers.map((h) => [h.name, h.value])), body: file });
  if (!put.ok) throw new UploadFailed(put.status);
  await client.mutate({ mutation: ConfirmUpload, variables: { uploadId } });
  return uploadId;
}
