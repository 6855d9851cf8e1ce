// The portal's account mail: the e-mail verification link and the password reset link, in the
// visitor's language, once per event (the kit's delivery rows). The one-time token travels in the
// outbox payload (readable only by this subgraph's role) and leaves only inside the mail.
import { composeEmail, emailLanguage, mailConsumer, UnprocessableEvent, type EmailLanguage, type RenderedEmail } from "@ppt/server-kit";

export const PORTAL_ACCOUNT_MAIL_CONSUMER = "reality.account-mail";

/** The portal's pages that the links open (they read `token` from the query). */
export const portalMailPaths = { verifyEmail: "/overenie-emailu", resetPassword: "/obnova-hesla" } as const;

type Kind = "verify" | "reset";

const TEXT: Record<Kind, Record<EmailLanguage, { subject: string; body: (name: string) => string[]; action: string }>> = {
  verify: {
    sk: {
      subject: "Reality Portál: overenie e-mailovej adresy",
      body: (name) => [
        `Dobrý deň, ${name},`,
        "potvrďte, prosím, že táto adresa patrí vám. Odkaz platí 24 hodín.",
        "Ak ste sa neregistrovali, tento e-mail ignorujte.",
      ],
      action: "Overiť adresu",
    },
    en: {
      subject: "Reality Portal: verify your e-mail address",
      body: (name) => [
        `Hello ${name},`,
        "please confirm that this address is yours. The link is valid for 24 hours.",
        "If you did not register, ignore this e-mail.",
      ],
      action: "Verify the address",
    },
  },
  reset: {
    sk: {
      subject: "Reality Portál: obnovenie hesla",
      body: (name) => [
        `Dobrý deň, ${name},`,
        "niekto požiadal o obnovenie hesla k vášmu účtu. Odkaz platí 60 minút.",
        "Ak ste to neboli vy, tento e-mail ignorujte.",
      ],
      action: "Nastaviť nové heslo",
    },
    en: {
      subject: "Reality Portal: password reset",
      body: (name) => [
        `Hello ${name},`,
        "someone asked to reset the password of your account. The link is valid for 60 minutes.",
        "If it was not you, ignore this e-mail.",
      ],
      action: "Set a new password",
    },
  },
};

function render(kind: Kind, language: EmailLanguage, name: string, url: string): RenderedEmail {
  const text = TEXT[kind][language];
  return composeEmail({ language, subject: text.subject, paragraphs: text.body(name), action: { label: text.action, url }, security: true });
}

/** The consumer the reality worker (or, without RabbitMQ, the subgraph process) runs. */
export const portalAccountMailConsumers = mailConsumer({
  name: PORTAL_ACCOUNT_MAIL_CONSUMER,
  patterns: ["portal_user.email_verification_requested", "portal_user.password_reset_requested"],
  mailOf:
    ({ prisma, config }) =>
    async (event) => {
      const kind: Kind | null =
        event.eventType === "portal_user.email_verification_requested" ? "verify" : event.eventType === "portal_user.password_reset_requested" ? "reset" : null;
      if (!kind) return null;
      const { token, portalUserId } = event.payload;
      if (typeof token !== "string" || typeof portalUserId !== "string") throw new UnprocessableEvent(`${event.eventType} without token or account`);
      const user = await prisma.portalUser.findUnique({ where: { id: portalUserId }, select: { email: true, name: true, language: true } });
      if (!user) return null;
      const path = kind === "verify" ? portalMailPaths.verifyEmail : portalMailPaths.resetPassword;
      const url = `${config.appUrls.portal}${path}?token=${encodeURIComponent(token)}`;
      return {
        kind: kind === "verify" ? "portal.verify_email" : "portal.password_reset",
        to: user.email,
        render: () => render(kind, emailLanguage(user.language), user.name, url),
      };
    },
});
