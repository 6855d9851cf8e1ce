// Mail about inquiries and viewings: a new inquiry and a viewing request to the listing's realtor,
// a confirmed viewing to the visitor who asked for it; in the recipient's language, once per event
// (the kit's delivery rows). The visitor's message goes to the realtor inside the mail only;
// neither addresses nor messages are logged.
import { composeEmail, emailLanguage, mailConsumer, UnprocessableEvent, unsubscribeKey, type EmailLanguage } from "@ppt/server-kit";
import { UNSUBSCRIBE_PATH, unsubscribeUrl } from "../../shared/unsubscribe-link.ts";
import { portalUserById } from "../accounts/index.ts";
import { listingMailFacts, listingUrl } from "../listings/index.ts";
import { realtorMailRecipient } from "../realtors/index.ts";

export const INQUIRY_MAIL_CONSUMER = "reality.inquiry-mail";
/** The visitor's own inquiries and viewing requests on the portal. */
export const MY_INQUIRIES_PATH = "/moje-dopyty";
const TIME_ZONE = "Europe/Bratislava";

function when(date: Date, language: EmailLanguage): string {
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : "sk-SK", { dateStyle: "full", timeStyle: "short", timeZone: TIME_ZONE }).format(date);
}

const TEXT = {
  sk: {
    greeting: (name: string) => `Dobrý deň, ${name},`,
    inquirySubject: (title: string) => `Nový dopyt k ponuke „${title}“`,
    inquiryIntro: (from: string, title: string) => `${from} poslal(a) dopyt k vašej ponuke „${title}“:`,
    viewingSubject: (title: string) => `Žiadosť o obhliadku: „${title}“`,
    viewingIntro: (title: string) => `záujemca žiada o obhliadku ponuky „${title}“. Navrhované termíny:`,
    confirmedSubject: (title: string) => `Obhliadka potvrdená: „${title}“`,
    confirmedIntro: (title: string, at: string) => `realitný maklér potvrdil vašu obhliadku ponuky „${title}“: ${at}.`,
    open: "Zobraziť ponuku",
    mine: "Moje dopyty a obhliadky",
  },
  en: {
    greeting: (name: string) => `Hello ${name},`,
    inquirySubject: (title: string) => `New inquiry about "${title}"`,
    inquiryIntro: (from: string, title: string) => `${from} sent an inquiry about your listing "${title}":`,
    viewingSubject: (title: string) => `Viewing request: "${title}"`,
    viewingIntro: (title: string) => `someone asks to view your listing "${title}". Proposed times:`,
    confirmedSubject: (title: string) => `Viewing confirmed: "${title}"`,
    confirmedIntro: (title: string, at: string) => `the realtor confirmed your viewing of "${title}": ${at}.`,
    open: "Open the listing",
    mine: "My inquiries and viewings",
  },
} satisfies Record<EmailLanguage, unknown>;

export const inquiryMailConsumers = mailConsumer({
  name: INQUIRY_MAIL_CONSUMER,
  patterns: ["inquiry.received", "viewing.requested", "viewing.confirmed"],
  mailOf: ({ prisma, config }) => {
    const key = unsubscribeKey(config);
    const portalUrl = config.appUrls.portal;
    const realtorUnsubscribe = (realtorId: string) => unsubscribeUrl(portalUrl, key, "realtor-mail", realtorId) ?? `${portalUrl}${UNSUBSCRIBE_PATH}`;
    const accountOf = (id: string) => portalUserById(prisma, id);
    const listingOf = async (id: unknown) => (typeof id === "string" ? ((await listingMailFacts(prisma, [id]))[0] ?? null) : null);

    return async (event) => {
      if (event.eventType === "inquiry.received") {
        const inquiry = await prisma.inquiry.findUnique({ where: { id: event.aggregateId } });
        const listing = await listingOf(event.payload.listingId);
        if (!inquiry || !listing) return null;
        const to = await realtorMailRecipient(prisma, listing.realtorId, accountOf);
        if (!to) return null;
        const t = TEXT[to.language];
        return {
          kind: "realtor.inquiry_received",
          to: to.email,
          render: () =>
            composeEmail({
              language: to.language,
              subject: t.inquirySubject(listing.title),
              paragraphs: [t.greeting(to.name), t.inquiryIntro(inquiry.name, listing.title), inquiry.message],
              action: { label: t.open, url: listingUrl(portalUrl, listing.id) },
              unsubscribeUrl: realtorUnsubscribe(to.realtorId),
              security: false,
            }),
        };
      }
      if (event.eventType === "viewing.requested") {
        const viewing = await prisma.viewing.findUnique({ where: { id: event.aggregateId } });
        const listing = await listingOf(viewing?.listingId);
        if (!viewing || !listing) return null;
        const to = await realtorMailRecipient(prisma, viewing.realtorId ?? listing.realtorId, accountOf);
        if (!to) return null;
        const t = TEXT[to.language];
        return {
          kind: "realtor.viewing_requested",
          to: to.email,
          render: () =>
            composeEmail({
              language: to.language,
              subject: t.viewingSubject(listing.title),
              paragraphs: [
                t.greeting(to.name),
                t.viewingIntro(listing.title),
                ...viewing.proposedTimes.map((time) => `• ${when(time, to.language)}`),
                ...(viewing.message ? [viewing.message] : []),
              ],
              action: { label: t.open, url: listingUrl(portalUrl, listing.id) },
              unsubscribeUrl: realtorUnsubscribe(to.realtorId),
              security: false,
            }),
        };
      }
      if (event.eventType === "viewing.confirmed") {
        const viewing = await prisma.viewing.findUnique({ where: { id: event.aggregateId } });
        if (!viewing) return null;
        if (!viewing.confirmedTime) throw new UnprocessableEvent("viewing.confirmed without a time");
        const listing = await listingOf(viewing.listingId);
        const user = await portalUserById(prisma, viewing.portalUserId);
        if (!listing || !user || user.status !== "ACTIVE" || user.deletedAt) return null;
        const language = emailLanguage(user.language);
        const t = TEXT[language];
        const confirmedTime = viewing.confirmedTime;
        return {
          kind: "portal.viewing_confirmed",
          to: user.email,
          render: () =>
            composeEmail({
              language,
              subject: t.confirmedSubject(listing.title),
              paragraphs: [t.greeting(user.name), t.confirmedIntro(listing.title, when(confirmedTime, language))],
              action: { label: t.open, url: listingUrl(portalUrl, listing.id) },
              // The answer to the visitor's own request: the page of their requests is where they stop it (cancel the viewing).
              unsubscribeUrl: `${portalUrl}${MY_INQUIRIES_PATH}`,
              security: false,
            }),
        };
      }
      return null;
    };
  },
});
