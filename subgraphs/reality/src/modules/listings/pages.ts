// Pages of listings (searches, the caller's listings, later pages of a profile): full text,
// filters, map box and radius, facets; keyset pagination on every sort order, so pages never
// repeat or skip a listing. The search module's public search is one scope of it.
import { Prisma, type Listing } from "@ppt/db/client";
import { AppError, decodeCursor, isUuid, pageSize, PG_TIMESTAMP, toConnection, type Connection } from "@ppt/server-kit";
import type { RealityContext } from "../../context.ts";
import { cellFacetsQuery, facetsAnsweredByCells } from "./facet-cells.ts";
import type { SearchFilter } from "./filter.ts";
import {
  afterCursor,
  candidateKeys,
  filterConditions,
  isPublicSearch,
  listingColumns,
  notAfter,
  orderBy,
  POSTINGS_WALK,
  postedWords,
  radiusInnerBox,
  RELEVANCE_CANDIDATES,
  ranksCandidates,
  sortKeyColumns,
  sortKeys,
  walksWords,
  WORDS_WALK,
  wordsWalk,
  type ListingSort,
  type SearchScope,
  type SortKey,
} from "./listing-sql.ts";

const sql = Prisma.sql;

export interface FacetCount {
  value: string;
  count: number;
}
export interface PriceBandCount {
  min: string;
  max: string | null;
  count: number;
}
export interface ListingFacets {
  propertyTypes: FacetCount[];
  cities: FacetCount[];
  priceBands: PriceBandCount[];
}

export interface ListingSearchConnection extends Connection<Listing> {
  /** False when more listings match than `totalCount` says (it then is SEARCH_COUNT_CAP). */
  totalCountIsExact: () => Promise<boolean>;
  facets: () => Promise<ListingFacets>;
}

/** Each value must read back as its key's SQL type: a value PostgreSQL cannot cast is the client's mistake, not ours. */
const READS_AS: Record<SortKey["type"], (value: string) => boolean> = {
  timestamptz: (value) => PG_TIMESTAMP.test(value),
  numeric: (value) => /^-?\d{1,20}(\.\d{1,10})?$/.test(value),
  real: (value) => value.length <= 40 && Number.isFinite(Number(value)),
  uuid: isUuid,
  boolean: (value) => value === "true" || value === "false",
};

/** What a cursor of the sort holds: its keys, then (ranked candidates) the horizon's candidate keys. */
function cursorKeys(sort: ListingSort, filter: SearchFilter, scope: SearchScope): SortKey[] {
  const keys = sortKeys(sort, filter, scope);
  return ranksCandidates(sort, filter) ? [...keys, ...candidateKeys(scope)] : keys;
}

function readCursor(after: string | null | undefined, sort: ListingSort, keys: readonly SortKey[]): string[] | null {
  const raw = decodeCursor(after);
  if (!raw) return null;
  const [cursorSort, ...values] = raw;
  if (cursorSort !== sort || values.length !== keys.length || !values.every((v) => typeof v === "string")) {
    throw AppError.badInput("The cursor belongs to another sort order", { field: "after" });
  }
  if (!values.every((v, i) => READS_AS[keys[i]!.type](v))) throw AppError.badInput("Invalid cursor", { field: "after" });
  return values;
}

type Row = Listing & Record<`k${number}` | `h${number}`, string> & { matches?: number; total?: bigint };
type FacetRow = { property_type: string | null; city: string | null; band: number | null; facet: number; count: bigint };

// The facet counts' migration (20261205011911_listing_facet_cells) bands prices with these same bounds.
const SALE_BANDS = ["0", "50000", "100000", "150000", "200000", "300000", "500000"];
const RENT_BANDS = ["0", "300", "500", "700", "1000", "1500", "2500"];

/**
 * The SQL of one search: its page, its count and its facets (also what bench/search explains).
 * A search by words alone reads its two rarest words' postings first (listing-sql.ts,
 * postedWords), then walks the featured/newest index, then uses the words' index. `postingsWalk`:
 * postings of a lexeme looked up before the first way gives up (POSTINGS_WALK; 0: never read
 * postings); `wordsWalk`: index entries walked (WORDS_WALK; 0: never walks).
 */
