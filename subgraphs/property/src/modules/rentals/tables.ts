// The tables this module owns: only this module's code names them (Prisma delegate or SQL).
export const ownedTables = [
  "property.reservations",
  "property.guests",
  "property.police_registrations",
  "property.police_reporting_rules",
  "property.accommodation_tax_rules",
  "property.calendar_feeds",
] as const;
