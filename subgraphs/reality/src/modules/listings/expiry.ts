// Expiry: a published listing is shown until its expires_at (90 days after publication unless
// its editor sets another date). Searches and the public listing page stop showing it at that
// moment; this set-based job, run by the scheduler, then archives it and announces
// `listing.expired`, so the realtor can renew it.
import { Prisma, type PrismaClient } from "@ppt/db/client";
import { writeOutboxEvents } from "@ppt/server-kit";

export async function archiveExpiredListings(db: PrismaClient, now = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const expired = await tx.$queryRaw<{ id: string; organization_id: string | null; realtor_id: string | null; agency_id: string | null }[]>(Prisma.sql`
      UPDATE reality.listings SET status = 'ARCHIVED', archived_at = ${now}, updated_at = now()
      WHERE status IN ('ACTIVE', 'RESERVED') AND expires_at <= ${now}
      RETURNING id::text AS id, organization_id::text AS organization_id, realtor_id::text AS realtor_id, agency_id::text AS agency_id`);
    await writeOutboxEvents(
      tx,
      expired.map((l) => ({
        aggregateType: "listing",
        aggregateId: l.id,
        eventType: "listing.expired",
        organizationId: l.organization_id,
        payload: { listingId: l.id, realtorId: l.realtor_id, agencyId: l.agency_id },
      })),
    );
    return expired.length;
  });
}
