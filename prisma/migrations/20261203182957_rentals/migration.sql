-- CreateEnum
CREATE TYPE "property"."CalendarFeedDirection" AS ENUM ('EXPORT', 'IMPORT');

-- AlterEnum (hand-edited: renaming keeps any existing row; PENDING was the tentative state)
ALTER TYPE "property"."ReservationStatus" RENAME VALUE 'PENDING' TO 'TENTATIVE';
ALTER TYPE "property"."ReservationStatus" ADD VALUE 'BLOCKED';

-- AlterTable
ALTER TABLE "property"."guests" ADD COLUMN     "checked_in_at" TIMESTAMPTZ(6),
ADD COLUMN     "checked_out_at" TIMESTAMPTZ(6),
ADD COLUMN     "stay_from" DATE NOT NULL,
ADD COLUMN     "stay_to" DATE NOT NULL,
ADD COLUMN     "visa_number" VARCHAR(50);

-- AlterTable
ALTER TABLE "property"."police_registrations" ADD COLUMN     "due_on" DATE NOT NULL,
ADD COLUMN     "reminded_at" TIMESTAMPTZ(6),
ADD COLUMN     "report" TEXT,
ADD COLUMN     "rule_id" UUID NOT NULL;

-- AlterTable
ALTER TABLE "property"."reservations" ADD COLUMN     "calendar_feed_id" UUID;

-- CreateTable
CREATE TABLE "property"."police_reporting_rules" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "country" CHAR(2) NOT NULL,
    "deadline_days" INTEGER NOT NULL,
    "working_days" BOOLEAN NOT NULL,
    "legal_basis" TEXT NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "police_reporting_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."accommodation_tax_rules" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID,
    "municipality" VARCHAR(100) NOT NULL,
    "rate_cents" INTEGER NOT NULL,
    "exempt_under_age" INTEGER,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    "legal_basis" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "accommodation_tax_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."calendar_feeds" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "direction" "property"."CalendarFeedDirection" NOT NULL,
    "source" "property"."ReservationSource" NOT NULL DEFAULT 'OTHER',
    "url" TEXT,
    "token_hash" VARCHAR(64),
    "last_synced_at" TIMESTAMPTZ(6),
    "last_error" TEXT,
    "conflicts" JSONB NOT NULL DEFAULT '[]',
    "revoked_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "calendar_feeds_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "police_reporting_rules_country_valid_from_idx" ON "property"."police_reporting_rules"("country", "valid_from");

-- CreateIndex
CREATE INDEX "accommodation_tax_rules_municipality_valid_from_idx" ON "property"."accommodation_tax_rules"("municipality", "valid_from");

-- CreateIndex
CREATE UNIQUE INDEX "calendar_feeds_token_hash_key" ON "property"."calendar_feeds"("token_hash");

-- CreateIndex
CREATE INDEX "calendar_feeds_unit_id_idx" ON "property"."calendar_feeds"("unit_id");

-- CreateIndex
CREATE INDEX "police_registrations_organization_id_due_on_idx" ON "property"."police_registrations"("organization_id", "due_on");

-- CreateIndex
CREATE UNIQUE INDEX "reservations_calendar_feed_id_external_id_key" ON "property"."reservations"("calendar_feed_id", "external_id");

-- AddForeignKey
ALTER TABLE "property"."reservations" ADD CONSTRAINT "reservations_calendar_feed_id_fkey" FOREIGN KEY ("calendar_feed_id") REFERENCES "property"."calendar_feeds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."police_registrations" ADD CONSTRAINT "police_registrations_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "property"."police_reporting_rules"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."accommodation_tax_rules" ADD CONSTRAINT "accommodation_tax_rules_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."calendar_feeds" ADD CONSTRAINT "calendar_feeds_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."calendar_feeds" ADD CONSTRAINT "calendar_feeds_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "property"."units"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: no double booking, checks, rules as data, Row-Level Security ----------------------
-- btree_gist lets one GiST exclusion constraint compare the unit (=) and the stay's dates (&&).
-- Contrib extension, shipped with PostgreSQL; creating it needs the database owner (migrations
-- run as the owner; on a managed database allow-list btree_gist).
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

