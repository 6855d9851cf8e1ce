// The tables this module owns: only this module's code names them (Prisma delegate or SQL).
export const ownedTables = [
  "property.meters",
  "property.meter_readings",
  "property.meter_reading_periods",
  "property.meter_kind_rules",
  "property.person_months",
] as const;