export function searchQueries(
  filter: SearchFilter,
  scope: SearchScope,
  sort: ListingSort,
  limit: number,
  cursor: readonly string[] | null,
  options: {
    wordsWalk?: number;
    postingsWalk?: number;
    /** The model fields the page's rows need (page-columns.ts); every field when absent. */
    fields?: ReadonlySet<keyof Listing>;
    /**
     * A first page not ranked by candidates: each row also carries the matches counted up to
     * this cap plus one (`total`, see cappedCount), counted once with the page, not by a
     * statement of its own.
     */
    countAlongside?: number;
    /** Whether the page reads its rows after choosing them (`readsRowsLate`); its default when absent. */
    lateRows?: boolean;
    /** Whether a price page walks each room count apart (`roomsOfPricePage`); its default when absent. */
    roomsApart?: boolean;
  } = {},
) {
  const keys = sortKeys(sort, filter, scope);
  const columns = listingColumns(options.fields);
  const where = filterConditions(filter, scope);
  const bands = filter.transactionType === "RENT" ? RENT_BANDS : SALE_BANDS;
  const after = cursor ? sql`AND ${afterCursor(keys, cursor.slice(0, keys.length))}` : Prisma.empty;
  const walkLength = options.wordsWalk ?? WORDS_WALK;
  const walk = walkLength > 0 && walksWords(filter, scope) ? wordsWalk(filter, scope, walkLength) : null;
  const postingsWalk = options.postingsWalk ?? POSTINGS_WALK;
  const posted = postingsWalk > 0 && walksWords(filter, scope) ? postedWords(filter, postingsWalk) : null;
  // Property types, cities and price bands of every match, and their total, counted in one
  // scan: grouped once by all three (one hash lookup a match, where GROUPING SETS over the
  // matches does one per set), then the few groups summed per facet (GROUPING SETS).
  const groupedFacets = sql`
    SELECT m.property_type::text AS property_type, m.city, m.band, GROUPING(m.property_type, m.city, m.band) AS facet, sum(m.count)::bigint AS count
    FROM (
      SELECT l.property_type, l.city, width_bucket(l.price, ${bands}::numeric[]) AS band, count(*) AS count
      FROM reality.listings l WHERE ${where}
      GROUP BY 1, 2, 3
    ) m
    GROUP BY GROUPING SETS ((m.property_type), (m.city), (m.band), ())`;
  const innerBox = filter.radius ? radiusInnerBox(filter.radius.latitude, filter.radius.longitude, filter.radius.radiusKm * 1000) : null;
  /** Counts up to `cap + 1` matches: more than `cap` means "at least cap". */
  const cappedCount = (cap: number) => {
    const everyMatch = sql`SELECT count(*) AS count FROM (SELECT FROM reality.listings l WHERE ${where} LIMIT ${cap + 1}) m`;
    // More than the cap within the walk, or within the radius' inner rectangle (no
    // earth_distance there), settles it; otherwise every match is counted (the scalar subquery
    // runs only then).
    if (walk)
      return sql`SELECT CASE WHEN w.walked > ${cap} THEN w.walked ELSE (${everyMatch}) END AS count
          FROM (SELECT count(*) AS walked FROM (SELECT FROM ${walk.listings} WHERE ${walk.conditions} LIMIT ${cap + 1}) m) w`;
    if (innerBox)
      return sql`SELECT CASE WHEN i.inside > ${cap} THEN i.inside ELSE (${everyMatch}) END AS count
          FROM (SELECT count(*) AS inside FROM (SELECT FROM reality.listings l WHERE ${filterConditions(filter, scope, { radiusInnerBox: innerBox })} LIMIT ${cap + 1}) m) i`;
    return everyMatch;
  };
  const ranked = ranksCandidates(sort, filter);
  const rooms = (options.roomsApart ?? true) ? roomsOfPricePage(filter, scope, sort) : null;
  // An uncorrelated scalar subquery: PostgreSQL runs it once (an InitPlan), not once a row.
  const total = options.countAlongside !== undefined && !cursor && !ranked ? sql`, (${cappedCount(options.countAlongside)}) AS total` : Prisma.empty;
  // The page's ids chosen first (from indexes alone), then only their rows read; the same
  // snapshot, so the keys read again from the rows are those the ids were chosen by. In one
  // process (reality.in_one_process: migration 20261205092000_listing_page_one_process).
  const rowsOf = (ids: Prisma.Sql) => sql`
    WITH page AS MATERIALIZED (${ids})
    SELECT ${columns}, ${sortKeyColumns(keys)}${total}
    FROM page p JOIN reality.listings l ON l.id = p.id
    ORDER BY ${orderBy(keys)}`;
  return {
    keys,
    bands,
    page: ranked
      ? candidatePage(columns, where, keys, candidateKeys(scope), limit, after, cursor ? cursor.slice(keys.length) : null, walk, posted)
      : rooms
        ? // One walk per room count, merged by price (Merge Append): the sort keys' l.price and
          // l.id read the walks' own columns.
          rowsOf(sql`
      SELECT l.id FROM (${Prisma.join(
        rooms.map(
          (count) => sql`(SELECT l.id, l.price FROM reality.listings l
            WHERE ${where} AND l.rooms = ${count}::int ${after} AND reality.in_one_process()
            ORDER BY ${orderBy(keys)} LIMIT ${limit + 1})`,
        ),
        " UNION ALL ",
      )}) l
      ORDER BY ${orderBy(keys)}
      LIMIT ${limit + 1}`)
        : (options.lateRows ?? readsRowsLate(filter, scope))
          ? rowsOf(sql`
      SELECT l.id FROM reality.listings l
      WHERE ${where} ${after} AND reality.in_one_process()
      ORDER BY ${orderBy(keys)}
      LIMIT ${limit + 1}`)
          : sql`
    SELECT ${columns}, ${sortKeyColumns(keys)}${total}
    FROM reality.listings l
    WHERE ${where} ${after}
    ORDER BY ${orderBy(keys)}
    LIMIT ${limit + 1}`,
    /** Whether each row of `page` carries `total` (countAlongside). */
    countedAlongside: total !== Prisma.empty,
    count: sql`SELECT count(*) AS count FROM reality.listings l WHERE ${where}`,
    cappedCount,
    // A map box of the public search: its inner cells' counts, its edges grouped (facet-cells.ts).
    facets: (facetsAnsweredByCells(filter, scope) && cellFacetsQuery(filter, scope, bands)) || groupedFacets,
    groupedFacets,
  };
}

