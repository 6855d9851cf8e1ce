// A set-based fast path for other modules (the financial module opens accounts and issues a month
// for a whole organization): every active unit and every building of the organization, in one
// statement each.
import type { Tx } from "@ppt/server-kit";

export interface OrganizationUnit {
  id: string;
  buildingId: string;
  designation: string;
}

export async function activeUnitsOf(tx: Tx, organizationId: string): Promise<OrganizationUnit[]> {
  return tx.unit.findMany({
    where: { organizationId, archivedAt: null },
    select: { id: true, buildingId: true, designation: true },
    orderBy: [{ buildingId: "asc" }, { designation: "asc" }, { id: "asc" }],
  });
}

export async function buildingIdsOf(tx: Tx, organizationId: string): Promise<string[]> {
  return (await tx.building.findMany({ where: { organizationId }, select: { id: true } })).map((b) => b.id);
}

export interface BuildingUnitWeights {
  id: string;
  designation: string;
  shareNumerator: number;
  shareDenominator: number;
  /** m² with two decimals, null when not recorded. */
  floorArea: string | null;
}

/** The active units of a building with what costs are split by (share, floor area), in one statement. */
export async function unitWeightsOfBuilding(tx: Tx, buildingId: string): Promise<BuildingUnitWeights[]> {
  const units = await tx.unit.findMany({
    where: { buildingId, archivedAt: null },
    select: { id: true, designation: true, shareNumerator: true, shareDenominator: true, sizeSqm: true },
    orderBy: [{ designation: "asc" }, { id: "asc" }],
  });
  return units.map((u) => ({
    id: u.id,
    designation: u.designation,
    shareNumerator: u.shareNumerator,
    shareDenominator: u.shareDenominator,
    floorArea: u.sizeSqm === null ? null : u.sizeSqm.toFixed(2),
  }));
}
