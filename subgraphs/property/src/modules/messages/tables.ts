// The tables this module owns: only this module's code names them (Prisma delegate or SQL).
export const ownedTables = ["property.conversations", "property.conversation_participants", "property.messages", "property.message_attachments"] as const;
