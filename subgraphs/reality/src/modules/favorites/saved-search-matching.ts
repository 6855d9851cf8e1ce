// Saved searches matched against listings that just became ACTIVE, in SQL, in the publishing
// transaction: each match is a `saved_search.match` outbox event that the notifier delivers.
// The stored filter is the normalized one (see saved-searches.ts), tested with the same
// word-boundary rule as the search itself.
import { Prisma } from "@ppt/db/client";
import { writeOutboxEvents, type Tx } from "@ppt/server-kit";
import { activeListingsAmong, folded, searchWordsTsquery, wordMatch } from "../listings/index.ts";

const sql = Prisma.sql;

const f = sql`s.filter`;
const text = (key: string) => sql`(${f}->>${key})`;
const number = (path: string[]) => sql`(${f} #>> ${path}::text[])::float8`;

/** The condition "saved search `s` matches listing `l`" (also the daily digests' query). */
export const MATCHES = Prisma.join(
  [
    sql`(${text("transactionType")} IS NULL OR l.transaction_type::text = ${text("transactionType")})`,
    sql`(jsonb_typeof(${f}->'propertyTypes') IS DISTINCT FROM 'array' OR l.property_type::text IN (SELECT jsonb_array_elements_text(${f}->'propertyTypes')))`,
    sql`(${text("city")} IS NULL OR ${folded(sql`l.city`)} = ${folded(text("city"))})`,
    sql`(${text("district")} IS NULL OR ${folded(sql`l.district`)} = ${folded(text("district"))})`,
    sql`(${text("minPrice")} IS NULL OR l.price >= ${text("minPrice")}::numeric)`,
    sql`(${text("maxPrice")} IS NULL OR l.price <= ${text("maxPrice")}::numeric)`,
    sql`(${text("minSizeSqm")} IS NULL OR l.size_sqm >= ${text("minSizeSqm")}::numeric)`,
    sql`(${text("maxSizeSqm")} IS NULL OR l.size_sqm <= ${text("maxSizeSqm")}::numeric)`,
    sql`(${text("minRooms")} IS NULL OR l.rooms >= ${text("minRooms")}::int)`,
    sql`(${text("maxRooms")} IS NULL OR l.rooms <= ${text("maxRooms")}::int)`,
    sql`(jsonb_typeof(${f}->'features') IS DISTINCT FROM 'array' OR l.features @> ARRAY(SELECT jsonb_array_elements_text(${f}->'features')))`,
    sql`(jsonb_typeof(${f}->'terms') IS DISTINCT FROM 'array' OR jsonb_array_length(${f}->'terms') = 0 OR (
          l.search_words @@ ${searchWordsTsquery(sql`ARRAY(SELECT jsonb_array_elements_text(${f}->'terms'))`)}
          AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(${f}->'terms') t WHERE NOT ${wordMatch(sql`t`)})))`,
    sql`(${f}->'boundingBox' IS NULL OR (
          l.latitude BETWEEN ${number(["boundingBox", "south"])} AND ${number(["boundingBox", "north"])}
          AND l.longitude BETWEEN ${number(["boundingBox", "west"])} AND ${number(["boundingBox", "east"])}))`,
    sql`(${f}->'radius' IS NULL OR (l.latitude IS NOT NULL AND l.longitude IS NOT NULL AND
          public.earth_distance(public.ll_to_earth(${number(["radius", "latitude"])}, ${number(["radius", "longitude"])}), public.ll_to_earth(l.latitude, l.longitude))
            <= ${number(["radius", "radiusKm"])} * 1000))`,
  ],
  " AND ",
);

/** Writes one `saved_search.match` event per (saved search with notifications on, matching ACTIVE listing). */
export async function matchSavedSearches(tx: Tx, listingIds: readonly string[]): Promise<number> {
  if (!listingIds.length) return 0;
  const matches = await tx.$queryRaw<{ saved_search_id: string; portal_user_id: string; listing_id: string; frequency: string }[]>(sql`
    SELECT s.id::text AS saved_search_id, s.portal_user_id::text AS portal_user_id, l.id::text AS listing_id, s.frequency::text AS frequency
    FROM ${activeListingsAmong(listingIds)} l
    JOIN reality.saved_searches s ON s.notify
    WHERE ${MATCHES}`);
  return writeOutboxEvents(
    tx,
    matches.map((m) => ({
      aggregateType: "saved_search",
      aggregateId: m.saved_search_id,
      eventType: "saved_search.match",
      payload: { savedSearchId: m.saved_search_id, portalUserId: m.portal_user_id, listingId: m.listing_id, frequency: m.frequency },
    })),
  );
}
