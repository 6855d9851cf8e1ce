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
