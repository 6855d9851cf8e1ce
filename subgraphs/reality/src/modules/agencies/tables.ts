// The tables this module owns: only this module's code names them (Prisma delegate or SQL).
export const ownedTables = ["reality.agencies", "reality.agency_realtors", "reality.agency_invitations"] as const;
