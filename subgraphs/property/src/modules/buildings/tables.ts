// The tables this module owns: only this module's code names them (Prisma delegate or SQL).
export const ownedTables = ["property.buildings", "property.entrances", "property.units", "property.unit_ownerships", "property.unit_occupancies"] as const;
