-- Hand-written (nothing here is visible to the schema diff): what the reality subgraph's
-- listings need beyond schema.prisma.

-- A property manager attaches a listing to a unit of the property subgraph. The reality role
-- reads no property table, yet must not let an organization attach (and so make public the facts
-- of) another organization's unit. This one question — "is unit X of organization Y?" — is
-- answered by a SECURITY DEFINER function owned by the NOLOGIN role that already owns the public
-- read path; the reality role may call it and nothing else.
GRANT SELECT (organization_id) ON property.units TO ppt_public_reader;

CREATE OR REPLACE FUNCTION reality.unit_belongs_to_organization(p_unit_id uuid, p_organization_id uuid)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
  SELECT EXISTS (
    SELECT 1 FROM property.units u
    WHERE u.id = p_unit_id AND u.organization_id = p_organization_id AND u.archived_at IS NULL
  )
$fn$;
ALTER FUNCTION reality.unit_belongs_to_organization(uuid, uuid) OWNER TO ppt_public_reader;
REVOKE ALL ON FUNCTION reality.unit_belongs_to_organization(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reality.unit_belongs_to_organization(uuid, uuid) TO ppt_reality;

-- Search filters compare city and district case- and diacritics-insensitively ("kosice" = "Košice").
CREATE INDEX listings_city_folded_idx ON reality.listings (platform.immutable_unaccent(lower(city)));
CREATE INDEX listings_district_folded_idx ON reality.listings (platform.immutable_unaccent(lower(district)));
