import { loaderById, loaderByParent } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";

export function createOrganizationLoaders(ctx: PropertyContext) {
  return {
    organization: loaderById((ids) => ctx.db.read((tx) => tx.organization.findMany({ where: { id: { in: ids } } }))),
    /** Role grants in the caller's active organization, by user id. */
    memberRoleGrants: loaderByParent(
      (userIds) =>
        ctx.db.read((tx) =>
          ctx.caller?.organizationId
            ? tx.userRole.findMany({
                where: { organizationId: ctx.caller.organizationId, userId: { in: userIds } },
                select: { userId: true, role: { select: { key: true } } },
                orderBy: { createdAt: "asc" },
              })
            : Promise.resolve([]),
        ),
      (row) => row.userId,
    ),
    /** A person's active memberships with their role keys, by user id (earliest first). */
    activeMembershipsByUser: loaderByParent(
      (userIds) =>
        ctx.db.read(async (tx) => {
          const rows = await tx.organizationMember.findMany({
            where: { userId: { in: userIds }, status: "ACTIVE", organization: { status: "ACTIVE" } },
            orderBy: [{ joinedAt: "asc" }, { id: "asc" }],
            select: { userId: true, organizationId: true, roles: { select: { role: { select: { key: true } } } } },
          });
          return rows.map((r) => ({ userId: r.userId, organizationId: r.organizationId, roles: r.roles.map((x) => x.role.key).sort() }));
        }),
      (row) => row.userId,
    ),
  };
}
