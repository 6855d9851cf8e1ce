// Viewing requests: a portal user proposes times, the listing's editor confirms one or declines,
// the requester may cancel. Each decision is an outbox event the notifier delivers.
import { Prisma, type Viewing } from "@ppt/db/client";
import { AppError, isUuid, parseInput, RateLimitReason, writeOutboxEvent, type Connection } from "@ppt/server-kit";
import { z } from "zod";
import type { RealityContext } from "../../context.ts";
import { requirePortalUser } from "../../shared/portal-user.ts";
import { recentFirstPage } from "../../shared/recent-first.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { canEdit, dateTime, getListing, listingIdsEditedBy, requireListingEditor } from "../listings/index.ts";

const sql = Prisma.sql;

/** Viewing requests per portal account and hour, across listings (each one notifies a realtor). */
const VIEWING_REQUESTS = { name: "viewing-requests-user", points: 10, windowSeconds: 3600, reason: RateLimitReason.TooManyRequests };

const viewingSchema = z
  .object({
    listingId: z.string(),
    proposedTimes: z
      .array(dateTime)
      .min(1)
      .max(5)
      .refine((times) => times.every((t) => t.getTime() > Date.now()), "proposed times must be in the future"),
    message: z.string().trim().max(2_000).nullish(),
  })
  .strict();

export async function requestViewing(ctx: RealityContext, input: unknown): Promise<Viewing> {
  const userId = requirePortalUser(ctx);
  const data = parseInput(viewingSchema, input, "input");
  const listing = await getListing(ctx, data.listingId, { publicOnly: true });
  await ctx.rateLimits.limiter(VIEWING_REQUESTS).consume(userId);
  return inTransaction(ctx, async (tx) => {
    // Serialized per requester, so two parallel requests cannot both see "no pending request".
    await tx.$executeRaw(sql`SELECT pg_advisory_xact_lock(hashtextextended('viewing:' || ${userId}::text, 0))`);
    const open = await tx.viewing.count({ where: { listingId: listing.id, portalUserId: userId, status: "REQUESTED" } });
    if (open > 0) throw AppError.conflict("You already have a pending viewing request for this listing");
    const viewing = await tx.viewing.create({
      data: {
        listingId: listing.id,
        portalUserId: userId,
        realtorId: listing.realtorId,
        proposedTimes: [...new Set(data.proposedTimes.map((t) => t.toISOString()))].map((t) => new Date(t)),
        message: data.message ?? null,
      },
    });
    await writeOutboxEvent(tx, { aggregateType: "viewing", aggregateId: viewing.id, eventType: "viewing.requested", payload: { listingId: listing.id } });
    return viewing;
  });
}

/** A viewing of a listing the caller edits; NOT_FOUND otherwise. */
async function receivedViewing(ctx: RealityContext, viewingId: string): Promise<Viewing> {
  const editor = await requireListingEditor(ctx);
  const viewing = isUuid(viewingId) ? await ctx.db.viewing.findUnique({ where: { id: viewingId } }) : null;
  const listing = viewing ? await ctx.loaders.listing.load(viewing.listingId) : null;
  if (!viewing || !listing || !canEdit(editor, listing)) throw AppError.notFound("Viewing");
  return viewing;
}

async function decide(ctx: RealityContext, viewing: Viewing, status: "CONFIRMED" | "DECLINED" | "CANCELLED", confirmedTime: Date | null) {
  if (viewing.status !== "REQUESTED") throw AppError.conflict(`The viewing is already ${viewing.status}`);
  return inTransaction(ctx, async (tx) => {
    // The status condition makes a concurrent second decision update nothing.
    const { count } = await tx.viewing.updateMany({
      where: { id: viewing.id, status: "REQUESTED" },
      data: { status, confirmedTime, respondedAt: new Date() },
    });
    if (count === 0) throw AppError.conflict("The viewing was decided meanwhile");
    await writeOutboxEvent(tx, {
      aggregateType: "viewing",
      aggregateId: viewing.id,
      eventType: `viewing.${status.toLowerCase()}`,
      payload: { listingId: viewing.listingId, portalUserId: viewing.portalUserId, confirmedTime: confirmedTime?.toISOString() ?? null },
    });
    return tx.viewing.findUniqueOrThrow({ where: { id: viewing.id } });
  });
}

export async function confirmViewing(ctx: RealityContext, viewingId: string, time: Date | string): Promise<Viewing> {
  const viewing = await receivedViewing(ctx, viewingId);
  const chosen = new Date(time);
  if (!viewing.proposedTimes.some((t) => t.getTime() === chosen.getTime())) {
    throw AppError.badInput("Confirm one of the proposed times", { field: "time" });
  }
  return decide(ctx, viewing, "CONFIRMED", chosen);
}

export async function declineViewing(ctx: RealityContext, viewingId: string): Promise<Viewing> {
  return decide(ctx, await receivedViewing(ctx, viewingId), "DECLINED", null);
}

export async function cancelViewing(ctx: RealityContext, viewingId: string): Promise<Viewing> {
  const userId = requirePortalUser(ctx);
  const viewing = isUuid(viewingId) ? await ctx.db.viewing.findUnique({ where: { id: viewingId } }) : null;
  if (!viewing || viewing.portalUserId !== userId) throw AppError.notFound("Viewing");
  return decide(ctx, viewing, "CANCELLED", null);
}

export function myViewings(ctx: RealityContext, first?: number | null, after?: string | null): Promise<Connection<Viewing>> {
  const userId = requirePortalUser(ctx);
  return recentFirstPage(ctx, {
    from: sql`FROM reality.viewings t`,
    where: sql`t.portal_user_id = ${userId}::uuid`,
    first,
    after,
    load: (ids) => ctx.db.viewing.findMany({ where: { id: { in: ids } } }),
  });
}

export async function receivedViewings(ctx: RealityContext, status: Viewing["status"] | null | undefined, first?: number | null, after?: string | null) {
  const editor = await requireListingEditor(ctx);
  const where = [
    sql`t.listing_id IN ${listingIdsEditedBy({ realtorId: editor.realtorId, agencyIds: [...editor.adminAgencyIds], organizationId: editor.organizationId })}`,
    ...(status ? [sql`t.status = ${status}::reality."ViewingStatus"`] : []),
  ];
  return recentFirstPage(ctx, {
    from: sql`FROM reality.viewings t`,
    where: Prisma.join(where, " AND "),
    first,
    after,
    load: (ids) => ctx.db.viewing.findMany({ where: { id: { in: ids } } }),
  });
}
