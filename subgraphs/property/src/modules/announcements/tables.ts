// The tables this module owns: only this module's code names them (Prisma delegate or SQL).
export const ownedTables = ["property.announcements", "property.announcement_comments", "property.announcement_reads"] as const;
