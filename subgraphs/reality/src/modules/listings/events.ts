// What happens in the same transaction when listings change: outbox events, price history and
// audit entries — written set-based (the kit's batch writers), so a 10,000-listing bulk edit
// costs a handful of statements, not 10,000. Saved-search matching is the caller's next step
// (favorites; the context's onListingsActivated), not this module's.
import { Prisma } from "@ppt/db/client";
import { writeAuditLogs, writeOutboxEvents, type Caller, type Tx } from "@ppt/server-kit";

const sql = Prisma.sql;

/** `listing.published` for each listing that just became ACTIVE. */
export async function listingsActivated(tx: Tx, listingIds: readonly string[]): Promise<void> {
  if (!listingIds.length) return;
  const rows = await tx.$queryRaw<
    { id: string; organization_id: string | null; realtor_id: string | null; agency_id: string | null; city: string; price: string; currency: string }[]
  >(sql`
    SELECT l.id::text AS id, l.organization_id::text AS organization_id, l.realtor_id::text AS realtor_id, l.agency_id::text AS agency_id,
           l.city, l.price::text AS price, l.currency
    FROM reality.listings l WHERE l.id = ANY(${[...listingIds]}::uuid[])`);
  await writeOutboxEvents(
    tx,
    rows.map((l) => ({
      aggregateType: "listing",
      aggregateId: l.id,
      eventType: "listing.published",
      organizationId: l.organization_id,
      payload: { listingId: l.id, realtorId: l.realtor_id, agencyId: l.agency_id, city: l.city, price: l.price, currency: l.currency },
    })),
  );
}

/**
 * `listing.changed` for each listing whose public face changed (fields, price, status, photos):
 * the gateway's response cache drops every cached answer that shows it (and every search page)
 * when the relay publishes it.
 */
export async function listingsChanged(tx: Tx, listingIds: readonly string[]): Promise<void> {
  if (!listingIds.length) return;
  await writeOutboxEvents(
    tx,
    [...new Set(listingIds)].map((id) => ({ aggregateType: "listing", aggregateId: id, eventType: "listing.changed", payload: { listingId: id } })),
  );
}

export interface PriceChange {
  listingId: string;
  oldPrice: string | null;
  newPrice: string;
  currency: string;
}

/** One price-history row per change (oldPrice null: the first price). */
export async function recordPriceChanges(
  tx: Tx,
  changes: readonly PriceChange[],
  by: { realtorId?: string | null; importRunId?: string | null } = {},
): Promise<void> {
  if (!changes.length) return;
  await tx.$executeRaw(sql`
    INSERT INTO reality.listing_price_history (listing_id, old_price, new_price, currency, changed_by_realtor_id, import_run_id)
    SELECT c.listing_id, c.old_price, c.new_price, c.currency, ${by.realtorId ?? null}::uuid, ${by.importRunId ?? null}::uuid
    FROM jsonb_to_recordset(${JSON.stringify(changes.map((c) => ({ listing_id: c.listingId, old_price: c.oldPrice, new_price: c.newPrice, currency: c.currency })))}::jsonb)
      AS c(listing_id uuid, old_price numeric, new_price numeric, currency text)`);
}

/** One audit entry per listing (no personal data in the diff). */
export async function auditListings(
  tx: Tx,
  actor: { caller: Caller | null; requestId: string },
  action: string,
  entries: readonly { listingId: string; diff: Record<string, unknown> }[],
): Promise<void> {
  await writeAuditLogs(
    tx,
    { caller: actor.caller, requestId: actor.requestId },
    entries.map((e) => ({ action, entityType: "listing", entityId: e.listingId, diff: e.diff })),
  );
}
