// The tables this module owns: only this module's code names them (Prisma delegate or SQL).
export const ownedTables = [
  "property.financial_accounts",
  "property.invoices",
  "property.invoice_items",
  "property.payments",
  "property.financial_transactions",
  "property.ledger_postings",
  "property.advance_payment_rules",
] as const;
