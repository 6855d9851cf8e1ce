-- Hand-written (partial indexes are invisible to the schema diff). RELEVANCE with a query ranks
-- the first 1,000 matches in the order RELEVANCE has without one (featured, newest, id:
-- listing-sql.ts, RELEVANCE_CANDIDATES). Common words ("2-izbový Košice": ~24,000 of 1,000,000
-- listings) were found through the words' GIN index — every posting of each prefix word, then a
-- visit to every matching row — although 1,000 were wanted. With the words and the other columns
-- the candidates read in the featured/newest index, the candidates are its first entries that
-- match, tested inside the index and read in order: about 40,000 entries for a word pair
-- matching one listing in forty, no row visited; the capped count (1,001 matches) walks the same
-- way. The search walks a bounded number of entries and turns to the GIN index when they hold
-- too few matches (listing-sql.ts, wordsWalk).
DROP INDEX IF EXISTS reality.listings_public_featured_newest_idx;
CREATE INDEX listings_public_featured_newest_idx ON reality.listings
  (is_featured DESC, published_at DESC, id DESC)
  INCLUDE (expires_at, created_at, search_words)
  WHERE status = 'ACTIVE' AND published_at IS NOT NULL;
