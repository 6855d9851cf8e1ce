-- CreateEnum
CREATE TYPE "property"."PaymentMatchStatus" AS ENUM ('MATCHED', 'PARTIAL', 'OVERPAYMENT', 'UNMATCHED');

-- AlterTable
ALTER TABLE "property"."financial_accounts" ADD COLUMN     "variable_symbol" VARCHAR(10);

-- AlterTable
ALTER TABLE "property"."financial_transactions" ADD COLUMN     "posting_id" UUID NOT NULL;

-- AlterTable
ALTER TABLE "property"."invoices" ADD COLUMN     "credits_invoice_id" UUID;

-- AlterTable
ALTER TABLE "property"."payments" ADD COLUMN     "bank_entry_ref" VARCHAR(255),
ADD COLUMN     "match_status" "property"."PaymentMatchStatus" NOT NULL DEFAULT 'MATCHED',
ADD COLUMN     "payer_iban" VARCHAR(34),
ADD COLUMN     "payer_name" VARCHAR(255);

-- CreateTable
CREATE TABLE "property"."ledger_postings" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "posted_on" DATE NOT NULL,
    "kind" VARCHAR(30) NOT NULL,
    "description" VARCHAR(500) NOT NULL,
    "cancels_posting_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_postings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."advance_payment_rules" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "fund" "property"."FinancialAccountKind" NOT NULL,
    "description" VARCHAR(255) NOT NULL,
    "amount" DECIMAL(15,2) NOT NULL,
    "vat_rate" DECIMAL(5,2) NOT NULL DEFAULT 0,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "advance_payment_rules_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ledger_postings_cancels_posting_id_key" ON "property"."ledger_postings"("cancels_posting_id");

-- CreateIndex
CREATE INDEX "ledger_postings_organization_id_posted_on_idx" ON "property"."ledger_postings"("organization_id", "posted_on");

-- CreateIndex
CREATE INDEX "advance_payment_rules_organization_id_valid_from_idx" ON "property"."advance_payment_rules"("organization_id", "valid_from");

-- CreateIndex
CREATE INDEX "advance_payment_rules_unit_id_valid_from_idx" ON "property"."advance_payment_rules"("unit_id", "valid_from");

-- CreateIndex
CREATE UNIQUE INDEX "financial_accounts_organization_id_variable_symbol_key" ON "property"."financial_accounts"("organization_id", "variable_symbol");

-- CreateIndex
CREATE INDEX "financial_transactions_posting_id_idx" ON "property"."financial_transactions"("posting_id");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_credits_invoice_id_key" ON "property"."invoices"("credits_invoice_id");

-- CreateIndex
CREATE INDEX "payments_organization_id_match_status_idx" ON "property"."payments"("organization_id", "match_status");

-- CreateIndex
CREATE UNIQUE INDEX "payments_organization_id_bank_entry_ref_key" ON "property"."payments"("organization_id", "bank_entry_ref");

-- AddForeignKey
ALTER TABLE "property"."invoices" ADD CONSTRAINT "invoices_credits_invoice_id_fkey" FOREIGN KEY ("credits_invoice_id") REFERENCES "property"."invoices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."financial_transactions" ADD CONSTRAINT "financial_transactions_posting_id_fkey" FOREIGN KEY ("posting_id") REFERENCES "property"."ledger_postings"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: tenant isolation of the new tables (the same policy as every property table).
ALTER TABLE property.ledger_postings ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.ledger_postings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.ledger_postings
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.advance_payment_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.advance_payment_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.advance_payment_rules
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

-- The ledger is append-only for the application: a posting is cancelled by its mirror, never
-- edited or deleted.
REVOKE UPDATE, DELETE ON property.ledger_postings, property.financial_transactions FROM ppt_property;

-- Amounts on ledger lines are positive; the side says which way they go.
ALTER TABLE property.financial_transactions ADD CONSTRAINT financial_transactions_amount_chk CHECK (amount > 0);

-- Every posting balances: the lines of a posting are inserted by one statement, and after it the
-- debits of every posting it touched equal its credits, or the statement fails.
CREATE OR REPLACE FUNCTION property.assert_postings_balanced() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  unbalanced uuid;
BEGIN
  SELECT t.posting_id INTO unbalanced
  FROM property.financial_transactions t
  WHERE t.posting_id IN (SELECT DISTINCT n.posting_id FROM new_rows n)
  GROUP BY t.posting_id
  HAVING sum(CASE WHEN t.kind = 'DEBIT' THEN t.amount ELSE -t.amount END) <> 0
      OR count(DISTINCT t.kind) < 2
  LIMIT 1;
  IF unbalanced IS NOT NULL THEN
    RAISE EXCEPTION 'posting % does not balance', unbalanced USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER financial_transactions_balanced
  AFTER INSERT ON property.financial_transactions
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION property.assert_postings_balanced();
