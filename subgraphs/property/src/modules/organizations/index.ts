// The organizations module's public surface for other modules (and the tests' token helpers).
export { assertMayGrant, organizationRoleKeys, permissionsOf, roleKeys, rolePermissions, type RoleKey } from "./roles.ts";
