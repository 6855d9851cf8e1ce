// Saved searches of portal users. The filter is stored normalized (the query split into the
// words the search matches), so the SQL matcher reads exactly what the search would use.
import type { SavedSearch } from "@ppt/db/client";
import { AppError, isUuid, parseInput } from "@ppt/server-kit";
import { z } from "zod";
import type { RealityContext } from "../../context.ts";
import { requirePortalUser } from "../../shared/portal-user.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { parseListingFilter } from "../listings/index.ts";
import { unsubscribeSubject } from "../../shared/unsubscribe-link.ts";

const MAX_SAVED_SEARCHES = 50;

const savedSearchSchema = z.object({
  name: z.string().trim().min(1).max(255),
  filter: z.unknown(),
  notify: z.boolean().nullish(),
  frequency: z.enum(["INSTANT", "DAILY", "WEEKLY"]).nullish(),
});

export async function saveSearch(ctx: RealityContext, input: unknown): Promise<SavedSearch> {
  const userId = requirePortalUser(ctx);
  const data = parseInput(savedSearchSchema, input, "input");
  const filter = parseListingFilter(data.filter);
  return inTransaction(ctx, async (tx) => {
    const count = await tx.savedSearch.count({ where: { portalUserId: userId } });
    if (count >= MAX_SAVED_SEARCHES) throw AppError.badInput(`At most ${MAX_SAVED_SEARCHES} saved searches`, { field: "input" });
    return tx.savedSearch.create({
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it (SearchFilter has optional fields, not JSON); the rule misreads Prisma's generic input
      data: { portalUserId: userId, name: data.name, filter: filter as object, notify: data.notify ?? true, frequency: data.frequency ?? "DAILY" },
    });
  });
}

export async function deleteSavedSearch(ctx: RealityContext, id: string): Promise<boolean> {
  const userId = requirePortalUser(ctx);
  if (!isUuid(id)) throw AppError.notFound("SavedSearch");
  const { count } = await ctx.db.savedSearch.deleteMany({ where: { id, portalUserId: userId } });
  if (count === 0) throw AppError.notFound("SavedSearch");
  return true;
}

export function mySavedSearches(ctx: RealityContext): Promise<SavedSearch[]> {
  const userId = requirePortalUser(ctx);
  return ctx.db.savedSearch.findMany({ where: { portalUserId: userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}

/** An alert mail's unsubscribe link: turns that saved search's alerts off, without sign-in (the token is signed). */
export async function unsubscribeSavedSearchAlerts(ctx: RealityContext, token: string): Promise<boolean> {
  const id = unsubscribeSubject(ctx.unsubscribeKey, "saved-search", token);
  if (!id) throw AppError.badInput("The unsubscribe link is not valid", { field: "token" });
  // A search deleted meanwhile sends nothing anyway: the link still answers true.
  await ctx.db.savedSearch.updateMany({ where: { id }, data: { notify: false } });
  return true;
}
