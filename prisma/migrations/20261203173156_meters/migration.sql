-- CreateEnum
CREATE TYPE "property"."MeterPlacement" AS ENUM ('UNIT', 'BUILDING_MAIN', 'COMMON_AREA');

-- CreateEnum
CREATE TYPE "property"."MeterReadingKind" AS ENUM ('REGULAR', 'INITIAL', 'FINAL');

-- CreateEnum
CREATE TYPE "property"."MeterReadingStatus" AS ENUM ('SUBMITTED', 'FLAGGED', 'VERIFIED', 'REJECTED');

-- AlterTable
ALTER TABLE "property"."meter_readings" ADD COLUMN     "anomaly_reason" TEXT,
ADD COLUMN     "anomaly_score" DOUBLE PRECISION,
ADD COLUMN     "is_estimated" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "kind" "property"."MeterReadingKind" NOT NULL DEFAULT 'REGULAR',
ADD COLUMN     "ocr_confidence" DOUBLE PRECISION,
ADD COLUMN     "ocr_value" DECIMAL(14,3),
ADD COLUMN     "period_id" UUID,
ADD COLUMN     "photo_content_type" VARCHAR(100),
ADD COLUMN     "photo_upload_id" UUID,
ADD COLUMN     "review_note" TEXT,
ADD COLUMN     "rollover" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "status" "property"."MeterReadingStatus" NOT NULL DEFAULT 'SUBMITTED';

-- AlterTable
ALTER TABLE "property"."meters" ADD COLUMN     "placement" "property"."MeterPlacement" NOT NULL DEFAULT 'UNIT',
ADD COLUMN     "replaced_by_id" UUID,
ADD COLUMN     "rollover_value" DECIMAL(14,3),
ADD COLUMN     "verification_due_on" DATE,
ADD COLUMN     "verified_on" DATE;

-- AlterTable
ALTER TABLE "property"."person_months" ADD COLUMN     "confirmed_at" TIMESTAMPTZ(6),
ADD COLUMN     "confirmed_by_id" UUID;

-- CreateTable
CREATE TABLE "property"."meter_reading_periods" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "building_id" UUID NOT NULL,
    "kind" "property"."MeterKind" NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "opens_on" DATE NOT NULL,
    "closes_on" DATE NOT NULL,
    "closed_at" TIMESTAMPTZ(6),
    "reminded_on" DATE,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "meter_reading_periods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."meter_kind_rules" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID,
    "kind" "property"."MeterKind" NOT NULL,
    "verification_interval_months" INTEGER,
    "default_unit_of_measure" VARCHAR(16) NOT NULL,
    "legal_basis" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meter_kind_rules_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "meter_reading_periods_organization_id_closes_on_idx" ON "property"."meter_reading_periods"("organization_id", "closes_on");

-- CreateIndex
CREATE UNIQUE INDEX "meter_reading_periods_building_id_kind_period_start_key" ON "property"."meter_reading_periods"("building_id", "kind", "period_start");

-- CreateIndex
CREATE UNIQUE INDEX "meter_kind_rules_organization_id_kind_key" ON "property"."meter_kind_rules"("organization_id", "kind");

-- CreateIndex
CREATE INDEX "meter_readings_period_id_status_idx" ON "property"."meter_readings"("period_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "meter_readings_meter_id_period_id_key" ON "property"."meter_readings"("meter_id", "period_id");

-- AddForeignKey
ALTER TABLE "property"."meters" ADD CONSTRAINT "meters_replaced_by_id_fkey" FOREIGN KEY ("replaced_by_id") REFERENCES "property"."meters"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."meter_readings" ADD CONSTRAINT "meter_readings_period_id_fkey" FOREIGN KEY ("period_id") REFERENCES "property"."meter_reading_periods"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."meter_reading_periods" ADD CONSTRAINT "meter_reading_periods_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."meter_reading_periods" ADD CONSTRAINT "meter_reading_periods_building_id_fkey" FOREIGN KEY ("building_id") REFERENCES "property"."buildings"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."meter_kind_rules" ADD CONSTRAINT "meter_kind_rules_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written: checks, Row-Level Security and the platform's verification rules --------------
ALTER TABLE property.meter_reading_periods ADD CONSTRAINT meter_reading_periods_dates_chk
  CHECK (period_end >= period_start AND closes_on >= opens_on);
ALTER TABLE property.person_months ADD CONSTRAINT person_months_person_count_chk CHECK (person_count BETWEEN 0 AND 99);

-- Inserted before RLS is forced below (FORCE applies to the owner too).
-- Verification (úradné overenie) intervals as data. Slovak legal metrology: Act No. 157/2018
-- Coll. on metrology makes meters used for billing "určené meradlá"; Decree of ÚNMS SR
-- No. 161/2019 Coll., Annex 1 sets how long a verification is valid. Flat water meters, cold and
-- hot, installed from 1 August 2019: 5 years (before: 6 years cold, 4 years hot). Heat meters:
-- 4 years. Heat-cost allocators are not legally verified instruments (STN EN 834; replaced with
-- their battery), and gas and electricity meters are the distributor's billing meters, verified
-- by the distributor: NULL, no due date is computed. An organization may add its own row per kind.
INSERT INTO property.meter_kind_rules (organization_id, kind, verification_interval_months, default_unit_of_measure, legal_basis) VALUES
  (NULL, 'WATER_COLD', 60, 'm3', 'Vyhláška ÚNMS SR č. 161/2019 Z. z., príloha č. 1: vodomer na studenú vodu, 5 rokov (do 31. 7. 2019: 6 rokov)'),
  (NULL, 'WATER_HOT', 60, 'm3', 'Vyhláška ÚNMS SR č. 161/2019 Z. z., príloha č. 1: vodomer na teplú vodu, 5 rokov (do 31. 7. 2019: 4 roky)'),
  (NULL, 'HEAT', 48, 'GJ', 'Vyhláška ÚNMS SR č. 161/2019 Z. z., príloha č. 1: merač tepla, 4 roky'),
  (NULL, 'HEAT_COST_ALLOCATOR', NULL, 'dielik', 'Pomerový rozdeľovač vykurovacích nákladov (STN EN 834): nie je určené meradlo, bez overenia'),
  (NULL, 'GAS', NULL, 'm3', 'Fakturačný plynomer distribútora: overuje distribútor'),
  (NULL, 'ELECTRICITY', NULL, 'kWh', 'Fakturačný elektromer distribútora: overuje distribútor');

ALTER TABLE property.meter_reading_periods ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.meter_reading_periods FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.meter_reading_periods
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

-- Rules without an organization are the platform's defaults: every tenant reads them, none
-- writes them (WITH CHECK admits only the tenant's own rows).
ALTER TABLE property.meter_kind_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.meter_kind_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.meter_kind_rules
  USING (organization_id IS NULL OR organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);
-- One platform default per kind (NULLs are distinct in the unique index above).
CREATE UNIQUE INDEX meter_kind_rules_platform_kind_key ON property.meter_kind_rules (kind) WHERE organization_id IS NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON property.meter_reading_periods, property.meter_kind_rules TO ppt_property;
GRANT SELECT, INSERT, UPDATE, DELETE ON property.meter_reading_periods, property.meter_kind_rules TO ppt_admin;
