// SQL for listing searches, built from Prisma.sql fragments: every user value is a bound
// parameter, never concatenated text. Used by search, the realtor/agency connections and
// saved-search matching.
import { Prisma } from "@ppt/db/client";
import type { SearchFilter } from "./filter.ts";

const sql = Prisma.sql;

/** Every column of reality.listings under its Prisma field name, so raw rows are `Listing`s. */
const LISTING_FIELDS: [string, string][] = [
  ["id", "id"],
  ["realtor_id", "realtorId"],
  ["agency_id", "agencyId"],
  ["organization_id", "organizationId"],
  ["unit_id", "unitId"],
  ["external_id", "externalId"],
  ["source_checksum", "sourceChecksum"],
  ["property_type", "propertyType"],
  ["transaction_type", "transactionType"],
  ["title", "title"],
  ["description", "description"],
  ["description_translations", "descriptionTranslations"],
  ["street", "street"],
  ["street_number", "streetNumber"],
  ["city", "city"],
  ["district", "district"],
  ["postal_code", "postalCode"],
  ["country", "country"],
  ["latitude", "latitude"],
  ["longitude", "longitude"],
  ["address_visibility", "addressVisibility"],
  ["price", "price"],
  ["currency", "currency"],
  ["size_sqm", "sizeSqm"],
  ["land_size_sqm", "landSizeSqm"],
  ["rooms", "rooms"],
  ["bathrooms", "bathrooms"],
  ["floor", "floor"],
  ["total_floors", "totalFloors"],
  ["year_built", "yearBuilt"],
  ["energy_class", "energyClass"],
  ["features", "features"],
  ["status", "status"],
  ["is_featured", "isFeatured"],
  ["views_count", "viewsCount"],
  ["favorites_count", "favoritesCount"],
  ["inquiries_count", "inquiriesCount"],
  ["published_at", "publishedAt"],
  ["expires_at", "expiresAt"],
  ["archived_at", "archivedAt"],
  ["created_at", "createdAt"],
  ["updated_at", "updatedAt"],
];

// Enum columns are cast to text: raw results then carry plain strings, like Prisma's models.
const ENUM_COLUMNS = new Set(["property_type", "transaction_type", "address_visibility", "energy_class", "status"]);

const listingColumn = ([column, field]: [string, string]) => `l.${column}${ENUM_COLUMNS.has(column) ? "::text" : ""} AS "${field}"`;

export const LISTING_COLUMNS = Prisma.raw(LISTING_FIELDS.map(listingColumn).join(", "));

/**
 * The columns of only these model fields (see page-columns.ts), or of every field. A page of
 * twelve fields reads, sends and parses a quarter of a whole row's columns.
 */
export function listingColumns(fields?: ReadonlySet<string>): Prisma.Sql {
  return fields
    ? Prisma.raw(
        LISTING_FIELDS.filter(([, field]) => fields.has(field))
          .map(listingColumn)
          .join(", "),
      )
    : LISTING_COLUMNS;
}

/**
 * Title, description, city and district, lower-cased without diacritics and with the listing
 * vocabulary rewritten as the index does it: what words are matched in.
 */
const FOLDED_TEXT = sql`reality.search_vocabulary(platform.immutable_unaccent(lower(l.title || ' ' || coalesce(l.description, '') || ' ' || l.city || ' ' || coalesce(l.district, ''))))`;

/**
 * A query word folded like the indexed text: lower case, no diacritics, then only letters, digits
 * and hyphens. Folding happens in SQL (with the index's own unaccent) and may itself produce
 * punctuation ("½" → " 1/2", "ŉ" → "'n"), so the cleaning comes after it: no word ever carries a
 * tsquery operator or a regular-expression metacharacter.
 */
function foldedWord(term: string | Prisma.Sql): Prisma.Sql {
  return sql`trim(both '-' from regexp_replace(platform.immutable_unaccent(lower(${term})), '[^[:alnum:]-]+', '', 'g'))`;
}

