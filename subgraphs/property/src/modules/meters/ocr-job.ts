// The AI worker's first job: a reading submitted with a photo (event meter.reading_submitted or
// meter.reading_flagged with hasPhoto) gets the value read from the photo and its confidence as
// a suggestion beside the person's value (ocr_value, ocr_confidence), for the manager to compare.
// It never touches the value, status or anything a person entered. A photo it cannot read leaves
// the suggestion empty. Runs in the event's organization scope (RLS on); the kit's idempotent
// consumer records the event id, so a redelivered event reads the photo once.
import { Prisma } from "@ppt/db/client";
import type { ObjectStorage, StreamEvent, Tx, WorkerConsumer } from "@ppt/server-kit";
import { readMeterPhoto } from "./ocr.ts";

export const METER_OCR_CONSUMER = "property.meters.ocr";

const PHOTO_EVENTS = new Set(["meter.reading_submitted", "meter.reading_flagged"]);

/** Reads the reading's photo and stores the suggestion; false when there was nothing to read. */
export async function suggestReadingFromPhoto(tx: Tx, storage: ObjectStorage, event: StreamEvent): Promise<boolean> {
  if (!PHOTO_EVENTS.has(event.eventType) || event.payload?.hasPhoto !== true || !event.organizationId) return false;
  await tx.$queryRaw`SELECT set_config('app.current_org', ${event.organizationId}, true), set_config('app.current_user', '', true)`;
  const reading = await tx.meterReading.findUnique({ where: { id: event.aggregateId }, select: { id: true, photoKey: true } });
  if (!reading?.photoKey) return false;
  const photo = await storage.read(reading.photoKey);
  const suggestion = await readMeterPhoto(photo);
  // The photo may have been replaced since the event: the suggestion belongs to the photo it read.
  await tx.meterReading.updateMany({
    where: { id: reading.id, photoKey: reading.photoKey },
    data: { ocrValue: suggestion ? new Prisma.Decimal(suggestion.value) : null, ocrConfidence: suggestion?.confidence ?? null },
  });
  return suggestion !== null;
}

export function meterOcrConsumer(storage: ObjectStorage): WorkerConsumer {
  return { name: METER_OCR_CONSUMER, handle: async (event, tx) => void (await suggestReadingFromPhoto(tx, storage, event)) };
}