/**
 * A public page in a map box or a radius chooses its ids first and reads their rows after: a
 * city's box holds thousands of listings, and choosing the page among them by their rows read
 * each wide row (~1.5 KB, about one table page a listing) to keep fifty. The public location
 * index holds every column the sort orders and the usual filters read (migration
 * 20261205090000_listing_location_covering), so the choice is an index-only scan of the box and
 * only the page's rows are read; so does the SIZE_DESC index, walked largest first (migration
 * 20261205091000_listing_size_desc_covering). Where the planner walks another sort order's
 * index (an area as wide as a region), the page's rows are read twice: about half a millisecond
 * more. Other pages are chosen from sort-order indexes that stop after the page, where reading
 * the row at once costs nothing more.
 */
export function readsRowsLate(filter: SearchFilter, scope: SearchScope): boolean {
  return isPublicSearch(scope) && (filter.boundingBox !== undefined || filter.radius !== undefined);
}

/** The most room counts a price page walks apart. */
const ROOM_WALKS = 4;

/**
 * The room counts a public price-sorted page walks one by one, or null: for one transaction and
 * property type and a few room counts (the portal's "3–4-room flats for sale, cheapest first"),
 * one range of the (transaction, property type, rooms, price, id) index each (migration
 * 20261205120000_listing_rooms_price), merged by price. The price index alone walks every listing
 * of the price range in price order and keeps those with the rooms: at 1,000,000 listings a
 * 3–4-room page read ~48,000 entries (9–65 ms) before its 21 rows; each range here starts at its
 * first match (0.4–1 ms). Only where that index holds every condition of the filter: a city, size,
 * features, words or an area would be checked row by row along each walk.
 */
export function roomsOfPricePage(filter: SearchFilter, scope: SearchScope, sort: ListingSort): number[] | null {
  const { transactionType, propertyTypes, minPrice: _min, maxPrice: _max, minRooms, maxRooms, terms, ...other } = filter;
  const applies =
    isPublicSearch(scope) &&
    (sort === "PRICE_ASC" || sort === "PRICE_DESC") &&
    transactionType !== undefined &&
    propertyTypes?.length === 1 &&
    terms.length === 0 &&
    Object.values(other).every((value) => value === undefined) &&
    minRooms !== undefined &&
    maxRooms !== undefined &&
    maxRooms >= minRooms &&
    maxRooms - minRooms < ROOM_WALKS;
  return applies ? Array.from({ length: maxRooms - minRooms + 1 }, (_, i) => minRooms + i) : null;
}

/**
 * A page of RELEVANCE with a query (listing-sql.ts, RELEVANCE_CANDIDATES): the candidates — the
 * first RELEVANCE_CANDIDATES matches in candidate order, or on later pages every match up to the
 * cursor's horizon — ranked, the page's rows read for them alone. Each row also carries the
 * horizon (`h0…`: the last candidate) for its cursor. The candidate table's columns are named as
 * the listing's, so the sort keys' expressions (`l.…`) read either.
 */