/**
 * The words of a text array (a saved search's stored terms) as a tsquery over `l.search_words`,
 * encoded like `searchWordsQuery`; the array's length is only known in SQL, hence the subquery
 * (saved-search matching tests one listing at a time, so no plan depends on it). A word longer
 * than the index keeps is looked up by its first characters: `wordMatch` decides.
 */
export function searchWordsTsquery(terms: Prisma.Sql): Prisma.Sql {
  const lexeme = sql`CASE WHEN length(w) <= ${INDEXED_WORD_LENGTH} THEN reality.search_word_lexeme(w) ELSE '>' || left(w, ${INDEXED_WORD_LENGTH}) END`;
  return sql`(SELECT coalesce(string_agg('''' || ${lexeme} || ''':*', ' & '), '')::tsquery
    FROM (SELECT ${foldedWord(sql`t`)} AS w FROM unnest(${terms}) t) words WHERE w <> '')`;
}

/**
 * A word matches a word of the text that starts with it, a hyphenated name counting as one word:
 * "kosice" finds "Košice" and "Košice," but neither "Košická" nor the compound "Košice-okolie"
 * (another district); "3-izbovy" finds "3-izbový" but not "2-izbový". The rule as a regular
 * expression over the folded text: what `searchWordsQuery` decides from the index alone, and what
 * settles the cases the index cannot (`longWordMatch`, saved-search matching).
 */
export function wordMatch(term: string | Prisma.Sql, text: Prisma.Sql = FOLDED_TEXT): Prisma.Sql {
  const word = foldedWord(term);
  return sql`(${word} = '' OR ${text} ~ ('(^|[^[:alnum:]-])' || ${word} || '[[:alnum:]]*($|[^[:alnum:]-])'))`;
}

/**
 * Query words up to this length are decided by the `search_words` index alone; longer ones are
 * looked up by their first characters and rechecked (migration 20261126120000_search_words).
 */
const INDEXED_WORD_LENGTH = Prisma.raw("100");

/**
 * The query words as a tsquery over `l.search_words`, one required prefix lexeme per word, encoded
 * like the indexed words (`reality.search_word_lexeme`: a '|' after the last hyphen), so that
 * '|kosice':* finds "Košice" but not "Košice-okolie" ('kosice-|okolie') and '3-|izbovy':* finds
 * "3-izbový" but not "13-izbový". Built with the tsquery input cast: to_tsquery would run the
 * parser over the quoted word and split "3-izbovy" into a phrase again. Folded words hold only
 * letters, digits and hyphens, so nothing in them can end the quotes. One ` & 'lexeme':*` per word
 * that folds to something, the first ` & ` cut off: no subquery and only immutable functions, so
 * the planner folds the query to a constant and estimates its matches from the column statistics.
 */
export function searchWordsQuery(terms: readonly string[]): Prisma.Sql {
  const items = terms.map((term) => {
    const word = foldedWord(term);
    const lexeme = sql`CASE WHEN length(${word}) <= ${INDEXED_WORD_LENGTH} THEN reality.search_word_lexeme(${word}) ELSE '>' || left(${word}, ${INDEXED_WORD_LENGTH}) END`;
    return sql`CASE WHEN ${word} = '' THEN '' ELSE ' & ''' || ${lexeme} || ''':*' END`;
  });
  return sql`(substr(${Prisma.join(items, " || ")}, 4)::tsquery)`;
}

/** The recheck only a query word longer than the index keeps needs (constant-folded away otherwise). */
function longWordMatch(term: string): Prisma.Sql {
  return sql`(length(${foldedWord(term)}) <= ${INDEXED_WORD_LENGTH} OR ${wordMatch(term)})`;
}

export const folded = (value: Prisma.Sql) => sql`platform.immutable_unaccent(lower(${value}))`;

/** The sphere earthdistance measures on (`public.earth()`), in metres. */
const EARTH_RADIUS_M = 6378168;
const degrees = (radians: number) => (radians * 180) / Math.PI;

const boxBounds = (box: NonNullable<SearchFilter["boundingBox"]>) =>
  sql`l.latitude BETWEEN ${box.south}::float8 AND ${box.north}::float8 AND l.longitude BETWEEN ${box.west}::float8 AND ${box.east}::float8`;

