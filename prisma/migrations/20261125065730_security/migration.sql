-- Hand-written: roles, grants, Row-Level Security and the narrow public-read path.
-- Prisma cannot express any of this, so the schema diff (drift check) never sees it.
-- Roles are cluster-wide: created idempotently, never assuming a fresh cluster. Grants are per database.
-- Creating BYPASSRLS roles needs a superuser: run migrations as the database owner/admin.

DO $roles$
BEGIN
  -- The property subgraph: subject to RLS, owns nothing.
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ppt_property') THEN
    CREATE ROLE ppt_property LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
  -- The reality subgraph: no rights on property.* at all.
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ppt_reality') THEN
    CREATE ROLE ppt_reality LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
  -- Super-admin work: a separate login and pool used only by the admin module.
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ppt_admin') THEN
    CREATE ROLE ppt_admin LOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
  -- Owns the public-read function only; cannot log in.
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ppt_public_reader') THEN
    CREATE ROLE ppt_public_reader NOLOGIN NOSUPERUSER BYPASSRLS NOINHERIT;
  END IF;
END
$roles$;

-- The property subgraph ------------------------------------------------------------------------
GRANT USAGE ON SCHEMA platform, identity, property TO ppt_property;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA property, identity TO ppt_property;
GRANT SELECT, INSERT, UPDATE ON platform.organizations TO ppt_property;
GRANT SELECT ON platform.subscription_plans, platform.subscriptions TO ppt_property;
GRANT SELECT, INSERT ON platform.audit_logs TO ppt_property;
GRANT SELECT, INSERT, UPDATE ON platform.outbox TO ppt_property;
GRANT SELECT, INSERT, DELETE ON platform.processed_events TO ppt_property;
ALTER DEFAULT PRIVILEGES IN SCHEMA property, identity GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ppt_property;

-- The reality subgraph -------------------------------------------------------------------------
GRANT USAGE ON SCHEMA platform, reality TO ppt_reality;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA reality TO ppt_reality;
GRANT SELECT ON platform.organizations TO ppt_reality;
GRANT SELECT, INSERT ON platform.audit_logs TO ppt_reality;
GRANT SELECT, INSERT, UPDATE ON platform.outbox TO ppt_reality;
GRANT SELECT, INSERT, DELETE ON platform.processed_events TO ppt_reality;
ALTER DEFAULT PRIVILEGES IN SCHEMA reality GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ppt_reality;

-- The admin module -----------------------------------------------------------------------------
GRANT USAGE ON SCHEMA platform, identity, property, reality TO ppt_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA platform, identity, property TO ppt_admin;
GRANT SELECT ON ALL TABLES IN SCHEMA reality TO ppt_admin;
ALTER DEFAULT PRIVILEGES IN SCHEMA platform, identity, property GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ppt_admin;
ALTER DEFAULT PRIVILEGES IN SCHEMA reality GRANT SELECT ON TABLES TO ppt_admin;

-- Tenant isolation -----------------------------------------------------------------------------
-- Every property.* table: ENABLE + FORCE (the owner too), one policy for reads and writes.
-- NULLIF matters: after a transaction-local setting ends, a reused connection reads '' —
-- that must mean "no tenant" (no rows), not a cast error.
ALTER TABLE property.buildings ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.buildings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.buildings
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.entrances ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.entrances FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.entrances
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.units ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.units FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.units
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.unit_ownerships ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.unit_ownerships FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.unit_ownerships
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.unit_occupancies ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.unit_occupancies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.unit_occupancies
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.faults ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.faults FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.faults
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.fault_communications ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.fault_communications FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.fault_communications
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.fault_status_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.fault_status_history FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.fault_status_history
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.fault_attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.fault_attachments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.fault_attachments
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.announcements ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.announcements FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.announcements
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.announcement_comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.announcement_comments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.announcement_comments
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.announcement_reads ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.announcement_reads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.announcement_reads
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.votes ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.votes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.votes
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.vote_options ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.vote_options FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.vote_options
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.vote_eligible_units ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.vote_eligible_units FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.vote_eligible_units
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.vote_eligible_voters ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.vote_eligible_voters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.vote_eligible_voters
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.ballots ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.ballots FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.ballots
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.ballot_choices ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.ballot_choices FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.ballot_choices
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.vote_comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.vote_comments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.vote_comments
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.conversations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.conversations
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.conversation_participants ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.conversation_participants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.conversation_participants
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.messages FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.messages
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.message_attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.message_attachments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.message_attachments
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.document_folders ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.document_folders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.document_folders
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.documents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.documents
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.document_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.document_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.document_versions
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.document_shares ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.document_shares FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.document_shares
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.file_uploads ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.file_uploads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.file_uploads
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.meters ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.meters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.meters
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.meter_readings ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.meter_readings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.meter_readings
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.person_months ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.person_months FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.person_months
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.financial_accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.financial_accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.financial_accounts
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.invoices FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.invoices
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.invoice_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.invoice_items FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.invoice_items
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.payments ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.payments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.payments
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.financial_transactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.financial_transactions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.financial_transactions
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.reservations ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.reservations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.reservations
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.guests ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.guests FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.guests
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.police_registrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.police_registrations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.police_registrations
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.notifications
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.notification_preferences ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.notification_preferences FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.notification_preferences
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

