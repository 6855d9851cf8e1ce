// Who a notice about a building (or one entrance of it) reaches: its residents today — current
// owners and occupants of its units that are not archived — in one statement.
import type { Tx } from "@ppt/server-kit";

export async function residentIdsOf(tx: Tx, place: { buildingId: string; entranceId?: string | null }): Promise<string[]> {
  const rows = await tx.$queryRaw<{ user_id: string }[]>`
    SELECT DISTINCT p.user_id
    FROM (
      SELECT user_id, unit_id FROM property.unit_ownerships
      WHERE valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date)
      UNION
      SELECT user_id, unit_id FROM property.unit_occupancies
      WHERE valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date)
    ) p
    JOIN property.units u ON u.id = p.unit_id AND u.archived_at IS NULL
    WHERE u.building_id = ${place.buildingId}::uuid
      AND (${place.entranceId ?? null}::uuid IS NULL OR u.entrance_id = ${place.entranceId ?? null}::uuid)`;
  return rows.map((r) => r.user_id);
}