const haversine = (radians: number) => Math.sin(radians / 2) ** 2;
const inverseHaversine = (value: number) => 2 * Math.asin(Math.sqrt(value));

/**
 * A latitude/longitude rectangle wholly inside the circle, with a margin of about a thousandth of
 * the radius, or null (a circle near a pole or the antimeridian, or too small to bother). By the
 * haversine formula, on the sphere earthdistance measures on, a point Δφ, Δλ from the centre is
 * at d with hav(d) = hav(Δφ) + cos φ · cos φ₀ · hav(Δλ); each half-extent takes just under half
 * of hav(radius), with cos φ bounded by its largest value in the rectangle, so every point in it
 * is nearer than the radius by far more than floating-point rounding. Its listings need no
 * earth_distance, which costs ~3 µs a listing: most of a radius search's time in a dense city.
 */
export function radiusInnerBox(latitude: number, longitude: number, meters: number): NonNullable<SearchFilter["boundingBox"]> | null {
  const angle = meters / EARTH_RADIUS_M;
  if (meters < 1 || angle > 0.1) return null;
  const share = haversine(angle) * 0.499;
  const halfLatitude = inverseHaversine(share);
  const center = (latitude * Math.PI) / 180;
  const south = center - halfLatitude;
  const north = center + halfLatitude;
  if (south <= -Math.PI / 2 || north >= Math.PI / 2) return null;
  const widestCos = south <= 0 && north >= 0 ? 1 : Math.cos(Math.min(Math.abs(south), Math.abs(north)));
  const lngShare = share / (widestCos * Math.cos(center));
  if (lngShare >= 1) return null;
  const halfLongitude = degrees(inverseHaversine(lngShare));
  if (longitude - halfLongitude <= -180 || longitude + halfLongitude >= 180) return null;
  return { south: degrees(south), north: degrees(north), west: longitude - halfLongitude, east: longitude + halfLongitude };
}

/**
 * Metres either side of the radius within which earth_distance, not the haversine, decides. Both
 * give the great-circle distance on earthdistance's sphere: earth_distance from 3-D points six
 * million metres from the centre (about a centimetre of rounding), the haversine from angles.
 */
const HAVERSINE_MARGIN_M = 1;

/**
 * Great-circle search. The latitude/longitude rectangle around the circle (1 % wider, so
 * rounding never excludes a point) lets the planner use the location index and estimate from
 * column statistics how many listings are near. Inside the rectangle within the circle
 * (`radiusInnerBox`, tested first) a listing is in; elsewhere the haversine formula over its
 * latitude and longitude decides — a few float operations, where earth_distance builds two
 * 3-D points (~4 µs a listing: 60 ms of a 3 km radius in a city of 30,000 listings, 5 ms this
 * way) — and earth_distance only within a metre of the radius. The outer rectangle has no
 * longitude bounds when the circle reaches a pole or crosses the antimeridian.
 */
export function withinRadius(latitude: number, longitude: number, meters: number): Prisma.Sql {
  const center = sql`public.ll_to_earth(${latitude}::float8, ${longitude}::float8)`;
  const angle = (meters / EARTH_RADIUS_M) * 1.01 + 1e-9;
  const south = latitude - degrees(angle);
  const north = latitude + degrees(angle);
  const bounds = [sql`l.latitude BETWEEN ${south}::float8 AND ${north}::float8`];
  if (north < 90 && south > -90) {
    const spread = degrees(Math.asin(Math.min(1, Math.sin(angle) / Math.cos((latitude * Math.PI) / 180))));
    if (longitude - spread > -180 && longitude + spread < 180)
      bounds.push(sql`l.longitude BETWEEN ${longitude - spread}::float8 AND ${longitude + spread}::float8`);
  }
  const inner = radiusInnerBox(latitude, longitude, meters);
  // OR evaluates its arms in order: the rectangle's comparisons first, the haversine outside it,
  // earth_distance only near the circle.
  const inside = inner ? sql`(${boxBounds(inner)}) OR ` : Prisma.empty;
  // hav(d) of the listing's distance d: hav(Δφ) + cos φ · cos φ₀ · hav(Δλ), rising with d up to half the globe.
  const hav = sql`(power(sin(radians(l.latitude - ${latitude}::float8) / 2), 2)
    + ${Math.cos((latitude * Math.PI) / 180)}::float8 * cos(radians(l.latitude)) * power(sin(radians(l.longitude - ${longitude}::float8) / 2), 2))`;
  const surelyIn = meters > HAVERSINE_MARGIN_M ? haversine((meters - HAVERSINE_MARGIN_M) / EARTH_RADIUS_M) : -1;
  const maybeIn = haversine(Math.min(Math.PI, (meters + HAVERSINE_MARGIN_M) / EARTH_RADIUS_M));
  return sql`(l.latitude IS NOT NULL AND l.longitude IS NOT NULL AND ${Prisma.join(bounds, " AND ")}
    AND (${inside}${hav} <= ${surelyIn}::float8
      OR (${hav} <= ${maybeIn}::float8 AND public.earth_distance(${center}, public.ll_to_earth(l.latitude, l.longitude)) <= ${meters}::float8)))`;
}

