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

-- The first page of RELEVANCE by words alone from the postings of its two rarest words (the
-- listings module's listing-sql.ts, postedWords, passes each query word's lexeme prefix, the
-- words' tsquery, the postings to read per lexeme and the matches wanted). The rarest word's
-- postings are read featured and newest first, one ordered index read per lexeme it covers,
-- intersected with the next rarest word's (read alongside when it has one lexeme, else looked
-- up among its postings), and a listing in both looked up in the featured/newest index (which
-- holds its other words and expiry) — until `wanted` match, or, when they are looked up, after
-- `walk` postings in all. The first matches of all the lexemes together are the search's
-- first matches in candidate order (no match of a lexeme beyond its first `wanted` is among
-- them), and all its matches when no lexeme was cut short. Returns them, or one row of NULLs
-- when this way does not settle the search (a lexeme cut short, or too many lexemes: the caller
-- then walks the featured/newest index or reads the GIN index).
-- A function of its own, with its plan's shape fixed: the planner costs these reads as if every
-- posting were read (it cannot know how soon the matches are found), so it would compile the
-- statement (JIT: tens of milliseconds for a search that runs in a few), hash a word's postings
-- whole, or look each one up where reading both words' in order is cheaper; with hash joins and
-- other nested loops off, the only nested loops left are the lookups by key written as such
-- (LIMIT 1 keeps each by key alone: with the words in it, the planner would rather match them
-- through the GIN index). Parallel restricted: a function that sets a parameter cannot run in a
-- parallel worker.
CREATE FUNCTION reality.listing_words_candidates(prefixes text[], query tsquery, walk integer, wanted integer)
RETURNS TABLE (id uuid, is_featured boolean, published_at timestamptz, created_at timestamptz, search_words tsvector)
LANGUAGE sql STABLE PARALLEL RESTRICTED
SET jit = off
SET enable_hashjoin = off
SET enable_nestloop = off
SET max_parallel_workers_per_gather = 0
ROWS 1000
AS $fn$
  WITH prefix AS (
    SELECT DISTINCT w.prefix COLLATE "C" AS prefix FROM unnest(prefixes) AS w(prefix) WHERE w.prefix IS NOT NULL
  ), pair AS MATERIALIZED (
    -- The rarest word (1) and the next (2); every lexeme starting with a prefix lies in
    -- [prefix, prefix || U+10FFFF), bytewise: no folded word holds that character.
    SELECT row_number() OVER (ORDER BY s.listings, s.prefix) AS rank, s.*
    FROM (
      SELECT w.prefix, coalesce(sum(c.listings), 0) AS listings, count(c.lexeme) AS lexemes,
             array_agg(c.lexeme) FILTER (WHERE c.lexeme IS NOT NULL) AS covered
      FROM prefix w LEFT JOIN reality.listing_word_counts c ON c.lexeme >= w.prefix AND c.lexeme < w.prefix || chr(1114111)
      GROUP BY w.prefix
    ) s
    ORDER BY s.listings, s.prefix LIMIT 2
  ), driving AS MATERIALIZED (
    SELECT x.lexeme FROM pair d CROSS JOIN LATERAL unnest(d.covered) AS x(lexeme) WHERE d.rank = 1 AND d.lexemes <= 16
  ), other AS MATERIALIZED (
    -- The next rarest word's lexemes (the rarest's again when the search has one word).
    SELECT coalesce(max(d.covered) FILTER (WHERE d.rank = 2), max(d.covered) FILTER (WHERE d.rank = 1)) AS covered,
           coalesce(max(d.lexemes) FILTER (WHERE d.rank = 2), max(d.lexemes) FILTER (WHERE d.rank = 1)) AS lexemes,
           coalesce(max(d.listings) FILTER (WHERE d.rank = 2), max(d.listings) FILTER (WHERE d.rank = 1)) AS listings
    FROM pair d
  ), way AS MATERIALIZED (
    -- Read alongside (merge) when the next rarest word has one lexeme and its postings, read
    -- once for each of the rarest word's lexemes at worst, stay under a million; else looked up
    -- (at most 8 lexemes, `walk` postings in all).
    SELECT o.lexemes = 1 AND (SELECT count(*) FROM driving) * o.listings <= 1000000 AS merges,
           o.lexemes <= 8 AS looks_up,
           greatest(walk / greatest((SELECT count(*) FROM driving), 1), 1) AS per_lexeme
    FROM other o
  ), posted AS MATERIALIZED (
    SELECT x.lexeme, m.* FROM driving x CROSS JOIN LATERAL (
      SELECT l.id, l.is_featured, l.published_at, l.created_at, l.search_words
      FROM (
        SELECT p.is_featured, p.published_at, p.listing_id FROM reality.listing_words p
        WHERE p.lexeme = x.lexeme ORDER BY p.is_featured DESC, p.published_at DESC, p.listing_id DESC
      ) p
      -- A next rarest word of one lexeme: its postings read alongside, in the same order (a
      -- merge join: neighbouring entries, a few pages for thousands of postings; so cheap a
      -- read that it goes on to the end — both words' postings whole for a pair never together
      -- cost about what the GIN index's bitmaps of them do) …
      JOIN reality.listing_words q ON q.lexeme = (SELECT o.covered[1] FROM other o)
        AND q.is_featured = p.is_featured AND q.published_at = p.published_at AND q.listing_id = p.listing_id
      CROSS JOIN LATERAL (
        SELECT l.id, l.is_featured, l.published_at, l.created_at, l.search_words, l.expires_at FROM reality.listings l
        WHERE l.status = 'ACTIVE' AND l.published_at IS NOT NULL
          AND l.is_featured = p.is_featured AND l.published_at = p.published_at AND l.id = p.listing_id
        LIMIT 1
      ) l
      WHERE (l.expires_at IS NULL OR l.expires_at > now()) AND l.search_words @@ query
      ORDER BY p.is_featured DESC, p.published_at DESC, p.listing_id DESC
      LIMIT wanted
    ) m
    WHERE (SELECT w.merges FROM way w)
    UNION ALL
    SELECT x.lexeme, m.* FROM driving x CROSS JOIN LATERAL (
      SELECT l.id, l.is_featured, l.published_at, l.created_at, l.search_words
      FROM (
        SELECT p.is_featured, p.published_at, p.listing_id FROM reality.listing_words p
        WHERE p.lexeme = x.lexeme ORDER BY p.is_featured DESC, p.published_at DESC, p.listing_id DESC LIMIT (SELECT w.per_lexeme FROM way w)
      ) p
      -- … of several: each posting looked up among theirs.
      CROSS JOIN LATERAL (
        SELECT FROM reality.listing_words q
        WHERE q.lexeme = ANY((SELECT o.covered FROM other o)::text[])
          AND q.is_featured = p.is_featured AND q.published_at = p.published_at AND q.listing_id = p.listing_id
        LIMIT 1
      ) q
      CROSS JOIN LATERAL (
        SELECT l.id, l.is_featured, l.published_at, l.created_at, l.search_words, l.expires_at FROM reality.listings l
        WHERE l.status = 'ACTIVE' AND l.published_at IS NOT NULL
          AND l.is_featured = p.is_featured AND l.published_at = p.published_at AND l.id = p.listing_id
        LIMIT 1
      ) l
      WHERE (l.expires_at IS NULL OR l.expires_at > now()) AND l.search_words @@ query
      ORDER BY p.is_featured DESC, p.published_at DESC, p.listing_id DESC
      LIMIT wanted
    ) m
    WHERE (SELECT NOT w.merges AND w.looks_up FROM way w)
  ), settled AS MATERIALIZED (
    SELECT EXISTS (SELECT FROM pair d WHERE d.rank = 1 AND d.lexemes <= 16)
      AND (SELECT w.merges OR w.looks_up FROM way w)
      AND ((SELECT w.merges FROM way w) OR NOT EXISTS (
        SELECT FROM driving x JOIN reality.listing_word_counts c ON c.lexeme = x.lexeme
        WHERE c.listings > (SELECT w.per_lexeme FROM way w) AND (SELECT count(*) FROM posted m WHERE m.lexeme = x.lexeme) < wanted
      )) AS yes
  )
  -- A listing may come from two lexemes of the rarest word: once.
  SELECT f.id, f.is_featured, f.published_at, f.created_at, f.search_words FROM (
    SELECT DISTINCT ON (m.is_featured, m.published_at, m.id) m.id, m.is_featured, m.published_at, m.created_at, m.search_words
    FROM posted m ORDER BY m.is_featured DESC, m.published_at DESC, m.id DESC LIMIT wanted
  ) f WHERE (SELECT s.yes FROM settled s)
  UNION ALL
  SELECT NULL, NULL, NULL, NULL, NULL WHERE NOT (SELECT s.yes FROM settled s)
$fn$;

GRANT EXECUTE ON FUNCTION reality.listing_words_candidates(text[], tsquery, integer, integer) TO ppt_reality;

-- The listings already there (13 million rows at 1M listings: the key is built once, after them).
INSERT INTO reality.listing_words (lexeme, is_featured, published_at, listing_id)
SELECT w.lexeme, l.is_featured, l.published_at, l.id
FROM reality.listings l CROSS JOIN LATERAL unnest(tsvector_to_array(l.search_words)) AS w(lexeme)
WHERE l.status = 'ACTIVE' AND l.published_at IS NOT NULL
-- In key order: a lexeme's postings then sit on neighbouring heap pages too, and an index-only
-- read of them consults one visibility-map page, not one per posting (new postings, the newest,
-- are appended: in order as well).
ORDER BY 1, 2, 3, 4;

ALTER TABLE "reality"."listing_words" ADD CONSTRAINT "listing_words_pkey" PRIMARY KEY ("lexeme","is_featured","published_at","listing_id");

INSERT INTO reality.listing_word_counts (lexeme, listings)
SELECT lexeme, count(*)::int FROM reality.listing_words GROUP BY lexeme;
