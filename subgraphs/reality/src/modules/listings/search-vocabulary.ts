// Slovak listing vocabulary written many ways, rewritten to one spelling before words are matched:
// at index time by reality.search_vocabulary (generated from this table into migration
// 20261203160000_search_vocabulary) and at query time by `normalizeQuery`. One table serves both,
// so a query and the text it should find cannot be normalized differently; a test checks that the
// migration holds exactly the function this table generates.
//
// The rules run on folded text (lower case, no diacritics). Their patterns use only syntax that
// PostgreSQL's regular expressions and JavaScript's read alike, and match whole words: the
// boundary before a match is captured, the one after it is a look-ahead.

/**
 * One rewrite. `query` is what a query's words become; `index` what the listing's text becomes,
 * a superset of it (so that the normalized query finds it) that may keep the original word (so
 * that a prefix being typed still finds it) and add broader words ("izbovy" for any room count).
 * `{1}` in either stands for the pattern's first group.
 */
export interface VocabularyRule {
  pattern: string;
  query: string;
  index: string;
}

const ROOM_WORD = "izb(?:ov[a-z]*|ak[a-z]*)?";

/** Room counts written as words ("trojizbový"), including the common misspellings without the j. */
const ROOM_NUMERALS: [string, number][] = [
  ["jedno", 1],
  ["dvoj?", 2],
  ["troj?", 3],
  ["stvor", 4],
  ["pat", 5],
  ["sest?", 6],
];

export const VOCABULARY_RULES: readonly VocabularyRule[] = [
  // 3-izbový, 3 izbový, 3izbový, 3-izbová, 3izb., 3-izb, 3 izbák, 3-room, 3 rooms, 3i, 3-i
  { pattern: `([0-9]{1,2})(?: ?-? ?(?:${ROOM_WORD}|rooms?)|-?i)`, query: "{1}-izbovy", index: "{1}-izbovy izbovy" },
  ...ROOM_NUMERALS.map(([stem, rooms]) => ({ pattern: `${stem}${ROOM_WORD}`, query: `${rooms}-izbovy`, index: `${rooms}-izbovy izbovy` })),
  // garsónka, garzónka, garsoniéra and their cases: a one-room flat
  { pattern: "(gar[sz]on[a-z]*)", query: "1-izbovy", index: "{1} 1-izbovy izbovy" },
  // rodinný dom, rodinného domu, rodinné domy, RD
  { pattern: "(rodinn[a-z]*[ -]dom[a-z]*)", query: "rodinny-dom", index: "{1} rodinny-dom" },
  { pattern: "rd", query: "rodinny-dom", index: "rd rodinny-dom dom" },
  // "izbový" alone, in any case: a flat of any room count (the rules above index "izbovy" too)
  { pattern: ROOM_WORD, query: "izbovy", index: "izbovy" },
];

const BEFORE = "(^|[^a-z0-9-])";
const AFTER = "(?=$|[^a-z0-9-])";

/** Diacritics and case folded as PostgreSQL's unaccent(lower()) does for Slovak (and Latin) letters. */
export function foldText(text: string): string {
  return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
}

function applyRules(folded: string, side: "query" | "index"): string {
  return VOCABULARY_RULES.reduce(
    (text, rule) =>
      text.replace(
        new RegExp(BEFORE + rule.pattern + AFTER, "g"),
        // Without a group of its own, the argument after the boundary is the match's offset.
        (_match, before: string, first: unknown) => before + rule[side].replaceAll("{1}", typeof first === "string" ? first : ""),
      ),
    folded,
  );
}

/** A search query folded and rewritten: "3 izbový" → "3-izbovy", "garsónka" → "1-izbovy". */
export function normalizeQuery(query: string): string {
  return applyRules(foldText(query), "query");
}

/** What the index function makes of a listing's folded text (the same rules, index side). */
export function normalizeIndexText(folded: string): string {
  return applyRules(folded, "index");
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The index side as an IMMUTABLE SQL function: one regexp_replace per rule, in order. */
export function searchVocabularyFunctionSql(): string {
  const body = VOCABULARY_RULES.reduce(
    (inner, rule) => `regexp_replace(\n    ${inner},\n    ${quote(BEFORE + rule.pattern + AFTER)}, ${quote("\\1" + rule.index.replaceAll("{1}", "\\2"))}, 'g')`,
    "$1",
  );
  return `CREATE OR REPLACE FUNCTION reality.search_vocabulary(text) RETURNS text\n  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT\n  RETURN ${body};\n`;
}