/** A latitude/longitude rectangle: a range scan of the location index, the exact bounds. */
function withinBox(box: NonNullable<SearchFilter["boundingBox"]>): Prisma.Sql {
  return sql`(l.latitude IS NOT NULL AND l.longitude IS NOT NULL AND ${boxBounds(box)})`;
}

/** Which listings a search may return at all. */
export interface SearchScope {
  statuses: readonly string[];
  /** Public searches: published and not expired. */
  publishedOnly: boolean;
  realtorId?: string;
  agencyId?: string;
  /** Listings someone edits: their own, their admin agencies', their organization's. */
  editor?: { realtorId: string | null; agencyIds: string[]; organizationId: string | null };
}

/**
 * The public search's scope (published ACTIVE listings, nobody's in particular): what the
 * indexes, per-cell counts and postings kept for the portal's searches describe.
 */
export function isPublicSearch(scope: SearchScope): boolean {
  return scope.publishedOnly && scope.statuses.length === 1 && scope.statuses[0] === "ACTIVE" && !scope.realtorId && !scope.agencyId && !scope.editor;
}

/** Listings `l` someone edits: the realtor's own, their admin agencies', their organization's. */
export function editedBy(editor: NonNullable<SearchScope["editor"]>): Prisma.Sql {
  return sql`(l.realtor_id = ${editor.realtorId}::uuid OR l.agency_id = ANY(${editor.agencyIds}::uuid[]) OR l.organization_id = ${editor.organizationId}::uuid)`;
}

/**
 * `options.radiusInnerBox`: the radius as its inner rectangle alone (`radiusInnerBox`), some of
 * the matches at no earth_distance each — enough for a capped count when they exceed the cap.
 */
