// The tables this module owns: only this module's code names them (Prisma delegate or SQL).
export const ownedTables = [] as const satisfies readonly string[];
