// Roles: `rolePermissions` below is the one source of what each role may do; identity.roles holds
// its projection (one global row per role, rewritten at every start: the seed writes only the
// rows) so memberships can reference roles by id.
// A caller may grant only a role whose permissions they hold themselves: no one can hand out
// more than they have.
import { AppError, permissions, type Caller, type Permission, type PrismaClient, type Tx } from "@ppt/server-kit";

export const roleKeys = ["super_admin", "org_admin", "manager", "contractor", "owner", "tenant", "guest"] as const;
export type RoleKey = (typeof roleKeys)[number];

const residentPermissions: Permission[] = [
  "organization:read",
  "buildings:read",
  "faults:read",
  "faults:write",
  "announcements:read",
  "documents:read",
  "messages:read",
  "messages:write",
  // A resident's meters are those of the units they own or rent (meters module); meters:manage is staff's.
  "meters:read",
  "meters:write",
];

export const rolePermissions: Record<RoleKey, readonly Permission[]> = {
  super_admin: permissions,
  org_admin: permissions,
  manager: permissions.filter((p) => !["organization:manage", "roles:manage", "api-clients:manage"].includes(p)),
  contractor: ["organization:read", "buildings:read", "faults:read", "faults:write", "messages:read", "messages:write"],
  // An owner may run short-term rentals of their own units (rentals module: their units only, never a neighbour's).
  owner: [...residentPermissions, "votes:read", "votes:cast", "financial:read", "rentals:read", "rentals:write"],
  // financial:read reaches only the units a person owns (financial/reach.ts): the association bills
  // the owner, so a tenant who owns nothing sees none of their unit's money (deny by default).
  tenant: [...residentPermissions, "votes:read", "financial:read"],
  guest: ["organization:read", "announcements:read"],
};

export function permissionsOf(roles: readonly string[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) for (const p of rolePermissions[role as RoleKey] ?? []) granted.add(p);
  return [...granted].sort();
}

const ROLE_NAMES: Record<RoleKey, string> = {
  super_admin: "Super administrator",
  org_admin: "Organization administrator",
  manager: "Property manager",
  contractor: "Contractor",
  owner: "Owner",
  tenant: "Tenant",
  guest: "Guest",
};

/** Roles an organization may grant (super_admin is the platform's, never an organization's). */
export const organizationRoleKeys = roleKeys.filter((key) => key !== "super_admin");

export interface RoleView {
  key: string;
  name: string;
  permissions: readonly string[];
}

export function systemRoles(): RoleView[] {
  return organizationRoleKeys.map((key) => ({ key, name: ROLE_NAMES[key], permissions: rolePermissions[key] }));
}

/** Idempotent and race-free across replicas starting together. */
export async function syncSystemRoles(prisma: PrismaClient): Promise<void> {
  for (const key of roleKeys) {
    await prisma.$executeRaw`
      INSERT INTO identity.roles (key, name, permissions, is_system, updated_at)
      VALUES (${key}, ${ROLE_NAMES[key]}, ${[...rolePermissions[key]]}::text[], true, now())
      ON CONFLICT (key) WHERE organization_id IS NULL
      DO UPDATE SET name = EXCLUDED.name, permissions = EXCLUDED.permissions, is_system = true, updated_at = now()`;
  }
}

export function assertRoleKey(role: string): asserts role is RoleKey {
  if (!(organizationRoleKeys as readonly string[]).includes(role)) throw AppError.badInput(`Unknown role ${role}`, { field: "role" });
}

/** The caller holds every permission of the roles (so may grant, revoke or remove them). */
export function assertMayGrant(caller: Caller, roles: readonly string[]): void {
  const missing = permissionsOf(roles).filter((p) => !caller.permissions.has(p));
  if (missing.length) throw AppError.forbidden(`Granting ${roles.join(", ")} needs permissions you do not have`);
}

export async function globalRoleId(tx: Tx, key: RoleKey): Promise<string> {
  const role = await tx.role.findFirst({ where: { key, organizationId: null }, select: { id: true } });
  if (!role) throw new Error(`System role ${key} is missing (syncSystemRoles runs at start)`);
  return role.id;
}
