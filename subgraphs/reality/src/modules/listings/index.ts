// Listings: their content, lifecycle, photos, price history, pages and searches over them, and
// the set-based reads and writes other modules use instead of naming the listings tables.
export { listingResolvers } from "./resolvers.ts";
export { createListingLoaders } from "./loaders.ts";
export { canEdit, editableListing, listingEditor, requireListingEditor, type ListingEditor } from "./access.ts";
export { getListing, isPublic, PUBLIC_STATUSES } from "./service.ts";
export { auditListings, listingsActivated, recordPriceChanges, type PriceChange } from "./events.ts";
export { dateTime, listingFieldSchemas } from "./input.ts";
export { DEFAULT_LISTING_DAYS, publishProblem, transitionProblem, transitionStamps, type ListingStatus } from "./lifecycle.ts";
export { archiveExpiredListings } from "./expiry.ts";
export { announceExpiringListings, EXPIRY_NOTICE_DAYS, listingExpiryMailConsumers, LISTING_EXPIRY_MAIL_CONSUMER } from "./expiry-notices.ts";
export { featureKey, parseListingFilter, type SearchFilter } from "./filter.ts";
export { foldText, normalizeIndexText, searchVocabularyFunctionSql } from "./search-vocabulary.ts";
export { folded, LISTING_COLUMNS, RELEVANCE_CANDIDATES, searchWordsTsquery, wordMatch, type ListingSort, type SearchScope } from "./listing-sql.ts";
export { listingPage, searchQueries, type ListingSearchConnection } from "./pages.ts";
export { FIELDS_WITH_KNOWN_READS, listingFieldsRead } from "./page-columns.ts";
export { adjustListingCounter, type ListingCounter } from "./counters.ts";
export { handOverAgencyListings } from "./hand-over.ts";
export { clusterQuery, listingClusters, MAX_CLUSTER_ZOOM, MIN_CLUSTER_ZOOM, type ListingClusterRow } from "./clusters.ts";
export { activeListingsAmong, listingIdsEditedBy, listingIdsWithStatus, shownListings } from "./scopes.ts";
export { formatPrice, listingMailFacts, listingUrl, type ListingMailFacts } from "./mail-facts.ts";
export {
  activeListingsMissingFromFeed,
  applyListingPatches,
  archiveListingsMissingFromFeed,
  feedExportRows,
  type FeedExportRow,
  lockBulkTargets,
  lockFeedListings,
  upsertFeedListings,
  type BulkTarget,
  type FeedListingRecord,
  type ListingPatchRow,
} from "./bulk-writes.ts";
