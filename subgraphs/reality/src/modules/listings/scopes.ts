// Sets of listings as SQL subqueries, for other modules' set-based queries (favorites, inquiries,
// saved-search matching): the listings table is named here only, and the page, filter or match
// still runs as one statement in the database.
import { Prisma } from "@ppt/db/client";
import { editedBy, type SearchScope } from "./listing-sql.ts";

const sql = Prisma.sql;

/** `(SELECT id …)` of the listings someone edits: their own, their admin agencies', their organization's. */
export function listingIdsEditedBy(editor: NonNullable<SearchScope["editor"]>): Prisma.Sql {
  return sql`(SELECT l.id FROM reality.listings l WHERE ${editedBy(editor)})`;
}

/** `(SELECT id …)` of the listings in one of `statuses`. */
export function listingIdsWithStatus(statuses: readonly string[]): Prisma.Sql {
  return sql`(SELECT l.id FROM reality.listings l WHERE l.status = ANY(${[...statuses]}::reality."ListingStatus"[]))`;
}

/** The ACTIVE listings among `ids` as a row source (alias it `l`: the listing-sql helpers read `l.*`). */
export function activeListingsAmong(ids: readonly string[]): Prisma.Sql {
  return sql`(SELECT * FROM reality.listings WHERE id = ANY(${[...ids]}::uuid[]) AND status = 'ACTIVE')`;
}

/** The listings searches show now (ACTIVE, not past expiry) as a row source (alias it `l`). */
export function shownListings(): Prisma.Sql {
  return sql`(SELECT * FROM reality.listings WHERE status = 'ACTIVE' AND (expires_at IS NULL OR expires_at > now()))`;
}
