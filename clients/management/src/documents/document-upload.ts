// A document version's file goes straight to object storage: requestUpload (purpose
// DOCUMENT_VERSION) → PUT on the presigned URL with exactly the headers it names → confirmUpload,
// which checks the stored bytes. The confirmed upload's id is what createDocument and
// addDocumentVersion take; the graph never carries the file.
import type { ApolloClient } from "@apollo/client";
import { ConfirmUpload, RequestUpload } from "@ppt/client-shared/operations";

/** The types the API accepts for a document (PDF, Office, OpenDocument, images): the file picker offers these. */
export const DOCUMENT_ACCEPT = [
  "application/pdf",
  ".doc",
  ".docx",
  ".xls",
  ".xlsx",
  ".ppt",
  ".pptx",
  ".odt",
  ".ods",
  "image/jpeg",
  "image/png",
  "image/webp",
].join(",");

/** Uploads one file and returns the confirmed upload's id; throws when the PUT or the confirmation fails. */
export async function uploadDocumentFile(client: ApolloClient, file: File, fetchImpl: typeof fetch = fetch): Promise<string> {
  const { data } = await client.mutate({
    mutation: RequestUpload,
    variables: { input: { purpose: "DOCUMENT_VERSION", fileName: file.name, contentType: file.type || "application/octet-stream", size: file.size } },
  });
  const { url, headers, uploadId } = data!.requestUpload;
  const put = await fetchImpl(url, { method: "PUT", headers: Object.fromEntries(headers.map((h) => [h.name, h.value])), body: file });
  if (!put.ok) throw new Error(`upload answered ${put.status}`);
  await client.mutate({ mutation: ConfirmUpload, variables: { uploadId } });
  return uploadId;
}
