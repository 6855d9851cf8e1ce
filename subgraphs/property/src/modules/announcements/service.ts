// Announcements (oznamy): staff (announcements:write) publish to the organization, a building or
// an entrance, now or at a future instant; residents see what is addressed to them once it is
// published and until it expires, comment on it, and have a read state each.
import type { Announcement, AnnouncementComment, Prisma } from "@ppt/db/client";
import {
  AppError,
  decodeCursorOf,
  IN_MEMORY_CURSOR,
  keysetOrderBy,
  keysetWhere,
  pageInMemory,
  pageSize,
  parseInput,
  requirePermission,
  toConnection,
  type SortKey,
  readsWholeOrganization,
} from "@ppt/server-kit";
import { z } from "zod";
import { recordChange } from "../../shared/changes.ts";
import type { PropertyContext } from "../../context.ts";
import { requirePlace, residencyOf } from "../buildings/index.ts";

function isAnnouncementStaff(ctx: PropertyContext): boolean {
  return ctx.caller?.permissions.has("announcements:write") ?? false;
}

/** Published (a scheduled one once its instant has come), not expired, addressed to the caller. */
async function visibleAnnouncementsWhere(ctx: PropertyContext, now: Date): Promise<Prisma.AnnouncementWhereInput> {
  const { buildingIds, entranceIds } = await residencyOf(ctx);
  return {
    status: { in: ["PUBLISHED", "SCHEDULED"] },
    publishedAt: { lte: now },
    OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    AND: [
      {
        OR: [{ buildingId: null }, { buildingId: { in: [...buildingIds] }, OR: [{ entranceId: null }, { entranceId: { in: [...entranceIds] } }] }],
      },
    ],
  };
}

async function canSeeAnnouncement(ctx: PropertyContext, a: Announcement, now = new Date()): Promise<boolean> {
  if (!ctx.caller?.permissions.has("announcements:read")) return false;
  if (isAnnouncementStaff(ctx)) return true;
  if (!["PUBLISHED", "SCHEDULED"].includes(a.status) || !a.publishedAt || a.publishedAt > now) return false;
  if (a.expiresAt && a.expiresAt <= now) return false;
  if (!a.buildingId || readsWholeOrganization(ctx.caller, "announcements")) return true;
  const { buildingIds, entranceIds } = await residencyOf(ctx);
  return buildingIds.has(a.buildingId) && (!a.entranceId || entranceIds.has(a.entranceId));
}

async function visibleAnnouncement(ctx: PropertyContext, id: string): Promise<Announcement> {
  const announcement = await ctx.loaders.announcement.load(id);
  if (!announcement || !(await canSeeAnnouncement(ctx, announcement))) throw AppError.notFound("Announcement");
  return announcement;
}

const ORDER: SortKey[] = [
  { field: "pinned", direction: "desc" },
  { field: "createdAt", direction: "desc" },
  { field: "id", direction: "desc" },
];

export interface AnnouncementFilter {
  buildingId?: string | null;
  unreadOnly?: boolean | null;
  includeUnpublished?: boolean | null;
}

async function listWhere(ctx: PropertyContext, userId: string, filter: AnnouncementFilter | null | undefined): Promise<Prisma.AnnouncementWhereInput> {
  const now = new Date();
  const staffAll = isAnnouncementStaff(ctx) && filter?.includeUnpublished;
  return {
    AND: [
      staffAll
        ? {}
        : readsWholeOrganization(ctx.caller, "announcements")
          ? { status: { in: ["PUBLISHED", "SCHEDULED"] }, publishedAt: { lte: now } }
          : await visibleAnnouncementsWhere(ctx, now),
      filter?.buildingId ? { buildingId: filter.buildingId } : {},
      filter?.unreadOnly ? { reads: { none: { userId } } } : {},
    ],
  };
}

export async function listAnnouncements(ctx: PropertyContext, filter: AnnouncementFilter | null | undefined, first?: number | null, after?: string | null) {
  requirePermission(ctx.caller, "announcements:read");
  const limit = pageSize(first);
  const cursor = decodeCursorOf(after, ["boolean", "timestamp", "uuid"]);
  const where = await listWhere(ctx, ctx.caller.userId, filter);
  const rows = await ctx.db.read((tx) =>
    tx.announcement.findMany({
      where: { AND: [where, keysetWhere(ORDER, cursor)] },
      orderBy: keysetOrderBy(ORDER),
      take: limit + 1,
    }),
  );
  for (const row of rows) ctx.loaders.announcement.prime(row.id, row);
  return toConnection(
    rows,
    limit,
    (a) => [a.pinned, a.createdAt.toISOString(), a.id],
    () => ctx.db.read((tx) => tx.announcement.count({ where })),
  );
}

