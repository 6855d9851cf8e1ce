// The tables this module owns: only this module's code names them (Prisma delegate or SQL).
export const ownedTables = [
  "platform.organizations",
  "identity.organization_members",
  "identity.roles",
  "identity.user_roles",
  "identity.invitations",
  "identity.delegations",
] as const;
