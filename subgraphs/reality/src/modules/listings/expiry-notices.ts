// "Your listing is about to expire": a scheduled job announces `listing.expiring` for each shown
// listing whose expires_at is within the notice period, once per listing and expiry date (the
// date told is stored in the same UPDATE: a renewed listing is told again about its new date,
// two replicas tell it once); the consumer mails the listing's realtor.
import { Prisma, type PrismaClient } from "@ppt/db/client";
import { composeEmail, mailConsumer, unsubscribeKey, writeOutboxEvents, type EmailLanguage } from "@ppt/server-kit";
import { UNSUBSCRIBE_PATH, unsubscribeUrl } from "../../shared/unsubscribe-link.ts";
import { portalUserById } from "../accounts/index.ts";
import { realtorMailRecipient } from "../realtors/index.ts";
import { listingMailFacts, listingUrl } from "./mail-facts.ts";

export const EXPIRY_NOTICE_DAYS = 7;
export const LISTING_EXPIRY_MAIL_CONSUMER = "reality.listing-expiry-mail";

export async function announceExpiringListings(db: PrismaClient, options: { days?: number; now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const until = new Date(now.getTime() + (options.days ?? EXPIRY_NOTICE_DAYS) * 86_400_000);
  return db.$transaction(async (tx) => {
    const expiring = await tx.$queryRaw<{ id: string; organization_id: string | null; realtor_id: string | null; expires_at: Date }[]>(Prisma.sql`
      UPDATE reality.listings SET expiry_notice_for = expires_at
      WHERE status IN ('ACTIVE', 'RESERVED') AND expires_at > ${now} AND expires_at <= ${until}
        AND expiry_notice_for IS DISTINCT FROM expires_at
      RETURNING id::text AS id, organization_id::text AS organization_id, realtor_id::text AS realtor_id, expires_at`);
    return writeOutboxEvents(
      tx,
      expiring.map((l) => ({
        aggregateType: "listing",
        aggregateId: l.id,
        eventType: "listing.expiring",
        organizationId: l.organization_id,
        payload: { listingId: l.id, realtorId: l.realtor_id, expiresAt: l.expires_at.toISOString() },
      })),
    );
  });
}

const TEXT = {
  sk: {
    subject: (title: string) => `Ponuka „${title}“ čoskoro vyprší`,
    body: (name: string, title: string, at: string) => [
      `Dobrý deň, ${name},`,
      `vaša ponuka „${title}“ bude zverejnená do ${at}. Potom ju portál prestane zobrazovať.`,
      "Ak je stále aktuálna, predĺžte jej platnosť.",
    ],
    open: "Zobraziť ponuku",
  },
  en: {
    subject: (title: string) => `The listing "${title}" expires soon`,
    body: (name: string, title: string, at: string) => [
      `Hello ${name},`,
      `your listing "${title}" is published until ${at}. After that the portal stops showing it.`,
      "If it is still available, extend it.",
    ],
    open: "Open the listing",
  },
} satisfies Record<EmailLanguage, unknown>;

export const listingExpiryMailConsumers = mailConsumer({
  name: LISTING_EXPIRY_MAIL_CONSUMER,
  patterns: ["listing.expiring"],
  mailOf: ({ prisma, config }) => {
    const key = unsubscribeKey(config);
    const portalUrl = config.appUrls.portal;
    return async (event) => {
      if (event.eventType !== "listing.expiring") return null;
      const [listing] = await listingMailFacts(prisma, [event.aggregateId]);
      const expiresAt = typeof event.payload.expiresAt === "string" ? new Date(event.payload.expiresAt) : null;
      // Renewed, withdrawn or already gone since: the notice is stale.
      if (!listing || !expiresAt || listing.expiresAt?.getTime() !== expiresAt.getTime() || !["ACTIVE", "RESERVED"].includes(listing.status)) return null;
      const to = await realtorMailRecipient(prisma, listing.realtorId, (id) => portalUserById(prisma, id));
      if (!to) return null;
      const t = TEXT[to.language];
      const at = new Intl.DateTimeFormat(to.language === "en" ? "en-GB" : "sk-SK", { dateStyle: "long", timeZone: "Europe/Bratislava" }).format(expiresAt);
      return {
        kind: "realtor.listing_expiring",
        to: to.email,
        render: () =>
          composeEmail({
            language: to.language,
            subject: t.subject(listing.title),
            paragraphs: t.body(to.name, listing.title, at),
            action: { label: t.open, url: listingUrl(portalUrl, listing.id) },
            unsubscribeUrl: unsubscribeUrl(portalUrl, key, "realtor-mail", to.realtorId) ?? `${portalUrl}${UNSUBSCRIBE_PATH}`,
            security: false,
          }),
      };
    };
  },
});
