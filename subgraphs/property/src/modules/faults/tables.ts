// The tables this module owns: only this module's code names them (Prisma delegate or SQL).
export const ownedTables = ["property.faults", "property.fault_communications", "property.fault_status_history", "property.fault_attachments"] as const;
