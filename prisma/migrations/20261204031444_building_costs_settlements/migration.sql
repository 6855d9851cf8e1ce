-- CreateTable
CREATE TABLE "property"."building_costs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "building_id" UUID NOT NULL,
    "fund" "property"."FinancialAccountKind" NOT NULL,
    "service" VARCHAR(255) NOT NULL,
    "allocation_key" VARCHAR(20) NOT NULL,
    "supplier_name" VARCHAR(255) NOT NULL,
    "supplier_invoice_number" VARCHAR(100) NOT NULL,
    "description" VARCHAR(500),
    "amount" DECIMAL(15,2) NOT NULL,
    "incurred_on" DATE NOT NULL,
    "posting_id" UUID NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "building_costs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."building_cost_shares" (
    "cost_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "weight" VARCHAR(40) NOT NULL,
    "amount" DECIMAL(15,2) NOT NULL,

    CONSTRAINT "building_cost_shares_pkey" PRIMARY KEY ("cost_id","unit_id")
);

-- CreateTable
CREATE TABLE "property"."annual_settlements" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "building_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "approved_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approved_by_id" UUID,

    CONSTRAINT "annual_settlements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."annual_settlement_units" (
    "settlement_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "total_cost" DECIMAL(15,2) NOT NULL,
    "total_advances" DECIMAL(15,2) NOT NULL,
    "difference" DECIMAL(15,2) NOT NULL,
    "lines" JSONB NOT NULL,
    "posting_id" UUID,

    CONSTRAINT "annual_settlement_units_pkey" PRIMARY KEY ("settlement_id","unit_id")
);

-- CreateTable
CREATE TABLE "property"."financial_budgets" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "building_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "fund" "property"."FinancialAccountKind" NOT NULL,
    "service" VARCHAR(255) NOT NULL,
    "amount" DECIMAL(15,2) NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "financial_budgets_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "building_costs_posting_id_key" ON "property"."building_costs"("posting_id");

-- CreateIndex
CREATE INDEX "building_costs_organization_id_building_id_incurred_on_idx" ON "property"."building_costs"("organization_id", "building_id", "incurred_on");

-- CreateIndex
CREATE UNIQUE INDEX "building_costs_building_id_supplier_name_supplier_invoice_n_key" ON "property"."building_costs"("building_id", "supplier_name", "supplier_invoice_number");

-- CreateIndex
CREATE INDEX "building_cost_shares_unit_id_idx" ON "property"."building_cost_shares"("unit_id");

-- CreateIndex
CREATE INDEX "annual_settlements_organization_id_year_idx" ON "property"."annual_settlements"("organization_id", "year");

-- CreateIndex
CREATE UNIQUE INDEX "annual_settlements_building_id_year_key" ON "property"."annual_settlements"("building_id", "year");

-- CreateIndex
CREATE UNIQUE INDEX "annual_settlement_units_posting_id_key" ON "property"."annual_settlement_units"("posting_id");

-- CreateIndex
CREATE INDEX "annual_settlement_units_unit_id_idx" ON "property"."annual_settlement_units"("unit_id");

-- CreateIndex
CREATE INDEX "financial_budgets_organization_id_year_idx" ON "property"."financial_budgets"("organization_id", "year");

-- CreateIndex
CREATE UNIQUE INDEX "financial_budgets_building_id_year_fund_service_key" ON "property"."financial_budgets"("building_id", "year", "fund", "service");

-- AddForeignKey
ALTER TABLE "property"."building_cost_shares" ADD CONSTRAINT "building_cost_shares_cost_id_fkey" FOREIGN KEY ("cost_id") REFERENCES "property"."building_costs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."annual_settlement_units" ADD CONSTRAINT "annual_settlement_units_settlement_id_fkey" FOREIGN KEY ("settlement_id") REFERENCES "property"."annual_settlements"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Every new table is the tenant's: row-level security like the rest of the ledger.
ALTER TABLE property.building_costs ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.building_costs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.building_costs
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.building_cost_shares ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.building_cost_shares FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.building_cost_shares
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.annual_settlements ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.annual_settlements FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.annual_settlements
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.annual_settlement_units ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.annual_settlement_units FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.annual_settlement_units
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.financial_budgets ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.financial_budgets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.financial_budgets
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

-- Recorded costs and approved settlements are part of the books: never edited or deleted (a wrong
-- cost is corrected by another posting).
REVOKE UPDATE, DELETE ON property.building_costs, property.building_cost_shares, property.annual_settlements, property.annual_settlement_units FROM ppt_property;
ALTER TABLE property.building_costs ADD CONSTRAINT building_costs_amount_chk CHECK (amount > 0);
