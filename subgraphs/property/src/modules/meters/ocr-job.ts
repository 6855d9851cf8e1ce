// The AI worker's first job: a reading submitted with a photo (event meter.reading_submitted or
// meter.reading_flagged with hasPhoto) gets the value read from the photo and its confidence as
// a suggestion beside the person's value (ocr_value, ocr_confidence), for the manager to compare.
// It never touches the value, status or anything a person entered. A photo it cannot read leaves
// the suggestion empty. Runs in the event's organization scope (RLS on). The photo is read before
// the short transaction that stores the suggestion with the event's processed_events row (OCR
// takes seconds: no transaction stays open for it); a redelivery after that commit reads nothing.
import { Prisma } from "@ppt/db/client";
import { createObjectStorage, runOnce, TenantDb, type BrokerConsumer, type BrokerEvent, type ConsumerDeps, type ObjectStorage } from "@ppt/server-kit";
import { readMeterPhoto } from "./ocr.ts";

export const METER_OCR_CONSUMER = "property.meters.ocr";

const PHOTO_EVENTS = new Set(["meter.reading_submitted", "meter.reading_flagged"]);

/** Reads the reading's photo and stores the suggestion, once per event; false when there was nothing to read. */
export async function suggestReadingFromPhoto(prisma: ConsumerDeps["prisma"], storage: ObjectStorage, event: BrokerEvent): Promise<boolean> {
  const organizationId = event.organizationId;
  if (!PHOTO_EVENTS.has(event.eventType) || event.payload?.hasPhoto !== true || !organizationId) return false;
  const db = new TenantDb(prisma, { organizationId, userId: null });
  try {
    const reading = await db.read((tx) => tx.meterReading.findUnique({ where: { id: event.aggregateId }, select: { id: true, photoKey: true } }));
    await db.close();
    if (!reading?.photoKey) return false;
    const suggestion = await readMeterPhoto(await storage.read(reading.photoKey));
    await db.write((tx) =>
      runOnce(tx, METER_OCR_CONSUMER, event.id, (once) =>
        // The photo may have been replaced since the event: the suggestion belongs to the photo it read.
        once.meterReading.updateMany({
          where: { id: reading.id, photoKey: reading.photoKey },
          data: { ocrValue: suggestion ? new Prisma.Decimal(suggestion.value) : null, ocrConfidence: suggestion?.confidence ?? null },
        }),
      ),
    );
    return suggestion !== null;
  } finally {
    await db.close();
  }
}

export function meterOcrConsumer(deps: Pick<ConsumerDeps, "prisma" | "config">): BrokerConsumer {
  const storage = createObjectStorage(deps.config.s3);
  return {
    name: METER_OCR_CONSUMER,
    patterns: [...PHOTO_EVENTS],
    handle: async (event) => void (await suggestReadingFromPhoto(deps.prisma, storage, event)),
  };
}
