// Saved-search alert mail. INSTANT: each `saved_search.match` event (written in the publishing
// transaction, one per saved search and newly ACTIVE listing, see saved-search-matching.ts) is
// one mail naming the listing. DAILY / WEEKLY: a scheduled job matches, in one statement per
// batch, every due saved search against the listings published since its last alert, and writes
// one `saved_search.digest` event per search with new listings (and moves last_notified_at in the
// same transaction, so a digest is queued once); the consumer mails it. Each mail is a delivery
// row per event, so a redelivered event sends once. Addresses and names are never logged.
import { Prisma, type PrismaClient } from "@ppt/db/client";
import {
  composeEmail,
  emailLanguage,
  mailConsumer,
  UnprocessableEvent,
  unsubscribeKey,
  writeOutboxEvents,
  type BrokerEvent,
  type EmailLanguage,
  type RenderedEmail,
} from "@ppt/server-kit";
import { portalUserById } from "../accounts/index.ts";
import { formatPrice, listingMailFacts, listingUrl, shownListings, type ListingMailFacts } from "../listings/index.ts";
import { unsubscribeUrl } from "../../shared/unsubscribe-link.ts";
import { MATCHES } from "./saved-search-matching.ts";

const sql = Prisma.sql;

export const SAVED_SEARCH_ALERT_CONSUMER = "reality.saved-search-alerts";
/** The portal page listing the visitor's saved searches (alerts can be switched off there too). */
export const SAVED_SEARCHES_PATH = "/ulozene-hladania";

/** At most this many listings are named in one digest (the rest are counted). */
export const DIGEST_MAX_LISTINGS = 20;
const DIGEST_BATCH = 500;

const TEXT = {
  sk: {
    instantSubject: (search: string) => `Nová ponuka pre „${search}“`,
    digestSubject: (search: string, n: number) => `${n} ${n === 1 ? "nová ponuka" : n < 5 ? "nové ponuky" : "nových ponúk"} pre „${search}“`,
    greeting: (name: string) => `Dobrý deň, ${name},`,
    instantIntro: (search: string) => `pre vaše uložené hľadanie „${search}“ pribudla nová ponuka:`,
    digestIntro: (search: string) => `pre vaše uložené hľadanie „${search}“ pribudli nové ponuky:`,
    more: (n: number) => `…a ďalšie (${n}).`,
    open: "Zobraziť ponuku",
    openAll: "Moje uložené hľadania",
  },
  en: {
    instantSubject: (search: string) => `New listing for "${search}"`,
    digestSubject: (search: string, n: number) => `${n} new ${n === 1 ? "listing" : "listings"} for "${search}"`,
    greeting: (name: string) => `Hello ${name},`,
    instantIntro: (search: string) => `a new listing matches your saved search "${search}":`,
    digestIntro: (search: string) => `new listings match your saved search "${search}":`,
    more: (n: number) => `…and ${n} more.`,
    open: "Open the listing",
    openAll: "My saved searches",
  },
} satisfies Record<EmailLanguage, unknown>;

function line(listing: ListingMailFacts, language: EmailLanguage, portalUrl: string): string {
  const place = listing.district && listing.district !== listing.city ? `${listing.city}, ${listing.district}` : listing.city;
  return `${listing.title} – ${place}, ${formatPrice(listing.price, listing.currency, language)}: ${listingUrl(portalUrl, listing.id)}`;
}

export function renderSavedSearchAlert(input: {
  language: EmailLanguage;
  name: string;
  searchName: string;
  listings: ListingMailFacts[];
  total: number;
  portalUrl: string;
  unsubscribeUrl: string;
  digest: boolean;
}): RenderedEmail {
  const t = TEXT[input.language];
  const { listings, portalUrl, searchName } = input;
  const single = !input.digest && listings.length === 1;
  return composeEmail({
    language: input.language,
    subject: single ? t.instantSubject(searchName) : t.digestSubject(searchName, input.total),
    paragraphs: [
      t.greeting(input.name),
      single ? t.instantIntro(searchName) : t.digestIntro(searchName),
      ...listings.map((l) => line(l, input.language, portalUrl)),
      ...(input.total > listings.length ? [t.more(input.total - listings.length)] : []),
    ],
    action: single ? { label: t.open, url: listingUrl(portalUrl, listings[0]!.id) } : { label: t.openAll, url: `${portalUrl}${SAVED_SEARCHES_PATH}` },
    unsubscribeUrl: input.unsubscribeUrl,
    security: false,
  });
}

interface AlertPayload {
  savedSearchId: string;
  listingIds: string[];
  total: number;
  digest: boolean;
}

function payloadOf(event: BrokerEvent): AlertPayload {
  const p = event.payload;
  if (typeof p.savedSearchId !== "string") throw new UnprocessableEvent(`${event.eventType} without a saved search`);
  if (event.eventType === "saved_search.match") {
    if (typeof p.listingId !== "string") throw new UnprocessableEvent("saved_search.match without a listing");
    return { savedSearchId: p.savedSearchId, listingIds: [p.listingId], total: 1, digest: false };
  }
  if (!Array.isArray(p.listingIds) || !p.listingIds.every((id) => typeof id === "string")) throw new UnprocessableEvent("saved_search.digest without listings");
  const listingIds: string[] = p.listingIds;
  return { savedSearchId: p.savedSearchId, listingIds, total: typeof p.total === "number" ? p.total : listingIds.length, digest: true };
}

