-- Hand-written (partial indexes are invisible to the schema diff): the public location index
-- (20261126090000_search_indexes) also holds what a page's sort orders and usual filters read —
-- transaction type, rooms, size, featured, published and the id — so a map-box or radius page
-- chooses its ids by an index-only scan of the area and reads only the page's rows (pages.ts,
-- readsRowsLate). A city's box holds thousands of listings, and choosing the page among their
-- rows read about one table page for each (~1.5 KB rows): 11,399 pages for a page of 50 in
-- Žilina's box at 1,000,000 listings. Counts and facets of an area keep their index-only scans
-- of the same index, now also with a transaction type or rooms filter; built afresh there, the
-- index grows from 59 to 100 MB. A district, features or words filter is still checked on the
-- rows.
--
-- A new name, so that on a large production table it can be built with CREATE INDEX
-- CONCURRENTLY by hand before deploying (a migration runs in one script and cannot); the
-- migration then finds it by name and drops the index it replaces.
CREATE INDEX IF NOT EXISTS listings_public_location_covering_idx ON reality.listings
  (latitude, longitude)
  INCLUDE (property_type, city, price, expires_at, transaction_type, rooms, size_sqm, is_featured, published_at, id)
  WHERE status = 'ACTIVE' AND published_at IS NOT NULL AND latitude IS NOT NULL AND longitude IS NOT NULL;
DROP INDEX IF EXISTS reality.listings_public_location_idx;
