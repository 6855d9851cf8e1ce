// Expiry: a published listing is shown until its expires_at (90 days after publication unless
// its editor sets another date). Searches and the public listing page stop showing it at that
// moment; this set-based job, run by the scheduler, then archives it and announces
// `listing.expired`, so the realtor can renew it.
import { Prisma, type PrismaClient } from "@ppt/db/client";

export async function archiveExpiredListings(db: PrismaClient, now = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const expired = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
      UPDATE reality.listings SET status = 'ARCHIVED', archived_at = ${now}, updated_at = now()
      WHERE status IN ('ACTIVE', 'RESERVED') AND expires_at <= ${now}
      RETURNING id::text AS id`);
    if (expired.length) {
      await tx.$executeRaw(Prisma.sql`
        INSERT INTO platform.outbox (aggregate_type, aggregate_id, event_type, organization_id, payload)
        SELECT 'listing', l.id, 'listing.expired', l.organization_id, jsonb_build_object('listingId', l.id, 'realtorId', l.realtor_id, 'agencyId', l.agency_id)
        FROM reality.listings l WHERE l.id = ANY(${expired.map((e) => e.id)}::uuid[])`);
    }
    return expired.length;
  });
}