export const savedSearchAlertConsumers = mailConsumer({
  name: SAVED_SEARCH_ALERT_CONSUMER,
  patterns: ["saved_search.match", "saved_search.digest"],
  mailOf: ({ prisma, config }) => {
    const key = unsubscribeKey(config);
    const portalUrl = config.appUrls.portal;
    return async (event) => {
      if (event.eventType !== "saved_search.match" && event.eventType !== "saved_search.digest") return null;
      const alert = payloadOf(event);
      const search = await prisma.savedSearch.findUnique({ where: { id: alert.savedSearchId } });
      // Alerts switched off (or another frequency chosen) since the match: nothing to send.
      if (!search?.notify || (!alert.digest && search.frequency !== "INSTANT")) return null;
      const user = await portalUserById(prisma, search.portalUserId);
      if (!user || user.status !== "ACTIVE" || user.deletedAt) return null;
      // Only what is still shown: a listing withdrawn meanwhile is not announced.
      const listings = (await listingMailFacts(prisma, alert.listingIds)).filter((l) => l.status === "ACTIVE" && (!l.expiresAt || l.expiresAt > new Date()));
      if (!listings.length) return null;
      return {
        kind: alert.digest ? "portal.saved_search_digest" : "portal.saved_search_alert",
        to: user.email,
        render: () =>
          renderSavedSearchAlert({
            language: emailLanguage(user.language),
            name: user.name,
            searchName: search.name,
            listings,
            total: Math.max(alert.total - (alert.listingIds.length - listings.length), listings.length),
            portalUrl,
            unsubscribeUrl: unsubscribeUrl(portalUrl, key, "saved-search", search.id) ?? `${portalUrl}${SAVED_SEARCHES_PATH}`,
            digest: alert.digest,
          }),
        afterDelivery: async (result) => {
          if (result === "sent" && !alert.digest) await prisma.savedSearch.update({ where: { id: search.id }, data: { lastNotifiedAt: new Date() } });
        },
      };
    };
  },
});

const PERIOD = { DAILY: "1 day", WEEKLY: "7 days" } as const;

/**
 * Queues the digests that are due (DAILY: a day after the last one, WEEKLY: a week): one
 * `saved_search.digest` event per saved search with listings published since its last alert.
 * Every due search's last_notified_at moves to `now` in the same transaction (also without new
 * listings), and due rows are claimed with SKIP LOCKED: two replicas queue each digest once.
 */
export async function queueSavedSearchDigests(db: PrismaClient, now = new Date()): Promise<number> {
  let queued = 0;
  for (;;) {
    const { claimed, written } = await db.$transaction(async (tx) => {
      const due = await tx.$queryRaw<{ id: string }[]>(sql`
        SELECT s.id::text AS id FROM reality.saved_searches s
        WHERE s.notify AND s.frequency IN ('DAILY', 'WEEKLY')
          AND COALESCE(s.last_notified_at, s.created_at) <= ${now}::timestamptz - (CASE s.frequency WHEN 'WEEKLY' THEN ${PERIOD.WEEKLY} ELSE ${PERIOD.DAILY} END)::interval
        ORDER BY COALESCE(s.last_notified_at, s.created_at), s.id
        LIMIT ${DIGEST_BATCH}
        FOR UPDATE SKIP LOCKED`);
      if (!due.length) return { claimed: 0, written: 0 };
      const ids = due.map((d) => d.id);
      const digests = await tx.$queryRaw<{ saved_search_id: string; portal_user_id: string; listing_ids: string[]; total: number }[]>(sql`
        SELECT s.id::text AS saved_search_id, s.portal_user_id::text AS portal_user_id,
               (array_agg(l.id::text ORDER BY l.published_at DESC, l.id))[1:${DIGEST_MAX_LISTINGS}] AS listing_ids, count(*)::int AS total
        FROM reality.saved_searches s
        JOIN ${shownListings()} l ON l.published_at > COALESCE(s.last_notified_at, s.created_at) AND l.published_at <= ${now}
        WHERE s.id = ANY(${ids}::uuid[]) AND ${MATCHES}
        GROUP BY s.id`);
      await writeOutboxEvents(
        tx,
        digests.map((d) => ({
          aggregateType: "saved_search",
          aggregateId: d.saved_search_id,
          eventType: "saved_search.digest",
          payload: { savedSearchId: d.saved_search_id, portalUserId: d.portal_user_id, listingIds: d.listing_ids, total: d.total },
        })),
      );
      await tx.$executeRaw(sql`UPDATE reality.saved_searches SET last_notified_at = ${now} WHERE id = ANY(${ids}::uuid[])`);
      return { claimed: due.length, written: digests.length };
    });
    queued += written;
    if (claimed < DIGEST_BATCH) return queued;
  }
}
