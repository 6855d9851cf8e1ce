// The tables this module owns: only this module's code names them (Prisma delegate or SQL).
export const ownedTables = [
  "reality.portal_users",
  "reality.portal_sessions",
  "reality.portal_social_accounts",
  "reality.portal_one_time_tokens",
  "reality.portal_oidc_logins",
] as const;
