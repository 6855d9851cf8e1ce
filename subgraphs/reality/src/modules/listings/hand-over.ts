// When a realtor leaves an agency, the agency's listings they managed pass to a remaining OWNER or
// ADMIN of the agency (the agencies module picks whom): the listings stay managed, and the leaving
// realtor's access to them ends with the same commit. Their own listings outside the agency stay theirs.
import type { Caller, Tx } from "@ppt/server-kit";
import { auditListings, listingsChanged } from "./events.ts";

export async function handOverAgencyListings(
  tx: Tx,
  actor: { caller: Caller | null; requestId: string },
  move: { agencyId: string; fromRealtorId: string; toRealtorId: string },
): Promise<number> {
  const moved = await tx.$queryRaw<{ id: string }[]>`
    UPDATE reality.listings SET realtor_id = ${move.toRealtorId}::uuid, updated_at = now()
    WHERE agency_id = ${move.agencyId}::uuid AND realtor_id = ${move.fromRealtorId}::uuid
    RETURNING id::text AS id`;
  // The listing pages show the realtor: cached ones are dropped.
  await listingsChanged(
    tx,
    moved.map((row) => row.id),
  );
  await auditListings(
    tx,
    actor,
    "listing.handed_over",
    moved.map((row) => ({ listingId: row.id, diff: { fromRealtorId: move.fromRealtorId, toRealtorId: move.toRealtorId } })),
  );
  return moved.length;
}
