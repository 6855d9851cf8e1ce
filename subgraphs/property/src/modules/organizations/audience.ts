// Who organization-wide notices reach: its staff (the roles that manage buildings: a permission,
// never a role name) or every active member.
import type { Tx } from "@ppt/server-kit";
import { rolePermissions, roleKeys } from "./roles.ts";

const staffRoleKeys = roleKeys.filter((key) => key !== "super_admin" && rolePermissions[key].includes("buildings:write"));

export async function staffIdsOf(tx: Tx, organizationId: string): Promise<string[]> {
  const rows = await tx.organizationMember.findMany({
    where: { organizationId, status: "ACTIVE", roles: { some: { role: { key: { in: staffRoleKeys } } } } },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}

export async function activeMemberIdsOf(tx: Tx, organizationId: string): Promise<string[]> {
  const rows = await tx.organizationMember.findMany({ where: { organizationId, status: "ACTIVE" }, select: { userId: true } });
  return rows.map((r) => r.userId);
}
