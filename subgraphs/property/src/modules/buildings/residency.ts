// Who lives where: the units a caller owns or occupies today, and so the buildings and
// entrances they belong to. Residents (owners, tenants) see only those; callers whose read
// reaches the whole organization (staff, partner clients: see the kit's read-scope.ts) see every
// building. "Staff" is a permission (buildings:write), never a role name.
import { readsWholeOrganization, type Caller } from "@ppt/server-kit";
import type { Tx } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";

export interface ResidencyRow {
  userId: string;
  unitId: string;
  buildingId: string;
  entranceId: string | null;
}

export interface Residency {
  unitIds: ReadonlySet<string>;
  buildingIds: ReadonlySet<string>;
  entranceIds: ReadonlySet<string>;
}

export function isBuildingStaff(caller: Caller | null): boolean {
  return caller?.permissions.has("buildings:write") ?? false;
}

/**
 * Current ownerships and occupancies of the given users (validTo inclusive), in one statement.
 * Archived units no longer make anyone a resident.
 */
export async function loadResidency(tx: Tx, userIds: string[]): Promise<ResidencyRow[]> {
  const rows = await tx.$queryRaw<{ user_id: string; unit_id: string; building_id: string; entrance_id: string | null }[]>`
    SELECT p.user_id, u.id AS unit_id, u.building_id, u.entrance_id
    FROM (
      SELECT user_id, unit_id FROM property.unit_ownerships
      WHERE user_id = ANY (${userIds}::uuid[]) AND valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date)
      UNION
      SELECT user_id, unit_id FROM property.unit_occupancies
      WHERE user_id = ANY (${userIds}::uuid[]) AND valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date)
    ) p
    JOIN property.units u ON u.id = p.unit_id AND u.archived_at IS NULL`;
  return rows.map((r) => ({ userId: r.user_id, unitId: r.unit_id, buildingId: r.building_id, entranceId: r.entrance_id }));
}

/** The caller's residency (loaded once per request through the residency loader). */
export async function residencyOf(ctx: PropertyContext): Promise<Residency> {
  const rows = ctx.caller ? await ctx.loaders.residency.load(ctx.caller.userId) : [];
  return {
    unitIds: new Set(rows.map((r) => r.unitId)),
    buildingIds: new Set(rows.map((r) => r.buildingId)),
    entranceIds: new Set(rows.flatMap((r) => (r.entranceId ? [r.entranceId] : []))),
  };
}

/** Building ids the caller may see, or null when the caller reads every building of the organization. */
export async function visibleBuildingIds(ctx: PropertyContext): Promise<string[] | null> {
  if (readsWholeOrganization(ctx.caller, "buildings")) return null;
  return [...(await residencyOf(ctx)).buildingIds];
}