export function filterConditions(
  filter: SearchFilter,
  scope: SearchScope,
  options: { radiusInnerBox?: NonNullable<SearchFilter["boundingBox"]> } = {},
): Prisma.Sql {
  // A single status (or property type) as `=`, so the planner can walk (status, …) indexes in
  // sort order and match the partial `status = 'ACTIVE'` indexes; `= ANY` on a later index
  // column would cost the index its order.
  const parts: Prisma.Sql[] = [
    scope.statuses.length === 1
      ? sql`l.status = ${scope.statuses[0]!}::reality."ListingStatus"`
      : sql`l.status = ANY(${[...scope.statuses]}::reality."ListingStatus"[])`,
  ];
  if (scope.publishedOnly) parts.push(sql`l.published_at IS NOT NULL AND (l.expires_at IS NULL OR l.expires_at > now())`);
  if (scope.realtorId) parts.push(sql`l.realtor_id = ${scope.realtorId}::uuid`);
  if (scope.agencyId) parts.push(sql`l.agency_id = ${scope.agencyId}::uuid`);
  if (scope.editor) parts.push(editedBy(scope.editor));
  if (filter.terms.length) {
    parts.push(sql`l.search_words @@ ${searchWordsQuery(filter.terms)}`);
    for (const term of filter.terms) parts.push(longWordMatch(term));
  }
  if (filter.transactionType) parts.push(sql`l.transaction_type = ${filter.transactionType}::reality."ListingTransactionType"`);
  if (filter.propertyTypes?.length === 1) parts.push(sql`l.property_type = ${filter.propertyTypes[0]!}::reality."ListingPropertyType"`);
  else if (filter.propertyTypes) parts.push(sql`l.property_type = ANY(${filter.propertyTypes}::reality."ListingPropertyType"[])`);
  if (filter.city) parts.push(sql`${folded(sql`l.city`)} = ${folded(sql`${filter.city}`)}`);
  if (filter.district) parts.push(sql`${folded(sql`l.district`)} = ${folded(sql`${filter.district}`)}`);
  if (filter.minPrice) parts.push(sql`l.price >= ${filter.minPrice}::numeric`);
  if (filter.maxPrice) parts.push(sql`l.price <= ${filter.maxPrice}::numeric`);
  if (filter.minSizeSqm) parts.push(sql`l.size_sqm >= ${filter.minSizeSqm}::numeric`);
  if (filter.maxSizeSqm) parts.push(sql`l.size_sqm <= ${filter.maxSizeSqm}::numeric`);
  if (filter.minRooms !== undefined) parts.push(sql`l.rooms >= ${filter.minRooms}::int`);
  if (filter.maxRooms !== undefined) parts.push(sql`l.rooms <= ${filter.maxRooms}::int`);
  if (filter.features?.length) parts.push(sql`l.features @> ${filter.features}::text[]`);
  if (filter.boundingBox) parts.push(withinBox(filter.boundingBox));
  if (options.radiusInnerBox) parts.push(withinBox(options.radiusInnerBox));
  else if (filter.radius) parts.push(withinRadius(filter.radius.latitude, filter.radius.longitude, filter.radius.radiusKm * 1000));
  return Prisma.join(parts, " AND ");
}

// ---------------------------------------------------------------------------------------------
// Sort orders and keyset cursors

export type ListingSort = "RELEVANCE" | "PRICE_ASC" | "PRICE_DESC" | "SIZE_ASC" | "SIZE_DESC" | "NEWEST";

/** One column of a sort: its expression, the SQL type its cursor value is read back as, its direction. */
export interface SortKey {
  expr: Prisma.Sql;
  type: "timestamptz" | "numeric" | "real" | "uuid" | "boolean";
  direction: "asc" | "desc";
}

// Listings without a size sort last in both directions.
const SIZE_LAST_ASC = sql`coalesce(l.size_sqm, 99999999.99)`;
const SIZE_LAST_DESC = sql`coalesce(l.size_sqm, -1)`;

export function sortKeys(sort: ListingSort, filter: SearchFilter, scope: SearchScope): SortKey[] {
  const id = (direction: "asc" | "desc"): SortKey => ({ expr: sql`l.id`, type: "uuid", direction });
  const newest: SortKey = { expr: scope.publishedOnly ? sql`l.published_at` : sql`l.created_at`, type: "timestamptz", direction: "desc" };
  switch (sort) {
    case "PRICE_ASC":
      return [{ expr: sql`l.price`, type: "numeric", direction: "asc" }, id("asc")];
    case "PRICE_DESC":
      return [{ expr: sql`l.price`, type: "numeric", direction: "desc" }, id("desc")];
    case "SIZE_ASC":
      return [{ expr: SIZE_LAST_ASC, type: "numeric", direction: "asc" }, id("asc")];
    case "SIZE_DESC":
      return [{ expr: SIZE_LAST_DESC, type: "numeric", direction: "desc" }, id("desc")];
    case "RELEVANCE": {
      const featured: SortKey = { expr: sql`l.is_featured`, type: "boolean", direction: "desc" };
      if (!filter.terms.length) return [featured, newest, id("desc")];
      return [featured, { expr: sql`ts_rank_cd(l.search_words, ${searchWordsQuery(filter.terms)})`, type: "real", direction: "desc" }, id("desc")];
    }
    case "NEWEST":
      return [newest, id("desc")];
  }
}

