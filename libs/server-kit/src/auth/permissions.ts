// Roles and their permissions, declared once. Services check permissions, never role names;
// the access-control tests read this same table.
export const permissions = [
  "organization:read",
  "organization:manage",
  "users:read",
  "users:manage",
  "roles:manage",
  "buildings:read",
  "buildings:write",
  "faults:read",
  "faults:write",
  "faults:assign",
  "faults:delete",
  "announcements:read",
  "announcements:write",
  "documents:read",
  "documents:write",
  "documents:delete",
  "votes:read",
  "votes:write",
  "votes:cast",
  "messages:read",
  "messages:write",
  // Staff moderation of conversations they are not part of (add/remove participants).
  "messages:manage",
  "financial:read",
  "financial:write",
  "meters:read",
  "meters:write",
  "rentals:read",
  "rentals:write",
  "reports:read",
  "audit:read",
  "api-clients:manage",
  // Publishing the organization's units as Reality Portal listings (reality subgraph).
  "listings:publish",
] as const;

export type Permission = (typeof permissions)[number];

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
  "meters:read",
  "meters:write",
];

export const rolePermissions: Record<RoleKey, readonly Permission[]> = {
  super_admin: permissions,
  org_admin: permissions,
  manager: permissions.filter((p) => !["organization:manage", "roles:manage", "api-clients:manage"].includes(p)),
  contractor: ["organization:read", "buildings:read", "faults:read", "faults:write", "messages:read", "messages:write"],
  owner: [...residentPermissions, "votes:read", "votes:cast", "financial:read"],
  tenant: [...residentPermissions, "votes:read"],
  guest: ["organization:read", "announcements:read"],
};

export function permissionsOf(roles: readonly string[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) for (const p of rolePermissions[role as RoleKey] ?? []) granted.add(p);
  return [...granted].sort();
}
