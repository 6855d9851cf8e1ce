// Who a notice about a building (or one entrance of it) reaches: its residents today — current
// owners and occupants of its units that are not archived — in one statement. And who a notice
// about one unit's own business (its short-term rentals) reaches: its current owners only. And
// who may act for a unit (submit its meter readings): its current owners and occupants.
import { Prisma } from "@ppt/db/client";
import type { Tx } from "@ppt/server-kit";

/** Today's owners and occupants (p) of units (u) that are not archived. */
const peopleOfLiveUnitsToday = Prisma.sql`(
      SELECT user_id, unit_id FROM property.unit_ownerships
      WHERE valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date)
      UNION
      SELECT user_id, unit_id FROM property.unit_occupancies
      WHERE valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date)
    ) p
    JOIN property.units u ON u.id = p.unit_id AND u.archived_at IS NULL`;

export async function residentIdsOf(tx: Tx, place: { buildingId: string; entranceId?: string | null }): Promise<string[]> {
  const rows = await tx.$queryRaw<{ user_id: string }[]>`
    SELECT DISTINCT p.user_id
    FROM ${peopleOfLiveUnitsToday}
    WHERE u.building_id = ${place.buildingId}::uuid
      AND (${place.entranceId ?? null}::uuid IS NULL OR u.entrance_id = ${place.entranceId ?? null}::uuid)`;
  return rows.map((r) => r.user_id);
}

export interface UnitAudience {
  unitId: string;
  designation: string;
  /** Today's owners of the unit (ownership, not occupancy: a tenant is not told the owner's business). */
  ownerIds: string[];
}

/** The unit's designation and today's owners, in one statement; null for a unit not in the tenant's reach. */
export async function unitAudienceOf(tx: Tx, unitId: string): Promise<UnitAudience | null> {
  const rows = await tx.$queryRaw<{ designation: string; owner_ids: string[] | null }[]>`
    SELECT u.designation,
           array_agg(DISTINCT o.user_id::text) FILTER (WHERE o.user_id IS NOT NULL) AS owner_ids
    FROM property.units u
    LEFT JOIN property.unit_ownerships o ON o.unit_id = u.id
      AND o.valid_from <= current_date AND (o.valid_to IS NULL OR o.valid_to >= current_date)
    WHERE u.id = ${unitId}::uuid
    GROUP BY u.id, u.designation`;
  const row = rows[0];
  return row ? { unitId, designation: row.designation, ownerIds: row.owner_ids ?? [] } : null;
}

/** Today's owners and occupants (tenants) of the given units that are not archived, in one statement. */
export async function unitResidentIdsOf(tx: Tx, unitIds: readonly string[]): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows = await tx.$queryRaw<{ user_id: string }[]>`
    SELECT DISTINCT p.user_id
    FROM ${peopleOfLiveUnitsToday}
    WHERE p.unit_id = ANY(${[...unitIds]}::uuid[])`;
  return rows.map((r) => r.user_id);
}
