// The tables this module owns: only this module's code names them (Prisma delegate or SQL).
export const ownedTables = [
  "identity.users",
  "identity.sessions",
  "identity.api_clients",
  "identity.one_time_tokens",
  "identity.mfa_recovery_codes",
  "identity.social_accounts",
] as const;
