// The compose form's state and what it sends: kept apart from the form so the rules (audience,
// draft / now / scheduled, expiry after publication) are checked without a browser.
import type { CreateAnnouncementInput } from "../generated/graphql.ts";

export type PublishMode = "draft" | "now" | "schedule";

export interface AnnouncementDraft {
  title: string;
  body: string;
  /** "" for the whole organization. */
  buildingId: string;
  /** "" for the whole building. */
  entranceId: string;
  pinned: boolean;
  commentsEnabled: boolean;
  mode: PublishMode;
  /** A datetime-local value (the reader's local time), "" when not scheduled. */
  publishAt: string;
  /** A datetime-local value, "" for never. */
  expiresAt: string;
}

export const emptyAnnouncementDraft = (): AnnouncementDraft => ({
  title: "",
  body: "",
  buildingId: "",
  entranceId: "",
  pinned: false,
  commentsEnabled: true,
  mode: "draft",
  publishAt: "",
  expiresAt: "",
});

export type DraftProblem = "required" | "publishAtMissing" | "publishAtPast" | "expiresBeforePublish";

/** A datetime-local value as an ISO instant (the browser reads it in the reader's time zone). */
const instant = (local: string): string | null => (local ? new Date(local).toISOString() : null);

/** The mutation's input, or the first problem a reader must fix first. */
export function createAnnouncementInput(draft: AnnouncementDraft, now: Date = new Date()): { input: CreateAnnouncementInput } | { problem: DraftProblem } {
  const title = draft.title.trim();
  const body = draft.body.trim();
  if (!title || !body) return { problem: "required" };
  const publishAt = draft.mode === "schedule" ? instant(draft.publishAt) : null;
  if (draft.mode === "schedule" && !publishAt) return { problem: "publishAtMissing" };
  if (publishAt && new Date(publishAt) <= now) return { problem: "publishAtPast" };
  const expiresAt = instant(draft.expiresAt);
  const publishedFrom = publishAt ? new Date(publishAt) : now;
  if (expiresAt && draft.mode !== "draft" && new Date(expiresAt) <= publishedFrom) return { problem: "expiresBeforePublish" };
  return {
    input: {
      title,
      body,
      buildingId: draft.buildingId || null,
      entranceId: draft.buildingId && draft.entranceId ? draft.entranceId : null,
      pinned: draft.pinned,
      commentsEnabled: draft.commentsEnabled,
      publish: draft.mode === "now",
      publishAt,
      expiresAt,
    },
  };
}

/** An ISO instant as a datetime-local value in the reader's time zone (for editing). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
