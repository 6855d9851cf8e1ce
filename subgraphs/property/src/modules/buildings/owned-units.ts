// The units a person owns today, with their buildings: what other modules key access on (the
// financial module shows a person the money of the units they own).
import type { Tx } from "@ppt/server-kit";

export interface OwnedUnitRow {
  userId: string;
  unitId: string;
  buildingId: string;
}

/** Current ownerships (validTo inclusive) of the given users, in one statement; archived units own nobody. */
export async function loadOwnedUnits(tx: Tx, userIds: readonly string[]): Promise<OwnedUnitRow[]> {
  const rows = await tx.$queryRaw<{ user_id: string; unit_id: string; building_id: string }[]>`
    SELECT DISTINCT o.user_id::text, u.id::text AS unit_id, u.building_id::text
    FROM property.unit_ownerships o
    JOIN property.units u ON u.id = o.unit_id AND u.archived_at IS NULL
    WHERE o.user_id = ANY (${[...userIds]}::uuid[]) AND o.valid_from <= current_date AND (o.valid_to IS NULL OR o.valid_to >= current_date)`;
  return rows.map((r) => ({ userId: r.user_id, unitId: r.unit_id, buildingId: r.building_id }));
}
