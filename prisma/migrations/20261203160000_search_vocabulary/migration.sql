-- Hand-written (functions are invisible to the schema diff; the column and its index are unchanged
-- in schema.prisma): the listing search's words go through reality.search_vocabulary first, which
-- rewrites Slovak listing vocabulary to one spelling ("3 izbový", "3izb.", "trojizbový", "3i" →
-- "3-izbovy"; "garsónka" → "1-izbovy"; "RD" → "rodinny-dom") and adds the broader word "izbovy"
-- to any room count. The query side applies the same rules
-- (subgraphs/reality/src/modules/listings/search-vocabulary.ts); the function below is generated
-- from that table, and a test checks that this file holds exactly what the table generates.

CREATE OR REPLACE FUNCTION reality.search_vocabulary(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    regexp_replace(
    $1,
    '(^|[^a-z0-9-])([0-9]{1,2})(?: ?-? ?(?:izb(?:ov[a-z]*|ak[a-z]*)?|rooms?)|-?i)(?=$|[^a-z0-9-])', '\1\2-izbovy izbovy', 'g'),
    '(^|[^a-z0-9-])jednoizb(?:ov[a-z]*|ak[a-z]*)?(?=$|[^a-z0-9-])', '\11-izbovy izbovy', 'g'),
    '(^|[^a-z0-9-])dvoj?izb(?:ov[a-z]*|ak[a-z]*)?(?=$|[^a-z0-9-])', '\12-izbovy izbovy', 'g'),
    '(^|[^a-z0-9-])troj?izb(?:ov[a-z]*|ak[a-z]*)?(?=$|[^a-z0-9-])', '\13-izbovy izbovy', 'g'),
    '(^|[^a-z0-9-])stvorizb(?:ov[a-z]*|ak[a-z]*)?(?=$|[^a-z0-9-])', '\14-izbovy izbovy', 'g'),
    '(^|[^a-z0-9-])patizb(?:ov[a-z]*|ak[a-z]*)?(?=$|[^a-z0-9-])', '\15-izbovy izbovy', 'g'),
    '(^|[^a-z0-9-])sest?izb(?:ov[a-z]*|ak[a-z]*)?(?=$|[^a-z0-9-])', '\16-izbovy izbovy', 'g'),
    '(^|[^a-z0-9-])(gar[sz]on[a-z]*)(?=$|[^a-z0-9-])', '\1\2 1-izbovy izbovy', 'g'),
    '(^|[^a-z0-9-])(rodinn[a-z]*[ -]dom[a-z]*)(?=$|[^a-z0-9-])', '\1\2 rodinny-dom', 'g'),
    '(^|[^a-z0-9-])rd(?=$|[^a-z0-9-])', '\1rd rodinny-dom dom', 'g'),
    '(^|[^a-z0-9-])izb(?:ov[a-z]*|ak[a-z]*)?(?=$|[^a-z0-9-])', '\1izbovy', 'g');

GRANT EXECUTE ON FUNCTION reality.search_vocabulary(text) TO ppt_reality;

-- A stored column is not recomputed when its function changes: drop it (and its index), redefine
-- the function, add the column back with the same expression (rewrites the table: about a minute
-- per million listings).
ALTER TABLE "reality"."listings" DROP COLUMN "search_words";

CREATE OR REPLACE FUNCTION reality.search_words(text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN (
    SELECT coalesce(string_agg(format('''%s'':%s', l.lexeme, least(w.position, 16383)), ' '), '')::tsvector
    FROM regexp_split_to_table(reality.search_vocabulary(platform.immutable_unaccent(lower($1))), '[^[:alnum:]-]+') WITH ORDINALITY AS w(word, position),
    LATERAL (
      SELECT reality.search_word_lexeme(w.word) WHERE length(w.word) <= 100
      UNION ALL SELECT '>' || left(w.word, 100) WHERE length(w.word) > 100
      UNION ALL SELECT reality.search_word_lexeme(left(w.word, 100)) WHERE length(w.word) > 100 AND strpos(substr(w.word, 101), '-') = 0
    ) l(lexeme)
    WHERE w.word <> '' AND left(w.word, 1) <> '-' AND right(w.word, 1) <> '-'
  );

ALTER TABLE "reality"."listings" ADD COLUMN "search_words" tsvector GENERATED ALWAYS AS (reality.search_words(COALESCE(title, '') || ' ' || COALESCE(description, '') || ' ' || COALESCE(city, '') || ' ' || COALESCE(district, ''))) STORED;

CREATE INDEX "listings_search_words_idx" ON "reality"."listings" USING GIN ("search_words");
