// The public search over published listings: one scope of the listings module's listing pages.
import { listingFieldsRead, parseListingFilter, listingPage, type ListingSearchConnection, type ListingSort, type SearchScope } from "../listings/index.ts";
import type { RealityContext } from "../../context.ts";

/** What the public search shows. */
export const PUBLIC_SEARCH: SearchScope = { statuses: ["ACTIVE"], publishedOnly: true };

/**
 * The public search counts matches up to this many ("1 000+"): a count reads every matching
 * row, and on a million listings a broad search ("flats for sale in Bratislava") matches a
 * quarter of a million of them — hundreds of milliseconds for a number nobody pages through.
 * With facets the count is exact whatever the size: their scan reads every match anyway.
 */
export const SEARCH_COUNT_CAP = 1_000;

export function searchListings(
  ctx: RealityContext,
  filter: unknown,
  sort: ListingSort | null | undefined,
  first?: number | null,
  after?: string | null,
  /**
   * `facets`: the query asks for them (read alongside the page). `count`: it asks for the count
   * (a first page counts with its rows). `listingFields`: the Listing fields it asks of each
   * result (the page reads only their columns; absent: whole rows).
   */
  options: { facets?: boolean; count?: boolean; listingFields?: Iterable<string> } = {},
): Promise<ListingSearchConnection> {
  // Published listings seen a moment late are still right for a search: it reads the replica when there is one.
  return listingPage({ ...ctx, db: ctx.replicaDb }, parseListingFilter(filter), PUBLIC_SEARCH, sort ?? "NEWEST", first, after, {
    countCap: SEARCH_COUNT_CAP,
    facets: options.facets,
    count: options.count,
    fields: options.listingFields && listingFieldsRead(options.listingFields),
  });
}
