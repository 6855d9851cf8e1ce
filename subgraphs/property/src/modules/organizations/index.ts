// The organizations module's public surface: organizations, memberships, roles, delegations.
import { activeMembershipsOf, membershipRoles } from "./membership.ts";
import { permissionsOf } from "./roles.ts";
import { isOrganizationActive } from "./organization-status.ts";

export { activeDelegation, isDelegationActive, myDelegations } from "./delegations.ts";
export { createOrganizationLoaders } from "./loaders.ts";
export { isActiveMember, loadActiveMembersByEmail, loadMembers, memberById, type MemberView } from "./members.ts";
export { activeMembershipsOf, membershipRoles } from "./membership.ts";
export { organizationResolvers } from "./resolvers.ts";
export { assertMayGrant, organizationRoleKeys, permissionsOf, roleKeys, rolePermissions, syncSystemRoles, type RoleKey } from "./roles.ts";
export { allOrganizationIds, organizationName } from "./service.ts";
export { forEachOrganization } from "./every-organization.ts";

/** What auth asks when it issues tokens (see auth's MembershipDirectory). */
export const membershipDirectory = { activeMembershipsOf, membershipRoles, permissionsOf, isOrganizationActive };
export { activeMemberIdsOf, staffIdsOf } from "./audience.ts";
