// A resident's meter reading, with an optional photo of the display: the photo goes straight to
// object storage on a presigned PUT (requestUpload → PUT → confirmUpload) and the reading names the
// confirmed upload. The form keeps one idempotency key and the confirmed upload across retries, so a
// retried submit stores one reading (a second upload would make the resend another reading: CONFLICT).
import type { ApolloClient } from "@apollo/client";
import { SubmitMeterReading } from "@ppt/client-shared/operations";
import { uploadFile } from "@ppt/client-shared/upload";

export interface ReadingDraft {
  meterId: string;
  /** As typed: "123,456" or "123.456". */
  value: string;
  note: string;
  /** The register wrapped past its maximum since the last reading. */
  rollover: boolean;
  photo: Blob | null;
}

/** What one form remembers between attempts: its key, and the photo once it is stored. */
export interface ReadingAttempt {
  idempotencyKey: string;
  photo?: { blob: Blob; uploadId: string };
}

const VALUE = /^\d{1,12}(?:\.\d{1,3})?$/;

export function readingValue(typed: string): string | null {
  const value = typed.trim().replace(/\s/g, "").replace(",", ".");
  return VALUE.test(value) ? value : null;
}

function uploadPhoto(client: ApolloClient, photo: Blob): Promise<string> {
  return uploadFile(client, "METER_READING_PHOTO", photo, {
    fileName: photo instanceof File ? photo.name : "meter.jpg",
    contentType: photo.type || "image/jpeg",
  });
}

/** Sends the reading (uploading its photo first, once per attempt object); the unit's meters are read again. */
export async function submitReading(client: ApolloClient, draft: ReadingDraft, attempt: ReadingAttempt) {
  const value = readingValue(draft.value);
  if (value === null) return { problem: "value" as const };
  let photoUploadId: string | null = null;
  if (draft.photo) {
    if (attempt.photo?.blob !== draft.photo) attempt.photo = { blob: draft.photo, uploadId: await uploadPhoto(client, draft.photo) };
    photoUploadId = attempt.photo.uploadId;
  }
  const { data } = await client.mutate({
    mutation: SubmitMeterReading,
    variables: {
      input: { meterId: draft.meterId, value, photoUploadId, note: draft.note.trim() || null, rollover: draft.rollover || null },
      idempotencyKey: attempt.idempotencyKey,
    },
    refetchQueries: ["UnitMeters"],
  });
  return { reading: data!.submitMeterReading };
}