export async function getAnnouncement(ctx: PropertyContext, id: string): Promise<Announcement> {
  requirePermission(ctx.caller, "announcements:read");
  return visibleAnnouncement(ctx, id);
}

export async function unreadAnnouncementsCount(ctx: PropertyContext): Promise<number> {
  requirePermission(ctx.caller, "announcements:read");
  const where = await listWhere(ctx, ctx.caller.userId, { unreadOnly: true });
  return ctx.db.read((tx) => tx.announcement.count({ where }));
}

/** DateTime arrives parsed (graphql-scalars gives a Date); an ISO string is accepted too. */
const instant = z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]);

const createSchema = z
  .object({
    title: z.string().trim().min(1).max(255),
    body: z.string().trim().min(1).max(50_000),
    buildingId: z.uuid().nullish(),
    entranceId: z.uuid().nullish(),
    pinned: z.boolean().nullish(),
    commentsEnabled: z.boolean().nullish(),
    publish: z.boolean().nullish(),
    publishAt: instant.nullish(),
    expiresAt: instant.nullish(),
  })
  .refine((v) => !v.entranceId || v.buildingId, { message: "an entrance needs its building", path: ["entranceId"] })
  .refine((v) => !v.expiresAt || !v.publishAt || v.expiresAt > v.publishAt, { message: "expiresAt must be after publishAt", path: ["expiresAt"] });

/**
 * PUBLISHED now, SCHEDULED for a future instant (visible from then on; the scheduler flips it to
 * PUBLISHED and writes `announcement.published` at that instant), or a DRAFT.
 */
function publication(publish: boolean, publishAt: Date | null | undefined, now = new Date()) {
  if (publishAt) {
    const at = publishAt;
    return at > now ? { status: "SCHEDULED" as const, publishAt: at, publishedAt: at } : { status: "PUBLISHED" as const, publishAt: at, publishedAt: at };
  }
  return publish ? { status: "PUBLISHED" as const, publishAt: null, publishedAt: now } : { status: "DRAFT" as const, publishAt: null, publishedAt: null };
}

export async function createAnnouncement(ctx: PropertyContext, input: unknown): Promise<Announcement> {
  requirePermission(ctx.caller, "announcements:write");
  const data = parseInput(createSchema, input, "input");
  const caller = ctx.caller;
  const announcement = await ctx.db.write(async (tx) => {
    if (data.buildingId) await requirePlace(tx, { buildingId: data.buildingId, entranceId: data.entranceId });
    const row = await tx.announcement.create({
      data: {
        organizationId: caller.organizationId,
        buildingId: data.buildingId ?? null,
        entranceId: data.entranceId ?? null,
        authorId: caller.userId,
        title: data.title,
        body: data.body,
        pinned: data.pinned ?? false,
        commentsEnabled: data.commentsEnabled ?? true,
        expiresAt: data.expiresAt ?? null,
        ...publication(data.publish ?? false, data.publishAt),
      },
    });
    await recordChange(tx, ctx, {
      entityType: "announcement",
      entityId: row.id,
      // A scheduled one is announced when the scheduler publishes it (publishDueAnnouncements).
      eventType: row.status === "DRAFT" ? "announcement.drafted" : row.status === "SCHEDULED" ? "announcement.scheduled" : "announcement.published",
      payload: { buildingId: row.buildingId, entranceId: row.entranceId, status: row.status, publishedAt: row.publishedAt?.toISOString() ?? null },
    });
    return row;
  });
  ctx.loaders.announcement.prime(announcement.id, announcement);
  return announcement;
}

const updateSchema = z.object({
  title: z.string().trim().min(1).max(255).nullish(),
  body: z.string().trim().min(1).max(50_000).nullish(),
  pinned: z.boolean().nullish(),
  commentsEnabled: z.boolean().nullish(),
  expiresAt: instant.nullish(),
});

