// The outbox: what the person did while offline (a fault report first), kept on the device and
// sent when the connection returns. Every entry is sent with its own idempotency key (its id,
// made when the person pressed "send"), so a resend after a lost answer, a crash or two flushes
// racing on two devices gives back the first result and never a second fault.
import { CombinedGraphQLErrors, type ApolloClient } from "@apollo/client";
import { ConfirmUpload, MyFaults, ReportFault, RequestUpload, type ReportFaultInput } from "@ppt/client-shared/operations";
import { readJson, writeJson } from "../storage.ts";

const KEY = "ppt.outbox";

export interface PendingPhoto {
  /** A data: URL, so the photo survives a restart of the app on every platform. */
  dataUrl: string;
  fileName: string;
  contentType: string;
  /** Set once the photo is stored and confirmed, so a resend does not upload it again. */
  uploadId?: string;
}

export interface OutboxEntry {
  /** Also the idempotency key the API is sent. */
  id: string;
  kind: "reportFault";
  createdAt: string;
  input: ReportFaultInput;
  photo?: PendingPhoto;
  /** The server refused it (a rule, not the network): shown to the person, who may discard it. */
  refusedWith?: string;
}

/** A fresh idempotency key (RFC 4122 v4 from the platform's random source). */
export function newKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function refusalCode(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const code = error.errors[0]?.extensions?.code;
  return typeof code === "string" ? code : "REFUSED";
}

export class Outbox {
  private entries: OutboxEntry[] = [];
  private flushing: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly client: ApolloClient) {}

  async load(): Promise<void> {
    this.entries = (await readJson<OutboxEntry[]>(KEY)) ?? [];
    this.changed();
  }

  list(): readonly OutboxEntry[] {
    return this.entries;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues a fault report; it is sent now when online, else when the connection returns. */
  async reportFault(input: ReportFaultInput, photo?: PendingPhoto): Promise<OutboxEntry> {
    const entry: OutboxEntry = { id: newKey(), kind: "reportFault", createdAt: new Date().toISOString(), input, ...(photo ? { photo } : {}) };
    this.entries = [...this.entries, entry];
    await this.save();
    return entry;
  }

  async discard(id: string): Promise<void> {
    this.entries = this.entries.filter((e) => e.id !== id);
    await this.save();
  }

  /** Sends what waits, oldest first; one flush at a time. A network failure stops it until the next call. */
  flush(): Promise<void> {
    this.flushing ??= this.sendAll().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async sendAll(): Promise<void> {
    for (const entry of [...this.entries]) {
      if (entry.refusedWith) continue;
      try {
        await this.send(entry);
        this.entries = this.entries.filter((e) => e.id !== entry.id);
      } catch (error) {
        const code = refusalCode(error);
        if (!code) return; // offline or the server unreachable: keep it, and what follows, for later
        this.entries = this.entries.map((e) => (e.id === entry.id ? { ...e, refusedWith: code } : e));
      } finally {
        await this.save();
      }
    }
  }

  private async send(entry: OutboxEntry): Promise<void> {
    const attachmentUploadIds = entry.photo ? [await this.upload(entry)] : [];
    await this.client.mutate({
      mutation: ReportFault,
      variables: { input: { ...entry.input, ...(attachmentUploadIds.length ? { attachmentUploadIds } : {}) }, idempotencyKey: entry.id },
      refetchQueries: [MyFaults],
    });
  }

  /** The presigned upload the web app makes: ask for a ticket, PUT the bytes, confirm. */
  private async upload(entry: OutboxEntry): Promise<string> {
    const photo = entry.photo!;
    if (photo.uploadId) return photo.uploadId;
    const bytes = await (await fetch(photo.dataUrl)).blob();
    const { data } = await this.client.mutate({
      mutation: RequestUpload,
      variables: { input: { purpose: "FAULT_ATTACHMENT", fileName: photo.fileName, contentType: photo.contentType, size: bytes.size } },
    });
    const ticket = data!.requestUpload;
    const put = await fetch(ticket.url, { method: "PUT", headers: Object.fromEntries(ticket.headers.map((h) => [h.name, h.value])), body: bytes });
    if (!put.ok) throw new Error(`upload failed with ${put.status}`);
    await this.client.mutate({ mutation: ConfirmUpload, variables: { uploadId: ticket.uploadId } });
    photo.uploadId = ticket.uploadId;
    await this.save();
    return ticket.uploadId;
  }

  private async save(): Promise<void> {
    await writeJson(KEY, this.entries);
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
