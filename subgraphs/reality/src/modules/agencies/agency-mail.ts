// The agencies' mail: the invitation of a realtor and the domain-verification link, once per event
// (the kit's delivery rows). The raw token travels in the outbox payload (readable only by this
// subgraph's role) and leaves only inside the mail; a mail whose invitation or token was replaced,
// used or withdrawn meanwhile is not sent.
import { composeEmail, digest, emailLanguage, mailConsumer, UnprocessableEvent, type EmailLanguage, type RenderedEmail } from "@ppt/server-kit";
import { AGENCY_REALTOR_INVITED } from "./invitations.ts";
import { AGENCY_DOMAIN_VERIFICATION_REQUESTED } from "./verification.ts";

export const AGENCY_MAIL_CONSUMER = "reality.agency-mail";

/** The portal's pages the links open (they read `token` from the query). */
export const agencyMailPaths = { invitation: "/pozvanka-do-kancelarie", domainVerification: "/overenie-kancelarie" } as const;

const ROLE_NAME: Record<string, Record<EmailLanguage, string>> = {
  OWNER: { sk: "majiteľ", en: "owner" },
  ADMIN: { sk: "správca", en: "administrator" },
  REALTOR: { sk: "maklér", en: "realtor" },
};

function invitationMail(language: EmailLanguage, agency: string, role: string, url: string): RenderedEmail {
  const roleName = ROLE_NAME[role]?.[language] ?? role;
  return language === "sk"
    ? composeEmail({
        language,
        subject: `Pozvánka do realitnej kancelárie ${agency}`,
        paragraphs: [
          "Dobrý deň,",
          `realitná kancelária ${agency} vás pozýva na Reality Portál ako ${roleName}.`,
          "Pozvánku prijmete po prihlásení do portálu (alebo po registrácii). Odkaz platí 7 dní a dá sa použiť raz.",
          "Ak pozvánku nečakáte, tento e-mail ignorujte.",
        ],
        action: { label: "Prijať pozvánku", url },
        security: true,
      })
    : composeEmail({
        language,
        subject: `Invitation to the real-estate agency ${agency}`,
        paragraphs: [
          "Hello,",
          `the real-estate agency ${agency} invites you to the Reality Portal as ${roleName}.`,
          "Accept it after signing in to the portal (or registering). The link is valid for 7 days and works once.",
          "If you did not expect this invitation, ignore this e-mail.",
        ],
        action: { label: "Accept the invitation", url },
        security: true,
      });
}

function domainMail(language: EmailLanguage, agency: string, url: string): RenderedEmail {
  return language === "sk"
    ? composeEmail({
        language,
        subject: `Reality Portál: overenie kancelárie ${agency}`,
        paragraphs: [
          "Dobrý deň,",
          `kancelária ${agency} sa zaregistrovala na Reality Portáli s touto adresou na svojej doméne. Potvrďte, prosím, že ste to vy. Odkaz platí 48 hodín.`,
          "Ak o registrácii neviete, tento e-mail ignorujte.",
        ],
        action: { label: "Overiť kanceláriu", url },
        security: true,
      })
    : composeEmail({
        language,
        subject: `Reality Portal: verify the agency ${agency}`,
        paragraphs: [
          "Hello,",
          `the agency ${agency} registered on the Reality Portal with this address on its domain. Please confirm it was you. The link is valid for 48 hours.`,
          "If you know nothing of it, ignore this e-mail.",
        ],
        action: { label: "Verify the agency", url },
        security: true,
      });
}

export const agencyMailConsumers = mailConsumer({
  name: AGENCY_MAIL_CONSUMER,
  patterns: [AGENCY_REALTOR_INVITED, AGENCY_DOMAIN_VERIFICATION_REQUESTED],
  mailOf:
    ({ prisma, config }) =>
    async (event) => {
      const { token } = event.payload;
      if (typeof token !== "string") throw new UnprocessableEvent(`${event.eventType} without a token`);
      const language = emailLanguage(typeof event.payload.language === "string" ? event.payload.language : "sk");
      const link = (path: string) => `${config.appUrls.portal}${path}?token=${encodeURIComponent(token)}`;
      if (event.eventType === AGENCY_REALTOR_INVITED) {
        const { invitationId } = event.payload;
        if (typeof invitationId !== "string") throw new UnprocessableEvent(`${event.eventType} without an invitation`);
        const invitation = await prisma.agencyInvitation.findUnique({ where: { id: invitationId }, include: { agency: { select: { name: true } } } });
        if (!invitation || invitation.tokenHash !== digest(token) || invitation.acceptedAt || invitation.revokedAt) return null;
        const url = link(agencyMailPaths.invitation);
        return {
          kind: "agency.realtor_invitation",
          to: invitation.email,
          render: () => invitationMail(language, invitation.agency.name, invitation.role, url),
        };
      }
      if (event.eventType === AGENCY_DOMAIN_VERIFICATION_REQUESTED) {
        const { agencyId } = event.payload;
        if (typeof agencyId !== "string") throw new UnprocessableEvent(`${event.eventType} without an agency`);
        const agency = await prisma.agency.findUnique({ where: { id: agencyId } });
        if (!agency?.domainEmail || agency.domainTokenHash !== digest(token) || agency.verifiedAt) return null;
        const url = link(agencyMailPaths.domainVerification);
        return { kind: "agency.domain_verification", to: agency.domainEmail, render: () => domainMail(language, agency.name, url) };
      }
      return null;
    },
});
