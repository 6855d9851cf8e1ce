// What the uploader of a confirmed file still holds, turned into attacks: the presigned PUT URL
// it was given (replayed with the original bytes, with HTML under another type, with another
// length), and what a download of the file then serves. Every upload kind's suite runs these.
import { createHash } from "node:crypto";

export interface Served {
  status: number;
  sha256: string;
  contentType: string | null;
  contentDisposition: string | null;
}

export function sha256(body: Buffer): string {
  return createHash("sha256").update(body).digest("hex");
}

/** What a presigned GET serves: the bytes' hash and the headers a browser acts on. */
export async function served(url: string): Promise<Served> {
  const res = await fetch(url);
  const body = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    sha256: sha256(body),
    contentType: res.headers.get("content-type"),
    contentDisposition: res.headers.get("content-disposition"),
  };
}

const script = "<html><body><script>fetch('/steal?c='+document.cookie)</script></body></html>";
/** 4 KB of HTML (what replaced a confirmed 45-byte PDF). */
export const htmlPage = Buffer.from(script.padEnd(4096, " "));
/** 3 MB of HTML (what was served as text/html). */
export const bigHtmlPage = Buffer.from(script.padEnd(3 * 1024 * 1024, " "));

/**
 * PUTs to a presigned URL everything its holder could send after confirm: the original bytes with
 * the headers it was given, and HTML with the declared type, as text/html, and at another
 * length. Returns the statuses (the storage may accept some: only the served file matters).
 */
export async function replayUploadUrl(url: string, headers: Record<string, string>, original: Buffer): Promise<number[]> {
  const declaredType = headers["Content-Type"] ?? headers["content-type"] ?? "application/octet-stream";
  const attempts: { headers: Record<string, string>; body: Buffer }[] = [
    { headers, body: original },
    { headers: { "Content-Type": declaredType }, body: original },
    { headers: { "Content-Type": declaredType }, body: htmlPage },
    { headers: { "Content-Type": "text/html" }, body: htmlPage },
    { headers: { "Content-Type": "text/html" }, body: bigHtmlPage },
  ];
  const statuses: number[] = [];
  for (const attempt of attempts) {
    const res = await fetch(url, { method: "PUT", headers: attempt.headers, body: attempt.body });
    await res.arrayBuffer();
    statuses.push(res.status);
  }
  return statuses;
}

export interface Ticket {
  uploadId: string;
  url: string;
  headers: Record<string, string>;
}

interface Queries {
  query(query: string, variables?: Record<string, unknown>, token?: string): Promise<any>;
}

/** A property upload (requestUpload + PUT with the headers it was given), not yet confirmed. */
export async function propertyUpload(
  stack: Queries,
  token: string,
  input: { purpose: string; fileName: string; contentType: string },
  body: Buffer,
): Promise<Ticket> {
  const requested = await stack.query(
    `mutation ($input: RequestUploadInput!) { requestUpload(input: $input) { uploadId url headers { name value } } }`,
    { input: { ...input, size: body.length } },
    token,
  );
  if (requested.errors) throw new Error(JSON.stringify(requested.errors));
  const ticket = requested.data.requestUpload as { uploadId: string; url: string; headers: { name: string; value: string }[] };
  const headers = Object.fromEntries(ticket.headers.map((h) => [h.name, h.value]));
  const put = await fetch(ticket.url, { method: "PUT", headers, body });
  await put.arrayBuffer();
  if (!put.ok) throw new Error(`PUT refused: ${put.status}`);
  return { uploadId: ticket.uploadId, url: ticket.url, headers };
}

export async function confirmPropertyUpload(stack: Queries, token: string, uploadId: string): Promise<any> {
  return stack.query(`mutation ($id: ID!) { confirmUpload(uploadId: $id) { id status } }`, { id: uploadId }, token);
}
