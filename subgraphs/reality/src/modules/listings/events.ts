// What happens in the same transaction when listings change: outbox events, saved-search
// matches, price history and audit entries — written set-based, so a 10,000-listing bulk edit
// costs a handful of statements, not 10,000.
import { Prisma } from "@ppt/db/client";
import type { Caller, Tx } from "@ppt/server-kit";
import { matchSavedSearches } from "../favorites/saved-search-matching.ts";

const sql = Prisma.sql;

/** `listing.published` for each listing that just became ACTIVE, then saved-search matches. */
export async function listingsActivated(tx: Tx, listingIds: readonly string[]): Promise<void> {
  if (!listingIds.length) return;
  await tx.$executeRaw(sql`
    INSERT INTO platform.outbox (aggregate_type, aggregate_id, event_type, organization_id, payload)
    SELECT 'listing', l.id, 'listing.published', l.organization_id,
           jsonb_build_object('listingId', l.id, 'realtorId', l.realtor_id, 'agencyId', l.agency_id, 'city', l.city,
                              'price', l.price::text, 'currency', l.currency)
    FROM reality.listings l WHERE l.id = ANY(${[...listingIds]}::uuid[])`);
  await matchSavedSearches(tx, listingIds);
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
  if (!entries.length) return;
  const caller = actor.caller;
  await tx.$executeRaw(sql`
    INSERT INTO platform.audit_logs (organization_id, actor_user_id, action, entity_type, entity_id, diff, request_id)
    SELECT ${caller?.organizationId ?? null}::uuid, ${caller?.userId ?? null}::uuid, ${action}, 'listing', e.listing_id, e.diff, ${actor.requestId}
    FROM jsonb_to_recordset(${JSON.stringify(entries.map((e) => ({ listing_id: e.listingId, diff: e.diff })))}::jsonb) AS e(listing_id uuid, diff jsonb)`);
}