function candidatePage(
  columns: Prisma.Sql,
  where: Prisma.Sql,
  keys: SortKey[],
  candidates: SortKey[],
  limit: number,
  after: Prisma.Sql,
  horizon: readonly string[] | null,
  walk: ReturnType<typeof wordsWalk> | null,
  posted: ReturnType<typeof postedWords> | null,
) {
  const reversed = candidates.map((key) => ({ ...key, direction: key.direction === "asc" ? ("desc" as const) : ("asc" as const) }));
  const horizonColumns = Prisma.join(
    candidates.map((key, i) => sql`(${key.expr})::text AS ${Prisma.raw(`"h${i}"`)}`),
    ", ",
  );
  // A first page reads one match more than it ranks: how many it found (up to that) is also the
  // search's count when it is at most RELEVANCE_CANDIDATES, or says there are more (`matches`).
  const matches = sql`
      SELECT l.id, l.is_featured, l.published_at, l.created_at, l.search_words
      FROM reality.listings l
      WHERE ${where} ${horizon ? sql`AND ${notAfter(candidates, horizon)}` : Prisma.empty}
      ORDER BY ${orderBy(candidates)}
      ${horizon ? Prisma.empty : sql`LIMIT ${RELEVANCE_CANDIDATES + 1}`}`;
  // A first page of words alone: the candidates are read from its two rarest words' postings
  // when that way settles the page (listing-sql.ts, postedWords), else the walk's when it found more than
  // it ranks (the first matches in candidate order are then exactly they), else every match's
  // first (the GIN index). Each way runs only when those before it did not settle the page: the
  // one-time conditions (CASE evaluates its branches lazily) read the earlier ways' results.
  const ways: { ctes: Prisma.Sql[]; rows: Prisma.Sql; settles: Prisma.Sql }[] = [];
  if (!horizon && posted)
    ways.push({
      ctes: [posted.ctes, sql`posted_complete AS MATERIALIZED (SELECT ${posted.complete} AS yes)`],
      rows: posted.found,
      settles: sql`(SELECT yes FROM posted_complete)`,
    });
  if (!horizon && walk)
    ways.push({
      ctes: [
        sql`walked AS MATERIALIZED (
          SELECT l.id, l.is_featured, l.published_at, l.created_at, l.search_words
          FROM ${walk.listings} WHERE ${walk.conditions}
          ORDER BY ${orderBy(candidates)} LIMIT ${RELEVANCE_CANDIDATES + 1}
        )`,
      ],
      rows: sql`SELECT * FROM walked`,
      settles: sql`((SELECT count(*) FROM walked) > ${RELEVANCE_CANDIDATES})`,
    });
  ways.push({ ctes: [], rows: matches, settles: sql`true` });
  const arms = ways.map((way, i) => {
    // Runs when every earlier way did not settle and it does (the last way: always then).
    let runs = i === ways.length - 1 ? sql`true` : way.settles;
    for (const earlier of ways.slice(0, i).reverse()) runs = sql`CASE WHEN ${earlier.settles} THEN false ELSE ${runs} END`;
    return sql`SELECT * FROM (${way.rows}) w WHERE ${runs}`;
  });
  const found = Prisma.join([...ways.flatMap((way) => way.ctes), sql`found AS MATERIALIZED (${Prisma.join(arms, " UNION ALL ")})`], ", ");
  return sql`
    WITH ${found}, candidates AS MATERIALIZED (
      SELECT * FROM found l ORDER BY ${orderBy(candidates)} ${horizon ? Prisma.empty : sql`LIMIT ${RELEVANCE_CANDIDATES}`}
    ), ranked AS (
      SELECT l.id FROM candidates l WHERE true ${after} ORDER BY ${orderBy(keys)} LIMIT ${limit + 1}
    ), horizon AS (
      SELECT ${horizonColumns} FROM candidates l ORDER BY ${orderBy(reversed)} LIMIT 1
    )
    SELECT ${columns}, ${sortKeyColumns(keys)}, h.*${horizon ? Prisma.empty : sql`, (SELECT count(*) FROM found)::int AS matches`}
    FROM ranked r JOIN reality.listings l ON l.id = r.id CROSS JOIN horizon h
    ORDER BY ${orderBy(keys)}`;
}

