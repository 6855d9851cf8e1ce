// Whether an organization is active, for partner sign-in. (Whether a sign-in still stands is the
// SQL function identity.standing_sign_ins, one rule for both subgraphs: see its migration.)
import type { Tx } from "@ppt/server-kit";

/** Whether the organization exists and is ACTIVE (partner sign-in). */
export async function isOrganizationActive(tx: Tx, organizationId: string): Promise<boolean> {
  const organization = await tx.organization.findUnique({ where: { id: organizationId }, select: { status: true } });
  return organization?.status === "ACTIVE";
}
