-- The map clusters' edge strips (map-cells.ts): listings of the rectangle outside its counted
-- cells, in four strips — two latitude ranges, two longitude ranges. The (latitude, longitude)
-- location index answers a longitude range only by reading its whole latitude band (at zoom 7
-- over Slovakia, every listing), and fetches each row from the table for the columns it lacks.
-- Both orders, holding everything the strips read, so each strip is an index-only range scan.
CREATE INDEX IF NOT EXISTS listings_public_map_lng_idx ON reality.listings (longitude, latitude)
  INCLUDE (transaction_type, property_type, address_visibility, expires_at, id)
  WHERE status = 'ACTIVE' AND published_at IS NOT NULL AND latitude IS NOT NULL AND longitude IS NOT NULL;
CREATE INDEX IF NOT EXISTS listings_public_map_lat_idx ON reality.listings (latitude, longitude)
  INCLUDE (transaction_type, property_type, address_visibility, expires_at, id)
  WHERE status = 'ACTIVE' AND published_at IS NOT NULL AND latitude IS NOT NULL AND longitude IS NOT NULL;