async function rewrite(ctx: PropertyContext, id: string, eventType: string, data: Prisma.AnnouncementUpdateInput): Promise<Announcement> {
  const announcement = await ctx.db.write(async (tx) => {
    if (!(await tx.announcement.findUnique({ where: { id } }))) throw AppError.notFound("Announcement");
    const row = await tx.announcement.update({ where: { id }, data });
    await recordChange(tx, ctx, { entityType: "announcement", entityId: id, eventType, payload: { status: row.status, buildingId: row.buildingId } });
    return row;
  });
  ctx.loaders.announcement.clear(id).prime(id, announcement);
  return announcement;
}

export async function updateAnnouncement(ctx: PropertyContext, id: string, input: unknown): Promise<Announcement> {
  requirePermission(ctx.caller, "announcements:write");
  const data = parseInput(updateSchema, input, "input");
  const changes: Prisma.AnnouncementUpdateInput = {
    ...(data.title ? { title: data.title } : {}),
    ...(data.body ? { body: data.body } : {}),
    ...(data.pinned !== undefined && data.pinned !== null ? { pinned: data.pinned } : {}),
    ...(data.commentsEnabled !== undefined && data.commentsEnabled !== null ? { commentsEnabled: data.commentsEnabled } : {}),
    ...(data.expiresAt !== undefined ? { expiresAt: data.expiresAt } : {}),
  };
  return rewrite(ctx, id, "announcement.updated", changes);
}

export async function publishAnnouncement(ctx: PropertyContext, id: string, publishAt?: unknown): Promise<Announcement> {
  requirePermission(ctx.caller, "announcements:write");
  const at = parseInput(instant.nullish(), publishAt, "publishAt");
  const data = publication(true, at);
  return rewrite(ctx, id, data.status === "SCHEDULED" ? "announcement.scheduled" : "announcement.published", data);
}

export async function archiveAnnouncement(ctx: PropertyContext, id: string): Promise<Announcement> {
  requirePermission(ctx.caller, "announcements:write");
  return rewrite(ctx, id, "announcement.archived", { status: "ARCHIVED" });
}

const commentSchema = z.string().trim().min(1).max(10_000);

export async function commentOnAnnouncement(ctx: PropertyContext, announcementId: string, body: string): Promise<AnnouncementComment> {
  requirePermission(ctx.caller, "announcements:read");
  const text = parseInput(commentSchema, body, "body");
  const announcement = await visibleAnnouncement(ctx, announcementId);
  if (!announcement.commentsEnabled || announcement.status === "ARCHIVED") throw AppError.badInput("Comments are closed", { field: "announcementId" });
  const caller = ctx.caller;
  return ctx.db.write(async (tx) => {
    const row = await tx.announcementComment.create({
      data: { organizationId: announcement.organizationId, announcementId, authorId: caller.userId, body: text },
    });
    await recordChange(tx, ctx, { entityType: "announcement", entityId: announcementId, eventType: "announcement.commented", payload: { commentId: row.id } });
    return row;
  });
}

/** Idempotent: reading twice keeps the first read time. */
export async function markAnnouncementRead(ctx: PropertyContext, id: string): Promise<Announcement> {
  requirePermission(ctx.caller, "announcements:read");
  const announcement = await visibleAnnouncement(ctx, id);
  const caller = ctx.caller;
  await ctx.db.write((tx) =>
    tx.announcementRead.upsert({
      where: { announcementId_userId: { announcementId: id, userId: caller.userId } },
      create: { organizationId: announcement.organizationId, announcementId: id, userId: caller.userId },
      update: {},
    }),
  );
  ctx.loaders.announcementReadByMe.clear(id).prime(id, { id, read: true });
  return announcement;
}

export async function readByMe(ctx: PropertyContext, announcement: Announcement): Promise<boolean> {
  return (await ctx.loaders.announcementReadByMe.load(announcement.id))?.read ?? false;
}

export async function commentsOfAnnouncement(ctx: PropertyContext, announcement: Announcement, first?: number | null, after?: string | null) {
  const comments = await ctx.loaders.commentsByAnnouncement.load(announcement.id);
  return pageInMemory(comments, pageSize(first), decodeCursorOf(after, IN_MEMORY_CURSOR));
}
