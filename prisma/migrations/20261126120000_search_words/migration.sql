-- Hand-written (functions are invisible to the schema diff; the column and its index are in
-- schema.prisma): the words the listing search matches, indexed so that one GIN lookup decides a
-- match (subgraphs/reality/src/modules/search/sql.ts).
--
-- The search's word rule: a query word matches a word of the text that starts with it, a
-- hyphenated name counting as one word — "kosice" finds "Košice" but neither "Košická" nor
-- "Košice-okolie", "3-izbovy" finds "3-izbový" but not "13-izbový". The built-in parser splits
-- "Košice-okolie" into three tokens, so search_vector can only propose candidates. Here a word
-- (a run of letters, digits and hyphens of the folded text) is stored with a '|' after its last
-- hyphen, and a query word is encoded the same way and matched as a prefix: '|kosice':* matches
-- '|kosice' and '|kosicami', never 'kosice-|okolie'; '3-|izbovy':* matches '3-|izbovy', never
-- '13-|izbovy'. A prefix of the encoded text word therefore always contains all of that word's
-- hyphens, which is exactly "starts with the query word, continues without a hyphen".
--
-- Words longer than 100 characters are indexed by their first 100 (a lexeme is at most 2 KB):
-- under '>' followed by those characters, for query words longer than 100 (which the search then
-- rechecks), and encoded as above when no hyphen follows them, which keeps shorter query words exact.
-- Words starting or ending with a hyphen can match no query word (query words are trimmed of
-- hyphens) and are left out. Positions (the word's ordinal) let ts_rank_cd rank by proximity.

CREATE OR REPLACE FUNCTION reality.search_word_lexeme(word text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN regexp_replace(word, '^(.*-)?', '\1|');

-- Redefining either function does not recompute stored columns: change them in a new migration
-- that also rewrites search_words (e.g. drop and re-add the column).
CREATE OR REPLACE FUNCTION reality.search_words(text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN (
    SELECT coalesce(string_agg(format('''%s'':%s', l.lexeme, least(w.position, 16383)), ' '), '')::tsvector
    FROM regexp_split_to_table(platform.immutable_unaccent(lower($1)), '[^[:alnum:]-]+') WITH ORDINALITY AS w(word, position),
    LATERAL (
      SELECT reality.search_word_lexeme(w.word) WHERE length(w.word) <= 100
      UNION ALL SELECT '>' || left(w.word, 100) WHERE length(w.word) > 100
      UNION ALL SELECT reality.search_word_lexeme(left(w.word, 100)) WHERE length(w.word) > 100 AND strpos(substr(w.word, 101), '-') = 0
    ) l(lexeme)
    WHERE w.word <> '' AND left(w.word, 1) <> '-' AND right(w.word, 1) <> '-'
  );

GRANT EXECUTE ON FUNCTION reality.search_word_lexeme(text) TO ppt_reality;

-- Adding a stored generated column rewrites the table (about a minute per million listings).
ALTER TABLE "reality"."listings" ADD COLUMN "search_words" tsvector GENERATED ALWAYS AS (reality.search_words(COALESCE(title, '') || ' ' || COALESCE(description, '') || ' ' || COALESCE(city, '') || ' ' || COALESCE(district, ''))) STORED;

CREATE INDEX "listings_search_words_idx" ON "reality"."listings" USING GIN ("search_words");
