-- Hand-written (expression and partial indexes are invisible to the schema diff): the SIZE_DESC
-- index (20261126090000_search_indexes) also holds the size itself, the place and the expiry, so
-- a radius or map-box page walking it largest first (a small area in a dense region, where the
-- planner expects few matches further down) checks each entry in the index and reads only the
-- page's rows (pages.ts, readsRowsLate). At 1,000,000 listings a 2–4 km radius page walking it
-- took 12–21 ms with a row read for each entry (in parallel workers), 0.5–0.7 ms from the index
-- alone in one process. The expression key alone does not let PostgreSQL read the page from the
-- index: it needs size_sqm as a column. Built afresh there, the index grows from 36 to 68 MB.
--
-- A new name, so that on a large production table it can be built with CREATE INDEX
-- CONCURRENTLY by hand before deploying; the migration then finds it by name and drops the index
-- it replaces.
CREATE INDEX IF NOT EXISTS listings_public_size_desc_covering_idx ON reality.listings
  ((coalesce(size_sqm, -1)) DESC, id DESC)
  INCLUDE (size_sqm, latitude, longitude, expires_at)
  WHERE status = 'ACTIVE' AND published_at IS NOT NULL;
DROP INDEX IF EXISTS reality.listings_public_size_desc_idx;
