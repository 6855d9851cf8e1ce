-- CreateTable
CREATE TABLE "reality"."listing_map_cells" (
    "level" SMALLINT NOT NULL,
    "cell_x" INTEGER NOT NULL,
    "cell_y" INTEGER NOT NULL,
    "transaction_type" "reality"."ListingTransactionType" NOT NULL,
    "property_type" "reality"."ListingPropertyType" NOT NULL,
    "listings" INTEGER NOT NULL,
    "sum_x" BIGINT NOT NULL,
    "sum_y" BIGINT NOT NULL,

    CONSTRAINT "listing_map_cells_pkey" PRIMARY KEY ("level","cell_x","cell_y","transaction_type","property_type")
);

-- CreateIndex
CREATE INDEX "listing_map_cells_level_cell_y_cell_x_idx" ON "reality"."listing_map_cells"("level", "cell_y", "cell_x");

-- Map clusters read these per-cell counts instead of grouping every listing of the map at each
-- request (at zoom 7 over Slovakia, three quarters of a million rows). Positions are Web Mercator
-- in integer units of 2^-32 of the world's side, so the sums are exact and a cell at level L is
-- `units >> (30 - L)` — the same cell the clusters' floor(x * 2^(L+2)) gives, since multiplying a
-- double by a power of two is exact.
-- Cells a write emptied are deleted by the same statement: found through this small index.
CREATE INDEX listing_map_cells_empty_idx ON reality.listing_map_cells (level) WHERE listings = 0;

CREATE FUNCTION reality.map_x_units(longitude double precision) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$ SELECT floor((longitude + 180) / 360 * 4294967296)::bigint $fn$;

CREATE FUNCTION reality.map_y_units(latitude double precision) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$ SELECT floor((0.5 - ln(tan(pi() / 4 + radians(greatest(least(latitude, 85.05112878), -85.05112878)) / 2)) / (2 * pi())) * 4294967296)::bigint $fn$;

-- Where a cluster places a listing: exactly, or, when it hides its address, at the centre of its
-- 2^16-grid cell (zoom 14's clusters' cell, about 400 m × 270 m in Slovakia).
CREATE FUNCTION reality.map_placed_units(units bigint, exact boolean) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$ SELECT CASE WHEN exact THEN units ELSE ((units >> 16) << 16) + 32768 END $fn$;

-- One statement-level trigger function for inserts, updates and deletes: the rows the statement
-- added count +1, the rows it removed -1, every level at once, in one upsert sorted by key (two
-- writers lock shared cells in the same order). An update that moves nothing the map shows (a
-- price, a title, a view count) nets to zero and touches no cell. Additions commute, so
-- concurrent writers need no further locking. SECURITY DEFINER: every role that writes listings
-- keeps the counts, none may write them directly.
CREATE FUNCTION reality.listing_map_cells_count() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
  point_of text := $q$
    SELECT %s AS sign, reality.map_x_units(r.longitude) AS tx, reality.map_y_units(r.latitude) AS ty,
           reality.map_placed_units(reality.map_x_units(r.longitude), r.address_visibility = 'FULL') AS px,
           reality.map_placed_units(reality.map_y_units(r.latitude), r.address_visibility = 'FULL') AS py,
           r.transaction_type, r.property_type
    FROM %s r
    WHERE r.status = 'ACTIVE' AND r.published_at IS NOT NULL AND r.latitude IS NOT NULL AND r.longitude IS NOT NULL$q$;
  source text;
BEGIN
  source := CASE TG_OP
    WHEN 'INSERT' THEN format(point_of, '1', 'new_rows')
    WHEN 'DELETE' THEN format(point_of, '-1', 'old_rows')
    ELSE format(point_of, '1', 'new_rows') || ' UNION ALL ' || format(point_of, '-1', 'old_rows')
  END;
  EXECUTE format($q$
    INSERT INTO reality.listing_map_cells AS c (level, cell_x, cell_y, transaction_type, property_type, listings, sum_x, sum_y)
    SELECT lv.level, (d.tx >> (30 - lv.level))::int, (d.ty >> (30 - lv.level))::int, d.transaction_type, d.property_type,
           sum(d.sign)::int, sum(d.sign * d.px)::bigint, sum(d.sign * d.py)::bigint
    FROM (%s) d CROSS JOIN generate_series(0, 16) AS lv(level)
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(d.sign) <> 0 OR sum(d.sign * d.px) <> 0 OR sum(d.sign * d.py) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (level, cell_x, cell_y, transaction_type, property_type) DO UPDATE
    SET listings = c.listings + excluded.listings, sum_x = c.sum_x + excluded.sum_x, sum_y = c.sum_y + excluded.sum_y$q$, source);
  DELETE FROM reality.listing_map_cells WHERE listings = 0;
  RETURN NULL;
END
$fn$;

CREATE FUNCTION reality.listing_map_cells_clear() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
  DELETE FROM reality.listing_map_cells;
  RETURN NULL;
END
$fn$;

REVOKE ALL ON FUNCTION reality.listing_map_cells_count() FROM PUBLIC;
REVOKE ALL ON FUNCTION reality.listing_map_cells_clear() FROM PUBLIC;
-- The counts are public figures (what the public map shows) and only the triggers write them.
REVOKE INSERT, UPDATE, DELETE ON reality.listing_map_cells FROM ppt_reality;

CREATE TRIGGER listings_map_cells_insert AFTER INSERT ON reality.listings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reality.listing_map_cells_count();
CREATE TRIGGER listings_map_cells_update AFTER UPDATE ON reality.listings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reality.listing_map_cells_count();
CREATE TRIGGER listings_map_cells_delete AFTER DELETE ON reality.listings
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reality.listing_map_cells_count();
CREATE TRIGGER listings_map_cells_truncate AFTER TRUNCATE ON reality.listings
  FOR EACH STATEMENT EXECUTE FUNCTION reality.listing_map_cells_clear();

-- The listings already there.
INSERT INTO reality.listing_map_cells (level, cell_x, cell_y, transaction_type, property_type, listings, sum_x, sum_y)
SELECT lv.level, (d.tx >> (30 - lv.level))::int, (d.ty >> (30 - lv.level))::int, d.transaction_type, d.property_type,
       count(*)::int, sum(d.px)::bigint, sum(d.py)::bigint
FROM (
  SELECT reality.map_x_units(l.longitude) AS tx, reality.map_y_units(l.latitude) AS ty,
         reality.map_placed_units(reality.map_x_units(l.longitude), l.address_visibility = 'FULL') AS px,
         reality.map_placed_units(reality.map_y_units(l.latitude), l.address_visibility = 'FULL') AS py,
         l.transaction_type, l.property_type
  FROM reality.listings l
  WHERE l.status = 'ACTIVE' AND l.published_at IS NOT NULL AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
) d CROSS JOIN generate_series(0, 16) AS lv(level)
GROUP BY 1, 2, 3, 4, 5;
