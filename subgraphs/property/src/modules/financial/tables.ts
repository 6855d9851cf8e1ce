// The tables this module owns: only this module's code names them (Prisma delegate or SQL).
export const ownedTables = [
  "property.financial_accounts",
  "property.invoices",
  "property.invoice_items",
  "property.payments",
  "property.financial_transactions",
  "property.ledger_postings",
  "property.advance_payment_rules",
  "property.building_costs",
  "property.building_cost_shares",
  "property.annual_settlements",
  "property.annual_settlement_units",
  "property.financial_budgets",
] as const;
