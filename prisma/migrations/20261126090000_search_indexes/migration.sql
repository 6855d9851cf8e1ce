-- Hand-written (partial and expression indexes are invisible to the schema diff): indexes for the
-- public listing search (subgraphs/reality/src/modules/search), measured with bench/search on
-- 1,000,000 listings.
--
-- Every index covers only what the public search can return — `status = 'ACTIVE' AND
-- published_at IS NOT NULL`, a condition every public search query states — so each is about
-- 90 % of the table's rows and the planner can walk it in the sort order of one ListingSort,
-- stopping after a page instead of sorting every match. Keys after the sort keys are checked
-- inside the index (before the row is read); INCLUDE columns let counts and facets run as
-- index-only scans.
--
-- On a large production table, build these with CREATE INDEX CONCURRENTLY by hand before
-- deploying (a migration runs in one script and cannot); the migration then finds them by name.

-- NEWEST within a city (the most common browse): city as the portal folds it, then the keyset.
CREATE INDEX IF NOT EXISTS listings_public_city_newest_idx ON reality.listings
  (platform.immutable_unaccent(lower(city)), published_at DESC, id DESC)
  INCLUDE (transaction_type, property_type, expires_at, city)
  WHERE status = 'ACTIVE' AND published_at IS NOT NULL;

-- PRICE_ASC (forwards) and PRICE_DESC (backwards); transaction type, a single property type and
-- rooms filter inside the index.
CREATE INDEX IF NOT EXISTS listings_public_price_idx ON reality.listings
  (price, id, transaction_type, property_type, rooms)
  INCLUDE (expires_at)
  WHERE status = 'ACTIVE' AND published_at IS NOT NULL;

-- SIZE_ASC and SIZE_DESC sort missing sizes last in both directions: two expressions.
CREATE INDEX IF NOT EXISTS listings_public_size_asc_idx ON reality.listings
  ((coalesce(size_sqm, 99999999.99)), id)
  WHERE status = 'ACTIVE' AND published_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS listings_public_size_desc_idx ON reality.listings
  ((coalesce(size_sqm, -1)) DESC, id DESC)
  WHERE status = 'ACTIVE' AND published_at IS NOT NULL;

-- RELEVANCE without a query: featured first, then newest.
CREATE INDEX IF NOT EXISTS listings_public_featured_newest_idx ON reality.listings
  (is_featured DESC, published_at DESC, id DESC)
  WHERE status = 'ACTIVE' AND published_at IS NOT NULL;

-- Map box and radius: a latitude range, longitude checked in the index, and what count and
-- facets read, so both are index-only scans. A btree on plain columns (unlike the GiST over
-- ll_to_earth, whose `@>` the planner always estimates at 0.1 % of rows) gives the planner
-- real selectivities from the column statistics, so it can choose between this scan and
-- walking a sort-order index.
CREATE INDEX IF NOT EXISTS listings_public_location_idx ON reality.listings
  (latitude, longitude)
  INCLUDE (property_type, city, price, expires_at)
  WHERE status = 'ACTIVE' AND published_at IS NOT NULL AND latitude IS NOT NULL AND longitude IS NOT NULL;
