-- Hand-written (partial indexes are invisible to the schema diff): public listings by
-- transaction type, property type and room count, each in price order, holding the expiry.
--
-- A price-sorted search of one transaction and property type and a few room counts (the
-- portal's "3–4-room flats for sale, cheapest first") walks one range of it per room count and
-- merges them by price (pages.ts, roomsOfPricePage); its capped count reads it too. Along the
-- price index such a search walks every listing of the price range and keeps those with the
-- rooms: at 1,000,000 listings ~48,000 entries before a 3–4-room page's 21 rows, 9–65 ms for the
-- page and as much again for the count; from this index 0.4–1 ms each. 59 MB at 1,000,000
-- listings.
CREATE INDEX IF NOT EXISTS listings_public_rooms_price_idx ON reality.listings
  (transaction_type, property_type, rooms, price, id)
  INCLUDE (expires_at)
  WHERE status = 'ACTIVE' AND published_at IS NOT NULL;
