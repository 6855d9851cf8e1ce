// Where other modules' rows may point: a building of the organization, and optionally one of its
// entrances or units. One rule for every module (faults, announcements, documents): an archived
// building takes nothing new and reads as NOT_FOUND, like a building of another tenant.
import { AppError, type Tx } from "@ppt/server-kit";

export interface Place {
  buildingId: string;
  entranceId?: string | null;
  unitId?: string | null;
}

/** Checks the place inside the caller's write transaction (RLS: another tenant's rows are absent). */
export async function requirePlace(tx: Tx, place: Place): Promise<void> {
  const building = await tx.building.findUnique({ where: { id: place.buildingId }, select: { archivedAt: true } });
  if (!building || building.archivedAt) throw AppError.notFound("Building");
  if (place.unitId) {
    const unit = await tx.unit.findUnique({ where: { id: place.unitId }, select: { buildingId: true } });
    if (!unit || unit.buildingId !== place.buildingId) throw AppError.badInput("The unit is not in this building", { field: "input.unitId" });
  }
  if (place.entranceId) {
    const entrance = await tx.entrance.findUnique({ where: { id: place.entranceId }, select: { buildingId: true } });
    if (!entrance || entrance.buildingId !== place.buildingId) throw AppError.badInput("The entrance is not in this building", { field: "input.entranceId" });
  }
}