/**
 * RELEVANCE with a query ranks a bounded set of candidates, not every match: a common word
 * ("2-izbový Košice") matches tens of thousands of listings on a large portal, and ranking them
 * all reads every one of them at each request. The candidates are the first RELEVANCE_CANDIDATES
 * matches in the order RELEVANCE has without a query (featured first, then newest: the static
 * score), and only they are ranked by the words (ts_rank_cd). A search matching fewer listings
 * ranks them all, exactly as before. Later pages keep the first page's candidates: their cursor
 * holds the last candidate (the horizon), and a page ranks the matches at or before it — those of
 * the first page plus any published since — so paging neither repeats nor skips a listing.
 */
export const RELEVANCE_CANDIDATES = 1_000;

/** Whether the sort ranks bounded candidates (RELEVANCE with a query). */
export const ranksCandidates = (sort: ListingSort, filter: SearchFilter) => sort === "RELEVANCE" && filter.terms.length > 0;

/** The order candidates are chosen in: RELEVANCE's without a query (featured, newest, id). */
export const candidateKeys = (scope: SearchScope) => sortKeys("RELEVANCE", { terms: [] }, scope);

/**
 * Index entries a search by words alone reads newest first before it turns to the words' index
 * (`wordsWalk`): a word pair matching one public listing in sixty finds its candidates within them.
 */
export const WORDS_WALK = 60_000;

/** Query words up to this length fold to at most INDEXED_WORD_LENGTH characters (unaccent writes up to four for one). */
const WALKED_WORD_LENGTH = 25;

/**
 * Whether a search is by words alone over the public listings: then its candidates and its
 * capped count can be found by walking the featured/newest index (`wordsWalk`), which holds
 * everything such a search reads (migration 20261205000500_search_relevance_candidates_index).
 */
export function walksWords(filter: SearchFilter, scope: SearchScope): boolean {
  const { terms, ...other } = filter;
  return (
    isPublicSearch(scope) &&
    terms.length > 0 &&
    terms.every((term) => term.length <= WALKED_WORD_LENGTH) &&
    Object.values(other).every((value) => value === undefined)
  );
}

/**
 * The first `walk` public listings in candidate order (featured, newest, id), as `l`, with only
 * what the featured/newest index holds, and the public search's conditions on them. Common words
 * ("2-izbový Košice": one listing in forty of a million) are found here within a few tens of
 * thousands of index entries, no row visited; through the words' GIN index each prefix word's
 * postings are read whole (hundreds of thousands) and every match's row visited. The planner
 * cannot tell the two apart: it estimates a prefix word's matches from its statistics at a
 * fraction of a percent, so the walk is written out rather than left to it.
 */
export function wordsWalk(filter: SearchFilter, scope: SearchScope, walk: number): { listings: Prisma.Sql; conditions: Prisma.Sql } {
  const keys = candidateKeys(scope);
  return {
    listings: sql`(SELECT l.id, l.is_featured, l.published_at, l.created_at, l.search_words, l.expires_at
      FROM reality.listings l WHERE l.status = 'ACTIVE' AND l.published_at IS NOT NULL
      ORDER BY ${orderBy(keys)} LIMIT ${walk}) l`,
    // filterConditions' for words alone, without the long-word recheck (WALKED_WORD_LENGTH: never needed).
    conditions: sql`(l.expires_at IS NULL OR l.expires_at > now()) AND l.search_words @@ ${searchWordsQuery(filter.terms)}`,
  };
}

/**
 * Postings of a search's rarest word looked up among the next rarest word's (when that word
 * covers several lexemes; one is read alongside instead) before the first page leaves the
 * postings to the featured/newest walk and the words' index: enough for the other words in one of
 * fifty of the rarest word's listings.
 */
export const POSTINGS_WALK = 50_000;

