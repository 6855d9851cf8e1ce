-- CreateTable
CREATE TABLE "reality"."listing_words" (
    "lexeme" TEXT COLLATE "C" NOT NULL,
    "is_featured" BOOLEAN NOT NULL,
    "published_at" TIMESTAMPTZ(6) NOT NULL,
    "listing_id" UUID NOT NULL
);

-- CreateTable
CREATE TABLE "reality"."listing_word_counts" (
    "lexeme" TEXT COLLATE "C" NOT NULL,
    "listings" INTEGER NOT NULL,

    CONSTRAINT "listing_word_counts_pkey" PRIMARY KEY ("lexeme")
);

-- Hand-written below. RELEVANCE with a query ranks the first 1,000 matches in featured/newest
-- order (listing-sql.ts, RELEVANCE_CANDIDATES). Walking the featured/newest index finds them
-- for common word pairs, but a pair matching one public listing in a hundred or fewer ("4-izbový
-- Prešov") needs more than the 60,000 entries walked, and the words' GIN index then reads every
-- match's row to sort them (~100 ms at 1M listings). Here each lexeme's listings are kept in that
-- order: the search walks the rarest word's listings newest first and tests the other words in
-- the featured/newest index, so it reads about as many entries as the rarest word has listings
-- before the 1,000th match — for "4-izbový Prešov" ~8,000 instead of ~130,000.
-- The lexemes are compared byte by byte (COLLATE "C"), so that the lexemes a prefix word covers
-- are one range: every lexeme starting with '|presov' lies in ['|presov', '|presov' || U+10FFFF).
-- Rows carry only what never changes without a write to the listing's words, featured flag,
-- publication or status; expiry is tested in the featured/newest index.

-- Lexemes whose listings were all removed are deleted by the same statement: found through this small index.
CREATE INDEX listing_word_counts_empty_idx ON reality.listing_word_counts (lexeme) WHERE listings = 0;

-- One statement-level trigger function for inserts, updates and deletes: the postings the
-- statement removed (old rows' not among the new rows') are deleted, those it added inserted, and
-- each lexeme's count moved by the difference in one upsert sorted by lexeme (concurrent writers
-- lock counts in the same order). An update that changes none of a posting's columns nets to zero.
CREATE FUNCTION reality.listing_words_sync() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
  postings_of text := $q$
    SELECT w.lexeme COLLATE "C" AS lexeme, r.is_featured, r.published_at, r.id AS listing_id
    FROM %s r CROSS JOIN LATERAL unnest(tsvector_to_array(r.search_words)) AS w(lexeme)
    WHERE r.status = 'ACTIVE' AND r.published_at IS NOT NULL$q$;
  nothing text := 'SELECT NULL::text COLLATE "C" AS lexeme, NULL::boolean AS is_featured, NULL::timestamptz AS published_at, NULL::uuid AS listing_id WHERE false';
  removed text;
  added text;
BEGIN
  removed := CASE TG_OP
    WHEN 'INSERT' THEN nothing
    WHEN 'DELETE' THEN format(postings_of, 'old_rows')
    ELSE format(postings_of, 'old_rows') || ' EXCEPT ' || format(postings_of, 'new_rows')
  END;
  added := CASE TG_OP
    WHEN 'DELETE' THEN nothing
    WHEN 'INSERT' THEN format(postings_of, 'new_rows')
    ELSE format(postings_of, 'new_rows') || ' EXCEPT ' || format(postings_of, 'old_rows')
  END;
  -- Removed and added postings are disjoint (a difference of whole rows, the whole row the key),
  -- so the delete and the insert never meet the same row.
  EXECUTE format($q$
    WITH removed AS MATERIALIZED (%s), added AS MATERIALIZED (%s),
    gone AS (
      DELETE FROM reality.listing_words p USING removed r
      WHERE p.lexeme = r.lexeme AND p.is_featured = r.is_featured AND p.published_at = r.published_at AND p.listing_id = r.listing_id
    ),
    came AS (
      INSERT INTO reality.listing_words (lexeme, is_featured, published_at, listing_id) SELECT * FROM added
    )
    INSERT INTO reality.listing_word_counts AS c (lexeme, listings)
    SELECT d.lexeme, sum(d.sign)::int
    FROM (SELECT lexeme, 1 AS sign FROM added UNION ALL SELECT lexeme, -1 FROM removed) d
    GROUP BY 1
    HAVING sum(d.sign) <> 0
    ORDER BY 1
    ON CONFLICT (lexeme) DO UPDATE SET listings = c.listings + excluded.listings$q$, removed, added);
  DELETE FROM reality.listing_word_counts WHERE listings = 0;
  RETURN NULL;
END
$fn$;

CREATE FUNCTION reality.listing_words_clear() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
  DELETE FROM reality.listing_words;
  DELETE FROM reality.listing_word_counts;
  RETURN NULL;
END
$fn$;

REVOKE ALL ON FUNCTION reality.listing_words_sync() FROM PUBLIC;
REVOKE ALL ON FUNCTION reality.listing_words_clear() FROM PUBLIC;
-- Derived from the listings, written only by the triggers.
REVOKE INSERT, UPDATE, DELETE ON reality.listing_words FROM ppt_reality;
REVOKE INSERT, UPDATE, DELETE ON reality.listing_word_counts FROM ppt_reality;

CREATE TRIGGER listings_words_insert AFTER INSERT ON reality.listings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reality.listing_words_sync();
CREATE TRIGGER listings_words_update AFTER UPDATE ON reality.listings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reality.listing_words_sync();
CREATE TRIGGER listings_words_delete AFTER DELETE ON reality.listings
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reality.listing_words_sync();
CREATE TRIGGER listings_words_truncate AFTER TRUNCATE ON reality.listings
  FOR EACH STATEMENT EXECUTE FUNCTION reality.listing_words_clear();

-- The listings already there (13 million rows at 1M listings: the key is built once, after them).
INSERT INTO reality.listing_words (lexeme, is_featured, published_at, listing_id)
SELECT w.lexeme, l.is_featured, l.published_at, l.id
FROM reality.listings l CROSS JOIN LATERAL unnest(tsvector_to_array(l.search_words)) AS w(lexeme)
WHERE l.status = 'ACTIVE' AND l.published_at IS NOT NULL;

ALTER TABLE "reality"."listing_words" ADD CONSTRAINT "listing_words_pkey" PRIMARY KEY ("lexeme","is_featured","published_at","listing_id");

INSERT INTO reality.listing_word_counts (lexeme, listings)
SELECT lexeme, count(*)::int FROM reality.listing_words GROUP BY lexeme;