/** One page of listings in `scope` matching `filter`, plus lazily computed count and facets. */
export async function listingPage(
  ctx: RealityContext,
  filter: SearchFilter,
  scope: SearchScope,
  sort: ListingSort,
  first: number | null | undefined,
  after: string | null | undefined,
  options: {
    /** Count at most this many matches (see the search module's SEARCH_COUNT_CAP). */
    countCap?: number;
    /** The caller will ask for the facets: they are read alongside the page, not after it. */
    facets?: boolean;
    /**
     * The model fields the query's listing fields read (page-columns.ts): the rows carry only
     * these and are not primed into the listing loader. Absent: whole rows.
     */
    fields?: ReadonlySet<keyof Listing> | null;
    /**
     * The caller will ask for the count (with a cap, without facets): a first page counts its
     * matches in its own statement, not in a second one.
     */
    count?: boolean;
  } = {},
): Promise<ListingSearchConnection> {
  const limit = pageSize(first);
  const cursor = readCursor(after, sort, cursorKeys(sort, filter, scope));
  const fields = options.fields ?? undefined;
  const cap = options.countCap;
  const queries = searchQueries(filter, scope, sort, limit, cursor, {
    ...(fields ? { fields } : {}),
    ...(options.count && !options.facets && cap !== undefined ? { countAlongside: cap } : {}),
  });

  let facetRows: Promise<FacetRow[]> | undefined;
  // Prisma's promises are lazy and may run once per await: keep one real promise.
  const facetRowsOnce = () => (facetRows ??= (async () => ctx.db.$queryRaw<FacetRow[]>(queries.facets))());
  // Both statements at once on two connections: the search waits for the slower, not for both
  // (a map box's page and its facets take a few milliseconds each). A failed page leaves the
  // facets' promise to nobody: its failure is not left unhandled.
  if (options.facets) facetRowsOnce().catch(() => undefined);
  const rows = await ctx.db.$queryRaw<Row[]>(queries.page);
  // Only whole rows: a later load of the same listing must not see a partial one.
  if (!fields) for (const row of rows) ctx.loaders.listing.prime(row.id, row);
  let total: Promise<{ count: number; exact: boolean }> | undefined;
  /** A count of at most `cap + 1` as the search reports it: more than the cap is "at least the cap". */
  const capped = (count: number) => (cap !== undefined && count > cap ? { count: cap, exact: false } : { count, exact: true });
  const totalOnce = () =>
    (total ??= (async () => {
      // Counted with the page; no rows on a first page: nothing matches.
      if (queries.countedAlongside) return capped(Number(rows[0]?.total ?? 0));
      // Sibling fields are resolved in the same tick: if facets were asked for too, their scan
      // counts every match exactly, so no second scan.
      await new Promise((resolve) => setImmediate(resolve));
      if (facetRows) return { count: Number((await facetRows).find((row) => row.facet === 0b111)?.count ?? 0), exact: true };
      // A first page of ranked candidates counted its matches up to one more than it ranks (no
      // rows: none matched).
      if (ranksCandidates(sort, filter) && !cursor) {
        const matches = rows[0]?.matches ?? 0;
        if ((cap !== undefined && matches > cap) || matches <= RELEVANCE_CANDIDATES) return capped(matches);
      }
      const [row] = await ctx.db.$queryRaw<{ count: bigint }[]>(cap === undefined ? queries.count : queries.cappedCount(cap));
      return capped(Number(row?.count ?? 0));
    })());

  const connection = toConnection<Row>(
    rows,
    limit,
    (row) => [
      sort,
      ...queries.keys.map((_, i) => row[`k${i}`]!),
      // Ranked candidates: later pages keep the first page's horizon.
      ...(ranksCandidates(sort, filter) ? candidateKeys(scope).map((_, i) => cursor?.[queries.keys.length + i] ?? row[`h${i}`]!) : []),
    ],
    async () => (await totalOnce()).count,
  );
  return {
    ...connection,
    totalCountIsExact: async () => (await totalOnce()).exact,
    facets: () => facets(facetRowsOnce(), queries.bands),
  };
}

async function facets(query: Promise<FacetRow[]>, bands: readonly string[]): Promise<ListingFacets> {
  const rows = await query;
  const result: ListingFacets = { propertyTypes: [], cities: [], priceBands: [] };
  for (const row of rows) {
    const count = Number(row.count);
    // GROUPING() sets a bit for each column NOT grouped: 0b011 = by property type, 0b101 = by city, 0b110 = by band.
    if (row.facet === 0b011 && row.property_type) result.propertyTypes.push({ value: row.property_type, count });
    else if (row.facet === 0b101 && row.city) result.cities.push({ value: row.city, count });
    else if (row.facet === 0b110 && row.band) result.priceBands.push({ min: bands[row.band - 1]!, max: bands[row.band] ?? null, count });
  }
  const byCount = (a: FacetCount, b: FacetCount) => b.count - a.count || a.value.localeCompare(b.value);
  result.propertyTypes.sort(byCount);
  result.cities = result.cities.sort(byCount).slice(0, 20);
  result.priceBands.sort((a, b) => Number(a.min) - Number(b.min));
  return result;
}
