// A document version's file goes straight to object storage: requestUpload (purpose
// DOCUMENT_VERSION) → PUT on the presigned URL with exactly the headers it names → confirmUpload,
// which checks the stored bytes. The confirmed upload's id is what createDocument and
// addDocumentVersion take; the graph never carries the file.
import type { ApolloClient } from "@apollo/client";
import { uploadFile } from "@ppt/client-shared/upload";

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

/** Uploads one file and returns the confirmed upload's id; throws UploadFailed when the PUT fails. */
export function uploadDocumentFile(client: ApolloClient, file: File, fetchImpl: typeof fetch = fetch): Promise<string> {
  return uploadFile(client, "DOCUMENT_VERSION", file, { fileName: file.name, contentType: file.type || "application/octet-stream" }, fetchImpl);
}
