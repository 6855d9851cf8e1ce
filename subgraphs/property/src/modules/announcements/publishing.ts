// Scheduled announcements come out at their instant: the scheduler flips each due SCHEDULED row to
// PUBLISHED and writes `announcement.published` then (not when it was scheduled), so its audience
// hears of it when they can read it. Once per announcement: the status guard under the row lock.
import type { PrismaClient } from "@ppt/db/client";
import { writeAuditLog, writeOutboxEvent } from "@ppt/server-kit";
import { forEachOrganization } from "../organizations/index.ts";

export async function publishDueAnnouncements(deps: { prisma: PrismaClient }, now = new Date(), batchSize = 200): Promise<string[]> {
  const published = await forEachOrganization(deps.prisma, "publishDueAnnouncements", (db, organizationId) =>
    db.write(async (tx) => {
      const due = await tx.$queryRaw<{ id: string; building_id: string | null; entrance_id: string | null; published_at: Date }[]>`
        UPDATE property.announcements SET status = 'PUBLISHED', updated_at = now()
         WHERE id IN (SELECT id FROM property.announcements
                       WHERE status = 'SCHEDULED' AND publish_at <= ${now}
                       ORDER BY publish_at, id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
        RETURNING id::text AS id, building_id::text AS building_id, entrance_id::text AS entrance_id, published_at`;
      for (const row of due) {
        const payload = {
          buildingId: row.building_id,
          entranceId: row.entrance_id,
          status: "PUBLISHED",
          publishedAt: row.published_at.toISOString(),
          actorId: null,
        };
        await writeOutboxEvent(tx, { aggregateType: "announcement", aggregateId: row.id, eventType: "announcement.published", organizationId, payload });
        await writeAuditLog(tx, { caller: null }, { action: "announcement.published", entityType: "announcement", entityId: row.id, diff: payload });
      }
      return due.map((row) => row.id);
    }),
  );
  return published.flat();
}
