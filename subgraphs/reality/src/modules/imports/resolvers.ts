import type { Resolvers } from "../../generated/graphql.ts";
import * as imports from "./service.ts";

export const importResolvers: Resolvers = {
  Query: {
    importRuns: (_, { agencyId, first, after }, ctx) => imports.importRuns(ctx, agencyId, first, after),
    exportListingFeed: (_, { agencyId }, ctx) => imports.exportListingFeed(ctx, agencyId),
  },
  Mutation: {
    bulkUpdateListings: (_, { input }, ctx) => imports.bulkUpdateListings(ctx, input),
    importListingFeed: (_, { agencyId, xml, full, confirmArchive }, ctx) => imports.importListingFeed(ctx, agencyId, xml, full, confirmArchive),
  },
  BulkUpdateResult: {
    failures: (result) => result.results.filter((item) => !item.ok),
  },
  ImportRun: {
    fullFeed: (run) => run.isFullFeed,
    created: (run) => run.createdCount,
    updated: (run) => run.updatedCount,
    unchanged: (run) => run.unchangedCount,
    archived: (run) => run.archivedCount,
    failed: (run) => run.failedCount,
    errors: (run) => (Array.isArray(run.errors) ? (run.errors as never[]) : []),
  },
};