ALTER TABLE property.device_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.device_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.device_tokens
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

-- The public-read path -------------------------------------------------------------------------
-- Portal visitors see the facts of a unit that has a published listing, and its building's
-- address as the listing chooses to show it — never designation, owners or occupants, and
-- nothing of a unit without a published listing. A SECURITY DEFINER function owned by a
-- NOLOGIN role is the whole of it: the application role gains no general bypass of RLS.
GRANT USAGE ON SCHEMA property, reality TO ppt_public_reader;
GRANT SELECT (id, building_id, floor, size_sqm, rooms, type, archived_at) ON property.units TO ppt_public_reader;
GRANT SELECT (id, street, street_number, city, district, postal_code, country, latitude, longitude, year_built, total_floors, amenities)
  ON property.buildings TO ppt_public_reader;
GRANT SELECT (unit_id, status, address_visibility) ON reality.listings TO ppt_public_reader;

CREATE OR REPLACE FUNCTION property.published_unit_facts(unit_ids uuid[])
RETURNS TABLE (
  unit_id uuid, building_id uuid, floor integer, size_sqm numeric, rooms integer, unit_type text,
  street text, street_number text, city text, district text, postal_code text, country text,
  latitude double precision, longitude double precision, year_built integer, total_floors integer, amenities jsonb
)
LANGUAGE sql STABLE SECURITY DEFINER
-- public: earthdistance's ll_to_earth (in a listings index) names its type unqualified.
-- Since PostgreSQL 15 nobody but the owner can create objects in public.
SET search_path = pg_catalog, public, pg_temp
AS $fn$
  WITH published AS (
    SELECT l.unit_id,
           bool_or(l.address_visibility = 'FULL') AS show_number,
           bool_or(l.address_visibility IN ('FULL', 'STREET')) AS show_street
    FROM reality.listings l
    WHERE l.unit_id = ANY (unit_ids) AND l.status IN ('ACTIVE', 'RESERVED')
    GROUP BY l.unit_id
  )
  SELECT u.id, b.id, u.floor, u.size_sqm, u.rooms, u.type::text,
         CASE WHEN p.show_street THEN b.street END,
         CASE WHEN p.show_number THEN b.street_number END,
         b.city, b.district, b.postal_code, b.country,
         CASE WHEN p.show_number THEN b.latitude END,
         CASE WHEN p.show_number THEN b.longitude END,
         b.year_built, b.total_floors, b.amenities
  FROM published p
  JOIN property.units u ON u.id = p.unit_id AND u.archived_at IS NULL
  JOIN property.buildings b ON b.id = u.building_id
$fn$;
ALTER FUNCTION property.published_unit_facts(uuid[]) OWNER TO ppt_public_reader;
REVOKE ALL ON FUNCTION property.published_unit_facts(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION property.published_unit_facts(uuid[]) TO ppt_property;

-- Search indexes Prisma cannot express --------------------------------------------------------
-- Radius and bounding-box search over listings (earthdistance over cube, GiST).
CREATE INDEX listings_earth_idx ON reality.listings USING gist (public.ll_to_earth(latitude, longitude))
  WHERE latitude IS NOT NULL AND longitude IS NOT NULL;
-- Substring search over building addresses, diacritics folded.
CREATE INDEX buildings_address_trgm_idx ON property.buildings
  USING gin (platform.immutable_unaccent(lower(street || ' ' || street_number || ' ' || city)) public.gin_trgm_ops);

-- Integrity Prisma cannot express ---------------------------------------------------------------
-- Global roles (organization_id NULL) are unique by key; per-organization roles by the Prisma unique.
CREATE UNIQUE INDEX roles_global_key_idx ON identity.roles (key) WHERE organization_id IS NULL;
-- Shares are exact fractions in (0, 1].
ALTER TABLE property.units ADD CONSTRAINT units_share_fraction_chk
  CHECK (share_numerator > 0 AND share_denominator > 0 AND share_numerator <= share_denominator);
ALTER TABLE property.unit_ownerships ADD CONSTRAINT unit_ownerships_share_fraction_chk
  CHECK (share_numerator > 0 AND share_denominator > 0 AND share_numerator <= share_denominator);
ALTER TABLE property.person_months ADD CONSTRAINT person_months_month_chk CHECK (month BETWEEN 1 AND 12);
ALTER TABLE property.reservations ADD CONSTRAINT reservations_dates_chk CHECK (check_out > check_in);
-- A listing is published by a realtor or by a property manager's organization.
ALTER TABLE reality.listings ADD CONSTRAINT listings_publisher_chk CHECK (realtor_id IS NOT NULL OR organization_id IS NOT NULL);
ALTER TABLE reality.listings ADD CONSTRAINT listings_price_chk CHECK (price >= 0);