-- reservations_dates_chk (check_out > check_in) exists since the security migration.
ALTER TABLE property.reservations ADD CONSTRAINT reservations_guest_count_chk CHECK (guest_count BETWEEN 0 AND 50);
ALTER TABLE property.reservations ADD CONSTRAINT reservations_total_price_chk CHECK (total_price IS NULL OR total_price >= 0);
-- Nights [check_in, check_out): a check-out day may be the next stay's check-in day. Two
-- transactions booking overlapping nights: the second waits for the first and then fails 23P01.
ALTER TABLE property.reservations ADD CONSTRAINT reservations_no_overlap
  EXCLUDE USING gist (unit_id WITH =, daterange(check_in, check_out, '[)') WITH &&) WHERE (status <> 'CANCELLED');

ALTER TABLE property.guests ADD CONSTRAINT guests_stay_chk CHECK (stay_to >= stay_from);
ALTER TABLE property.accommodation_tax_rules ADD CONSTRAINT accommodation_tax_rules_chk
  CHECK (rate_cents >= 0 AND (exempt_under_age IS NULL OR exempt_under_age BETWEEN 0 AND 120) AND (valid_to IS NULL OR valid_to >= valid_from));
ALTER TABLE property.police_reporting_rules ADD CONSTRAINT police_reporting_rules_chk CHECK (deadline_days > 0 AND (valid_to IS NULL OR valid_to >= valid_from));
ALTER TABLE property.calendar_feeds ADD CONSTRAINT calendar_feeds_shape_chk
  CHECK ((direction = 'IMPORT' AND url IS NOT NULL) OR (direction = 'EXPORT' AND token_hash IS NOT NULL));

-- The foreign police reporting deadline. Slovak Act No. 404/2011 Coll. on the residence of
-- foreigners (zákon o pobyte cudzincov), § 111 ods. 1: the accommodation provider reports the
-- accommodation of a foreigner to the police department within three working days of the
-- accommodation (the foreigner fills in the official form, "úradné tlačivo"). Written from
-- memory of the act, not checked against the current consolidated text: the letter of § 111(1)
-- and whether later amendments changed the period should be verified; public holidays are not
-- counted out (weekends only). A change is a new row with valid_from, never an edit.
INSERT INTO property.police_reporting_rules (country, deadline_days, working_days, legal_basis, valid_from) VALUES
  ('SK', 3, true, 'Zákon č. 404/2011 Z. z. o pobyte cudzincov, § 111 ods. 1: ubytovacie zariadenie oznámi ubytovanie cudzinca policajnému útvaru do troch pracovných dní od ubytovania', DATE '2012-01-01');

-- Platform data: every tenant reads, no tenant writes.
REVOKE INSERT, UPDATE, DELETE ON property.police_reporting_rules FROM ppt_property;
GRANT SELECT ON property.police_reporting_rules TO ppt_property;

ALTER TABLE property.calendar_feeds ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.calendar_feeds FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.calendar_feeds
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

-- Municipal rates without an organization are the platform's: every tenant reads them, none writes them.
ALTER TABLE property.accommodation_tax_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.accommodation_tax_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.accommodation_tax_rules
  USING (organization_id IS NULL OR organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

-- The export feed's secret URL: a token (only its SHA-256 is stored) names one feed of one
-- organization. The HTTP route has no tenant yet: this function answers only "which feed, unit
-- and organization does this hash belong to" and nothing else; the feed itself is then read
-- under that organization's RLS.
GRANT SELECT (id, organization_id, unit_id, token_hash, revoked_at, direction) ON property.calendar_feeds TO ppt_public_reader;
CREATE OR REPLACE FUNCTION property.calendar_export_by_token(p_token_hash text)
RETURNS TABLE (feed_id uuid, organization_id uuid, unit_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
  SELECT f.id, f.organization_id, f.unit_id FROM property.calendar_feeds f
  WHERE f.token_hash = p_token_hash AND f.direction = 'EXPORT' AND f.revoked_at IS NULL
$fn$;
ALTER FUNCTION property.calendar_export_by_token(text) OWNER TO ppt_public_reader;
REVOKE ALL ON FUNCTION property.calendar_export_by_token(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION property.calendar_export_by_token(text) TO ppt_property;

GRANT SELECT, INSERT, UPDATE, DELETE ON property.calendar_feeds, property.accommodation_tax_rules TO ppt_property;
GRANT SELECT, INSERT, UPDATE, DELETE ON property.calendar_feeds, property.accommodation_tax_rules, property.police_reporting_rules TO ppt_admin;
