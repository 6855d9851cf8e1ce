// The imports module's operations as the graph calls them: bulk edits, feed import and export,
// import history. Feeds belong to an agency: only its ADMINs run, read or export them.
import type { ImportRun } from "@ppt/db/client";
import { Prisma } from "@ppt/db/client";
import { AppError, isUuid, type Connection } from "@ppt/server-kit";
import type { RealityContext } from "../../context.ts";
import { recentFirstPage } from "../../shared/recent-first.ts";
import { requireRealtor } from "../realtors/index.ts";
import { exportFeed } from "./feed-export.ts";
import { importFeed } from "./feed-import.ts";

export { bulkUpdateListings } from "./bulk.ts";

async function requireAgencyAdmin(ctx: RealityContext, agencyId: string) {
  const actor = await requireRealtor(ctx);
  if (!isUuid(agencyId) || !actor.adminAgencyIds.includes(agencyId)) throw AppError.notFound("Agency");
  return actor;
}

export async function importListingFeed(
  ctx: RealityContext,
  agencyId: string,
  xml: string,
  full?: boolean | null,
  confirmArchive?: boolean | null,
): Promise<ImportRun> {
  const actor = await requireAgencyAdmin(ctx, agencyId);
  return importFeed(ctx.db, {
    agencyId,
    xml,
    full: full ?? undefined,
    confirmArchive: confirmArchive ?? false,
    caller: ctx.caller,
    requestId: ctx.requestId,
    defaultRealtorId: actor.realtor.id,
  });
}

export async function exportListingFeed(ctx: RealityContext, agencyId: string): Promise<string> {
  await requireAgencyAdmin(ctx, agencyId);
  return exportFeed(ctx.db, agencyId);
}

export async function importRuns(ctx: RealityContext, agencyId: string, first?: number | null, after?: string | null): Promise<Connection<ImportRun>> {
  await requireAgencyAdmin(ctx, agencyId);
  return recentFirstPage(ctx, {
    from: Prisma.sql`FROM reality.import_runs t`,
    where: Prisma.sql`t.agency_id = ${agencyId}::uuid`,
    timeColumn: "started_at",
    first,
    after,
    load: (ids) => ctx.db.importRun.findMany({ where: { id: { in: ids } } }),
  });
}
