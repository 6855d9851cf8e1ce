-- Hand-written (extensions and partial indexes are invisible to the schema diff): full text ranked
-- inside the index (subgraphs/reality/src/modules/listings/listing-sql.ts, `ranksInIndex`).
--
-- A GIN index finds the matches but keeps no word positions, so ranking "2-izbovy kosice" by
-- ts_rank_cd reads every matching row from the table (~22,000 of 1,000,000 listings). A RUM index
-- stores each word's positions beside its posting and computes its own cover density score from
-- them (closer query words score higher, as with ts_rank_cd; the values differ), returning the
-- matches best first without reading the table for the score.
--
-- RUM is an extension (Debian: postgresql-15-rum; CI installs it). Where it is not available (the
-- embedded PostgreSQL of `npm start`, a managed database that does not offer it, an owner that may
-- not create extensions) this migration creates nothing and the search ranks with ts_rank_cd over
-- the GIN matches as before: the same rule, slower on common words. The search looks for the
-- indexes below by name to choose (listings/ranking.ts).
--
-- Featured listings rank first: one index for them and one for the rest, so each part of a page is
-- an ordered walk of its own index (a filter on is_featured after the walk would read every match
-- when none is featured).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum') THEN
    RAISE NOTICE 'rum is not available: the listing search ranks without it';
    RETURN;
  END IF;
  BEGIN
    CREATE EXTENSION IF NOT EXISTS rum WITH SCHEMA public;
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'rum cannot be created by %: the listing search ranks without it', current_user;
    RETURN;
  END;
  EXECUTE $sql$CREATE INDEX IF NOT EXISTS listings_public_words_rum_idx ON reality.listings
    USING rum (search_words public.rum_tsvector_ops)
    WHERE status = 'ACTIVE' AND published_at IS NOT NULL AND NOT is_featured$sql$;
  EXECUTE $sql$CREATE INDEX IF NOT EXISTS listings_public_featured_words_rum_idx ON reality.listings
    USING rum (search_words public.rum_tsvector_ops)
    WHERE status = 'ACTIVE' AND published_at IS NOT NULL AND is_featured$sql$;
END $$;
