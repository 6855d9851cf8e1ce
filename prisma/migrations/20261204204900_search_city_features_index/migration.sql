-- Hand-written (partial indexes are invisible to the schema diff). A search by city and features
-- ("lift and garage in Bratislava") counts its matches (up to the public count cap) through the
-- city index, which lacked the features: every city entry fetched its row to test them (a
-- quarter of a million rows for Bratislava) or the planner intersected two bitmaps of hundreds of
-- thousands of rows each. With the features in the index, the count is an index-only scan that
-- stops at the cap.
DROP INDEX IF EXISTS reality.listings_public_city_newest_idx;
CREATE INDEX listings_public_city_newest_idx ON reality.listings
  (platform.immutable_unaccent(lower(city)), published_at DESC, id DESC)
  INCLUDE (transaction_type, property_type, expires_at, city, features)
  WHERE status = 'ACTIVE' AND published_at IS NOT NULL;
