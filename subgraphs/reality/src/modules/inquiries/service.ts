// Inquiries from portal users to the realtor of a listing, with answers. Spam is held back by a
// per-user limit counted in SQL over the last hour, serialized per user by an advisory lock so
// parallel requests cannot slip past it.
import { Prisma, type Inquiry, type InquiryResponse } from "@ppt/db/client";
import { AppError, isUuid, parseInput, RateLimitReason, rateLimitError, writeOutboxEvent, type Connection } from "@ppt/server-kit";
import { z } from "zod";
import type { RealityContext } from "../../context.ts";
import { requirePortalUser } from "../../shared/portal-user.ts";
import { recentFirstPage } from "../../shared/recent-first.ts";
import { inTransaction } from "../../shared/transaction.ts";
import { portalUserById } from "../accounts/index.ts";
import { countListingEvent } from "../analytics/index.ts";
import { canEdit, getListing, listingIdsEditedBy, requireListingEditor } from "../listings/index.ts";

const sql = Prisma.sql;

export const INQUIRIES_PER_HOUR = 5;

const inquirySchema = z
  .object({
    listingId: z.string(),
    message: z.string().trim().min(10).max(5_000),
    phone: z.string().trim().max(50).nullish(),
  })
  .strict();

export async function sendInquiry(ctx: RealityContext, input: unknown): Promise<Inquiry> {
  const userId = requirePortalUser(ctx);
  const data = parseInput(inquirySchema, input, "input");
  const listing = await getListing(ctx, data.listingId, { publicOnly: true });
  return inTransaction(ctx, async (tx) => {
    await tx.$executeRaw(sql`SELECT pg_advisory_xact_lock(hashtextextended('inquiry:' || ${userId}::text, 0))`);
    const [recent] = await tx.$queryRaw<{ count: bigint }[]>(sql`
      SELECT count(*) AS count FROM reality.inquiries WHERE portal_user_id = ${userId}::uuid AND created_at > now() - interval '1 hour'`);
    if (Number(recent?.count ?? 0) >= INQUIRIES_PER_HOUR) {
      throw rateLimitError(RateLimitReason.TooManyRequests, `At most ${INQUIRIES_PER_HOUR} inquiries per hour; try again later`, {
        limit: INQUIRIES_PER_HOUR,
        remaining: 0,
        retryAfter: 3600,
        resetAt: new Date(Date.now() + 3600_000).toISOString(),
      });
    }
    const user = await portalUserById(tx, userId);
    if (!user || user.status !== "ACTIVE") throw AppError.forbidden("This portal account cannot send inquiries");
    const inquiry = await tx.inquiry.create({
      data: { listingId: listing.id, portalUserId: userId, name: user.name, email: user.email, phone: data.phone ?? user.phone, message: data.message },
    });
    await countListingEvent(tx, listing.id, "inquiries");
    await writeOutboxEvent(tx, {
      aggregateType: "inquiry",
      aggregateId: inquiry.id,
      eventType: "inquiry.received",
      organizationId: listing.organizationId,
      payload: { listingId: listing.id, realtorId: listing.realtorId, agencyId: listing.agencyId },
    });
    return inquiry;
  });
}

/** The inquiry, if the caller edits its listing; NOT_FOUND otherwise. */
async function receivedInquiry(ctx: RealityContext, inquiryId: string) {
  const editor = await requireListingEditor(ctx);
  const inquiry = isUuid(inquiryId) ? await ctx.db.inquiry.findUnique({ where: { id: inquiryId } }) : null;
  const listing = inquiry ? await ctx.loaders.listing.load(inquiry.listingId) : null;
  if (!inquiry || !listing || !canEdit(editor, listing)) throw AppError.notFound("Inquiry");
  return { inquiry, editor };
}

export async function respondToInquiry(ctx: RealityContext, inquiryId: string, body: string): Promise<Inquiry> {
  const { inquiry, editor } = await receivedInquiry(ctx, inquiryId);
  if (!editor.realtorId) throw AppError.forbidden("Answers are signed by a realtor");
  const text = parseInput(z.string().trim().min(1).max(10_000), body, "body");
  return inTransaction(ctx, async (tx) => {
    await tx.inquiryResponse.create({ data: { inquiryId: inquiry.id, realtorId: editor.realtorId!, body: text } });
    const updated = await tx.inquiry.update({ where: { id: inquiry.id }, data: { status: "ANSWERED" } });
    await writeOutboxEvent(tx, {
      aggregateType: "inquiry",
      aggregateId: inquiry.id,
      eventType: "inquiry.answered",
      payload: { listingId: inquiry.listingId, portalUserId: inquiry.portalUserId },
    });
    return updated;
  });
}

export async function setInquiryStatus(ctx: RealityContext, inquiryId: string, status: Inquiry["status"]): Promise<Inquiry> {
  const { inquiry } = await receivedInquiry(ctx, inquiryId);
  if (status !== "CLOSED" && status !== "SPAM") throw AppError.badInput("An inquiry is closed or marked as spam here", { field: "status" });
  return ctx.db.inquiry.update({ where: { id: inquiry.id }, data: { status } });
}

export function myInquiries(ctx: RealityContext, first?: number | null, after?: string | null): Promise<Connection<Inquiry>> {
  const userId = requirePortalUser(ctx);
  return recentFirstPage(ctx, {
    from: sql`FROM reality.inquiries t`,
    where: sql`t.portal_user_id = ${userId}::uuid`,
    first,
    after,
    load: (ids) => ctx.db.inquiry.findMany({ where: { id: { in: ids } } }),
  });
}

export async function receivedInquiries(
  ctx: RealityContext,
  filter: { listingId?: string | null; status?: Inquiry["status"] | null },
  first?: number | null,
  after?: string | null,
): Promise<Connection<Inquiry>> {
  const editor = await requireListingEditor(ctx);
  if (filter.listingId && !isUuid(filter.listingId)) throw AppError.notFound("Listing");
  const where = [
    sql`t.listing_id IN ${listingIdsEditedBy({ realtorId: editor.realtorId, agencyIds: [...editor.adminAgencyIds], organizationId: editor.organizationId })}`,
    ...(filter.listingId ? [sql`t.listing_id = ${filter.listingId}::uuid`] : []),
    ...(filter.status ? [sql`t.status = ${filter.status}::reality."InquiryStatus"`] : []),
  ];
  return recentFirstPage(ctx, {
    from: sql`FROM reality.inquiries t`,
    where: Prisma.join(where, " AND "),
    first,
    after,
    load: (ids) => ctx.db.inquiry.findMany({ where: { id: { in: ids } } }),
  });
}

export function responsesOf(ctx: RealityContext, inquiryId: string): Promise<InquiryResponse[]> {
  return ctx.loaders.responsesByInquiry.load(inquiryId);
}
