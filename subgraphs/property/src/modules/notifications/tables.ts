// The tables this module owns: only this module's code names them (Prisma delegate or SQL).
export const ownedTables = [
  "property.notifications",
  "property.notification_preferences",
  "property.notification_settings",
  "property.device_tokens",
  "platform.held_deliveries",
] as const;
