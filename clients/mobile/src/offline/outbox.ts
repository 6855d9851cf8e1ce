// The outbox: what the person did while offline (a fault report, a message, a meter reading), kept
// on the device and sent when the connection returns. Every entry is sent with its own idempotency
// key (its id, made when the person pressed "send"), so a resend after a lost answer, a crash or
// two flushes racing on two devices gives back the first result and never a second record. Only
// mutations whose API honours such a key are queued (castBallot does not: a ballot needs a connection).
// Each entry belongs to the person (and organization) signed in when it was made: after a sign-out
// it waits on the device, unseen and unsent, until that same person signs in again.
import { CombinedGraphQLErrors, type ApolloClient } from "@apollo/client";
import {
  MyConversations,
  MyFaults,
  MyMeters,
  ReportFault,
  ResidentConversation,
  SendQueuedMessage,
  SubmitQueuedMeterReading,
  type ReportFaultInput,
  type SendMessageInput,
  type SubmitMeterReadingInput,
  type UploadPurpose,
} from "@ppt/client-shared/operations";
import { uploadFile } from "@ppt/client-shared/upload";
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

interface Queued {
  /** Also the idempotency key the API is sent. */
  id: string;
  /** Who made it (SessionStore.owner): only sent, and only shown, while they are signed in. */
  owner: string;
  createdAt: string;
  photo?: PendingPhoto;
  /** The server refused it (a rule, not the network): shown to the person, who may discard it. */
  refusedWith?: string;
}

export type OutboxEntry =
  | (Queued & { kind: "reportFault"; input: ReportFaultInput })
  | (Queued & { kind: "sendMessage"; input: SendMessageInput })
  // readAt is fixed when the person pressed send: it is part of what the key stands for.
  | (Queued & { kind: "submitMeterReading"; input: SubmitMeterReadingInput & { readAt: string }; label: string });

/** One line saying what waits, for the person. */
export function describeEntry(entry: OutboxEntry): string {
  switch (entry.kind) {
    case "reportFault":
      return entry.input.title;
    case "sendMessage":
      return `Message: ${entry.input.body}`;
    case "submitMeterReading":
      return `Reading ${entry.input.value} (${entry.label})`;
  }
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

  private mine: readonly OutboxEntry[] = [];

  constructor(
    private readonly client: ApolloClient,
    /** Who is signed in now (null: nobody). */
    private readonly owner: () => string | null,
  ) {}

  async load(): Promise<void> {
    this.entries = (await readJson<OutboxEntry[]>(KEY)) ?? [];
    this.changed();
  }

  /** The signed-in person's entries (the same array until something changes: a React store snapshot). */
  list(): readonly OutboxEntry[] {
    return this.mine;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues a fault report; it is sent now when online, else when the connection returns. */
  reportFault(input: ReportFaultInput, photo?: PendingPhoto): Promise<OutboxEntry> {
    return this.add({ ...this.stamp(), kind: "reportFault", input, ...(photo ? { photo } : {}) });
  }

  /** Queues a message to a conversation. */
  sendMessage(input: SendMessageInput): Promise<OutboxEntry> {
    return this.add({ ...this.stamp(), kind: "sendMessage", input });
  }

  /** Queues a meter reading taken now; `label` names the meter in the waiting list. */
  submitMeterReading(input: Omit<SubmitMeterReadingInput, "readAt">, label: string, photo?: PendingPhoto): Promise<OutboxEntry> {
    const stamp = this.stamp();
    return this.add({ ...stamp, kind: "submitMeterReading", input: { ...input, readAt: stamp.createdAt }, label, ...(photo ? { photo } : {}) });
  }

  private stamp(): { id: string; owner: string; createdAt: string } {
    const owner = this.owner();
    if (!owner) throw new Error("Sign in to send this");
    return { id: newKey(), owner, createdAt: new Date().toISOString() };
  }

  private async add(entry: OutboxEntry): Promise<OutboxEntry> {
    this.entries = [...this.entries, entry];
    await this.save();
    return entry;
  }

  async discard(id: string): Promise<void> {
    const owner = this.owner();
    this.entries = this.entries.filter((e) => e.id !== id || e.owner !== owner);
    await this.save();
  }

  /** Sends what waits, oldest first; one flush at a time. A network failure stops it until the next call. */
  flush(): Promise<void> {
    this.flushing ??= this.sendAll().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async sendAll(): Promise<void> {
    for (const entry of [...this.entries]) {
      // Asked per entry: a sign-out during a flush stops it before the next entry.
      if (entry.refusedWith || entry.owner !== this.owner()) continue;
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
    const idempotencyKey = entry.id;
    switch (entry.kind) {
      case "reportFault": {
        const attachmentUploadIds = entry.photo ? [await this.upload(entry, "FAULT_ATTACHMENT")] : [];
        await this.client.mutate({
          mutation: ReportFault,
          variables: { input: { ...entry.input, ...(attachmentUploadIds.length ? { attachmentUploadIds } : {}) }, idempotencyKey },
          refetchQueries: [MyFaults],
        });
        return;
      }
      case "sendMessage":
        // The open conversation also hears it live; the refetch covers a screen opened offline.
        await this.client.mutate({
          mutation: SendQueuedMessage,
          variables: { input: entry.input, idempotencyKey },
          refetchQueries: [ResidentConversation, MyConversations],
        });
        return;
      case "submitMeterReading": {
        const photoUploadId = entry.photo ? await this.upload(entry, "METER_READING_PHOTO") : null;
        await this.client.mutate({
          mutation: SubmitQueuedMeterReading,
          variables: { input: { ...entry.input, ...(photoUploadId ? { photoUploadId } : {}) }, idempotencyKey },
          refetchQueries: [MyMeters],
        });
        return;
      }
    }
  }

  /** The presigned upload the web app makes: ask for a ticket, PUT the bytes, confirm. */
  private async upload(entry: OutboxEntry, purpose: UploadPurpose): Promise<string> {
    const photo = entry.photo!;
    if (photo.uploadId) return photo.uploadId;
    const bytes = await (await fetch(photo.dataUrl)).blob();
    photo.uploadId = await uploadFile(this.client, purpose, bytes, photo);
    await this.save();
    return photo.uploadId;
  }

  private async save(): Promise<void> {
    await writeJson(KEY, this.entries);
    this.changed();
  }

  /** Someone signed in or out: show (and send) only the entries of who is signed in now. */
  changed(): void {
    const owner = this.owner();
    this.mine = this.entries.filter((entry) => entry.owner === owner);
    for (const listener of this.listeners) listener();
  }
}
