// The organizations module's part of the one-query session check (auth's standingCallers): SQL
// conditions over this module's tables, so the check stays one indexed query per request while
// only this module names identity.organization_members and platform.organizations.
import { Prisma } from "@ppt/db/client";
import type { Tx } from "@ppt/server-kit";

/** True when `userId` is an ACTIVE member of the ACTIVE organization `organizationId` (SQL expressions). */
export function activeMembershipSql(userId: Prisma.Sql, organizationId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM identity.organization_members m JOIN platform.organizations o ON o.id = m.organization_id
    WHERE m.user_id = ${userId} AND m.organization_id = ${organizationId} AND m.status = 'ACTIVE' AND o.status = 'ACTIVE')`;
}

/** True when the organization `organizationId` (an SQL expression) is ACTIVE. */
export function activeOrganizationSql(organizationId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM platform.organizations o WHERE o.id = ${organizationId} AND o.status = 'ACTIVE')`;
}

/** Whether the organization exists and is ACTIVE (partner sign-in). */
export async function isOrganizationActive(tx: Tx, organizationId: string): Promise<boolean> {
  const organization = await tx.organization.findUnique({ where: { id: organizationId }, select: { status: true } });
  return organization?.status === "ACTIVE";
}
