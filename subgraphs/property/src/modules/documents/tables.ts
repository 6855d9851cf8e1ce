// The tables this module owns: only this module's code names them (Prisma delegate or SQL).
export const ownedTables = [
  "property.document_folders",
  "property.documents",
  "property.document_versions",
  "property.document_shares",
  "property.file_uploads",
] as const;