/**
 * The first page's candidates of a search by words alone (`walksWords`) from the postings of
 * its two rarest words (reality.listing_words, read by reality.listing_words_candidates: migration
 * 20261205024000_listing_words): the rarest word's postings in candidate order, each looked up
 * among the next rarest word's postings, a listing in both in the featured/newest index, until
 * RELEVANCE_CANDIDATES + 1 match — the search's first matches in candidate order, and all of them
 * when fewer, unless the lookups were cut short after `walk` postings; `complete` says whether
 * they were not (the function returns one row of NULLs otherwise), else the caller turns to the
 * other ways. "4-izbový Prešov": ~8,000 of Prešov's postings and as many lookups among the "4-izbový"
 * ones, then ~1,000 in the featured/newest index, where the featured/newest walk reads ~130,000
 * of its entries (each holding the listing's words) and the GIN index every match's row.
 */
export function postedWords(filter: SearchFilter, walk: number): { ctes: Prisma.Sql; found: Prisma.Sql; complete: Prisma.Sql } {
  // Each word's lexeme prefix (walksWords: never one longer than the index keeps, so never '>…').
  const prefixes = filter.terms.map((term) => {
    const word = foldedWord(term);
    return sql`CASE WHEN ${word} = '' THEN NULL ELSE reality.search_word_lexeme(${word}) END`;
  });
  return {
    ctes: sql`posted AS MATERIALIZED (
        SELECT * FROM reality.listing_words_candidates(ARRAY[${Prisma.join(prefixes, ", ")}]::text[], ${searchWordsQuery(filter.terms)}, ${walk}::int, ${RELEVANCE_CANDIDATES + 1}::int)
      )`,
    found: sql`SELECT * FROM posted WHERE id IS NOT NULL`,
    complete: sql`NOT EXISTS (SELECT FROM posted WHERE id IS NULL)`,
  };
}

/** At or before `values` under keys of one direction (the candidates up to their horizon). */
export function notAfter(keys: readonly SortKey[], values: readonly string[]): Prisma.Sql {
  if (!keys.every((key) => key.direction === keys[0]!.direction)) throw new Error("notAfter: keys of one direction only");
  return sql`(${Prisma.join(
    keys.map((k) => k.expr),
    ", ",
  )}) ${Prisma.raw(keys[0]!.direction === "asc" ? "<=" : ">=")} (${Prisma.join(
    keys.map((key, i) => sql`${values[i]!}::${Prisma.raw(key.type)}`),
    ", ",
  )})`;
}

/** The sort keys as text columns `k0, k1, …`: the cursor keeps the values exactly as PostgreSQL printed them. */
export function sortKeyColumns(keys: readonly SortKey[]): Prisma.Sql {
  return Prisma.join(
    keys.map((key, i) => sql`(${key.expr})::text AS ${Prisma.raw(`"k${i}"`)}`),
    ", ",
  );
}

export function orderBy(keys: readonly SortKey[]): Prisma.Sql {
  return Prisma.join(
    keys.map((key) => sql`${key.expr} ${Prisma.raw(key.direction === "asc" ? "ASC" : "DESC")}`),
    ", ",
  );
}

/**
 * "After the cursor" under the sort. The cursor holds the values SEEN on the previous page (a
 * price that changed since does not move the cursor), so rows are never repeated or skipped.
 * Same-direction keys use a row comparison, which PostgreSQL can walk an index with.
 */
export function afterCursor(keys: readonly SortKey[], values: readonly string[]): Prisma.Sql {
  const value = (i: number) => sql`${values[i]!}::${Prisma.raw(keys[i]!.type)}`;
  const op = (key: SortKey) => Prisma.raw(key.direction === "asc" ? ">" : "<");
  if (keys.every((key) => key.direction === keys[0]!.direction)) {
    return sql`(${Prisma.join(
      keys.map((k) => k.expr),
      ", ",
    )}) ${op(keys[0]!)} (${Prisma.join(
      keys.map((_, i) => value(i)),
      ", ",
    )})`;
  }
  const alternatives = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((k, j) => sql`${k.expr} = ${value(j)}`);
    return sql`(${Prisma.join([...equal, sql`${key.expr} ${op(key)} ${value(i)}`], " AND ")})`;
  });
  return sql`(${Prisma.join(alternatives, " OR ")})`;
}
