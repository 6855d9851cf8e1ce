-- CreateTable
CREATE TABLE "reality"."listing_facet_cells" (
    "level" SMALLINT NOT NULL,
    "cell_x" INTEGER NOT NULL,
    "cell_y" INTEGER NOT NULL,
    "transaction_type" "reality"."ListingTransactionType" NOT NULL,
    "property_type" "reality"."ListingPropertyType" NOT NULL,
    "city" VARCHAR(100) NOT NULL,
    "sale_band" SMALLINT NOT NULL,
    "rent_band" SMALLINT NOT NULL,
    "listings" INTEGER NOT NULL,

    CONSTRAINT "listing_facet_cells_pkey" PRIMARY KEY ("level","cell_x","cell_y","transaction_type","property_type","city","sale_band","rent_band")
);

-- CreateIndex
CREATE INDEX "listing_facet_cells_level_cell_y_cell_x_idx" ON "reality"."listing_facet_cells"("level", "cell_y", "cell_x");

-- The facets of a map box (property types, cities, price bands) summed from these counts for the
-- box's inner cells, where grouping every listing of a city-sized box reads tens of thousands.
-- Levels 13–16 only: coarse cells for the box's middle, finer rings toward its edges. Both price
-- band schemes are kept because the search bands every listing by the filter's transaction type
-- (RENT: RENT_BANDS, otherwise SALE_BANDS; listings/pages.ts — the two must stay equal).
-- Cells a write emptied are deleted by the same statement: found through this small index.
CREATE INDEX listing_facet_cells_empty_idx ON reality.listing_facet_cells (level) WHERE listings = 0;

CREATE FUNCTION reality.listing_sale_band(price numeric) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$ SELECT width_bucket(price, '{0,50000,100000,150000,200000,300000,500000}'::numeric[])::smallint $fn$;

CREATE FUNCTION reality.listing_rent_band(price numeric) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$ SELECT width_bucket(price, '{0,300,500,700,1000,1500,2500}'::numeric[])::smallint $fn$;

-- As reality.listing_map_cells_count: the statement's added rows +1, removed rows -1, one upsert
-- sorted by key; an update that changes nothing a facet shows nets to zero.
CREATE FUNCTION reality.listing_facet_cells_count() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
  point_of text := $q$
    SELECT %s AS sign, reality.map_x_units(r.longitude) AS tx, reality.map_y_units(r.latitude) AS ty,
           r.transaction_type, r.property_type, r.city, reality.listing_sale_band(r.price) AS sale_band, reality.listing_rent_band(r.price) AS rent_band
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
    INSERT INTO reality.listing_facet_cells AS c (level, cell_x, cell_y, transaction_type, property_type, city, sale_band, rent_band, listings)
    SELECT lv.level, (d.tx >> (30 - lv.level))::int, (d.ty >> (30 - lv.level))::int, d.transaction_type, d.property_type, d.city, d.sale_band, d.rent_band,
           sum(d.sign)::int
    FROM (%s) d CROSS JOIN generate_series(13, 16) AS lv(level)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    HAVING sum(d.sign) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (level, cell_x, cell_y, transaction_type, property_type, city, sale_band, rent_band) DO UPDATE
    SET listings = c.listings + excluded.listings$q$, source);
  DELETE FROM reality.listing_facet_cells WHERE listings = 0;
  RETURN NULL;
END
$fn$;

CREATE FUNCTION reality.listing_facet_cells_clear() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
  DELETE FROM reality.listing_facet_cells;
  RETURN NULL;
END
$fn$;

REVOKE ALL ON FUNCTION reality.listing_facet_cells_count() FROM PUBLIC;
REVOKE ALL ON FUNCTION reality.listing_facet_cells_clear() FROM PUBLIC;
-- Public figures, written only by the triggers.
REVOKE INSERT, UPDATE, DELETE ON reality.listing_facet_cells FROM ppt_reality;

CREATE TRIGGER listings_facet_cells_insert AFTER INSERT ON reality.listings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reality.listing_facet_cells_count();
CREATE TRIGGER listings_facet_cells_update AFTER UPDATE ON reality.listings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reality.listing_facet_cells_count();
CREATE TRIGGER listings_facet_cells_delete AFTER DELETE ON reality.listings
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reality.listing_facet_cells_count();
CREATE TRIGGER listings_facet_cells_truncate AFTER TRUNCATE ON reality.listings
  FOR EACH STATEMENT EXECUTE FUNCTION reality.listing_facet_cells_clear();

-- The listings already there.
INSERT INTO reality.listing_facet_cells (level, cell_x, cell_y, transaction_type, property_type, city, sale_band, rent_band, listings)
SELECT lv.level, (d.tx >> (30 - lv.level))::int, (d.ty >> (30 - lv.level))::int, d.transaction_type, d.property_type, d.city, d.sale_band, d.rent_band,
       count(*)::int
FROM (
  SELECT reality.map_x_units(l.longitude) AS tx, reality.map_y_units(l.latitude) AS ty, l.transaction_type, l.property_type, l.city,
         reality.listing_sale_band(l.price) AS sale_band, reality.listing_rent_band(l.price) AS rent_band
  FROM reality.listings l
  WHERE l.status = 'ACTIVE' AND l.published_at IS NOT NULL AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
) d CROSS JOIN generate_series(13, 16) AS lv(level)
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
