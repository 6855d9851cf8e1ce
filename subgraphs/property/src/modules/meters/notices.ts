// What the notification centre needs to know of a meters event when it turns it into notices: the
// period or reading as it stands now (a unit that submitted since the reminder was written, or a
// reading reviewed again since, needs no notice). Ids, the meter kind, dates and the manager's
// reason only: no values of other units, no names.
import type { MeterKind } from "@ppt/db/client";
import type { Tx } from "@ppt/server-kit";

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export interface ReadingDueNotice {
  periodId: string;
  buildingId: string;
  kind: MeterKind;
  closesOn: string;
  /** Of the units the reminder named, those still without a (not rejected) reading in the period. */
  unitIds: string[];
}

export async function readingDueNotice(tx: Tx, periodId: string, unitIds: readonly string[]): Promise<ReadingDueNotice | null> {
  const period = await tx.meterReadingPeriod.findUnique({ where: { id: periodId } });
  if (!period || period.closedAt || unitIds.length === 0) return null;
  const missing = await tx.meter.findMany({
    where: {
      buildingId: period.buildingId,
      kind: period.kind,
      removedAt: null,
      unitId: { in: [...unitIds] },
      readings: { none: { periodId: period.id, status: { not: "REJECTED" } } },
    },
    select: { unitId: true },
  });
  const still = [...new Set(missing.map((m) => m.unitId!))];
  return still.length ? { periodId: period.id, buildingId: period.buildingId, kind: period.kind, closesOn: isoDay(period.closesOn), unitIds: still } : null;
}

export interface ReadingReviewNotice {
  id: string;
  meterId: string;
  unitId: string | null;
  kind: MeterKind;
  submittedById: string | null;
  status: "VERIFIED" | "REJECTED" | "OTHER";
  readOn: string;
  reviewNote: string | null;
}

export async function readingReviewNotice(tx: Tx, readingId: string): Promise<ReadingReviewNotice | null> {
  const row = await tx.meterReading.findUnique({
    where: { id: readingId },
    select: {
      id: true,
      meterId: true,
      submittedById: true,
      status: true,
      readAt: true,
      reviewNote: true,
      meter: { select: { unitId: true, kind: true } },
    },
  });
  if (!row) return null;
  return {
    id: row.id,
    meterId: row.meterId,
    unitId: row.meter.unitId,
    kind: row.meter.kind,
    submittedById: row.submittedById,
    status: row.status === "VERIFIED" || row.status === "REJECTED" ? row.status : "OTHER",
    readOn: isoDay(row.readAt),
    reviewNote: row.reviewNote,
  };
}
