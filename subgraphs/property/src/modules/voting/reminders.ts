// The reminder 24 hours before a vote ends: `vote.closing_soon` in the outbox, once per vote
// (closing_reminder_at is set in the same transaction, under the row lock; rows another replica
// holds are skipped). A vote published with less than a day left gets its reminder at once.
import type { PrismaClient } from "@ppt/db/client";
import { writeOutboxEvent } from "@ppt/server-kit";
import { forEachOrganization } from "../organizations/index.ts";

export const CLOSING_REMINDER_MS = 24 * 60 * 60_000;

export async function writeVoteClosingReminders(deps: { prisma: PrismaClient }, now = new Date(), batchSize = 200): Promise<string[]> {
  const horizon = new Date(now.getTime() + CLOSING_REMINDER_MS);
  const reminded = await forEachOrganization(deps.prisma, "writeVoteClosingReminders", (db, organizationId) =>
    db.write(async (tx) => {
      const due = await tx.$queryRaw<{ id: string; building_id: string | null; ends_at: Date }[]>`
        UPDATE property.votes SET closing_reminder_at = ${now}
         WHERE id IN (SELECT id FROM property.votes
                       WHERE status = 'PUBLISHED' AND closing_reminder_at IS NULL AND ends_at > ${now} AND ends_at <= ${horizon}
                       ORDER BY ends_at, id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
        RETURNING id::text AS id, building_id::text AS building_id, ends_at`;
      for (const vote of due)
        await writeOutboxEvent(tx, {
          aggregateType: "vote",
          aggregateId: vote.id,
          eventType: "vote.closing_soon",
          organizationId,
          payload: { buildingId: vote.building_id, endsAt: vote.ends_at.toISOString(), actorId: null },
        });
      return due.map((vote) => vote.id);
    }),
  );
  return reminded.flat();
}
