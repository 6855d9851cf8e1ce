// The mail that management accounts need before anyone can sign in: the e-mail verification link,
// the password reset link, the invitation to an organization, and the security notice of a sign-in
// from a new device. The one-time token travels in the
// outbox payload (readable only by this subgraph's role) and leaves only inside the mail; it is
// never logged. Each mail goes once per event (the kit's delivery rows), in the recipient's language.
import { emailLanguage, mailConsumer, UnprocessableEvent, type BrokerEvent, type EventMail } from "@ppt/server-kit";
import { languageOfAddress, mailRecipientOfUser } from "../../auth/index.ts";
import { organizationName } from "../../organizations/index.ts";
import { renderEmail } from "../channels/templates/email-templates.ts";

export const ACCOUNT_MAIL_CONSUMER = "property.account-mail";

const VERIFICATION_VALID_HOURS = 24;
const RESET_VALID_MINUTES = 60;
const INVITATION_VALID_DAYS = 7;

/** Links of the management app that the mails open (the app reads `token` from the query). */
export const accountMailPaths = {
  verifyEmail: "/overenie-emailu",
  resetPassword: "/obnova-hesla",
  invitation: "/pozvanka",
  security: "/zabezpecenie",
} as const;

function stringField(event: BrokerEvent, name: string): string {
  const value = event.payload[name];
  if (typeof value !== "string" || !value) throw new UnprocessableEvent(`${event.eventType} without ${name}`);
  return value;
}

/** The consumer the property worker (or, without RabbitMQ, the subgraph process) runs. */
export const accountMailConsumers = mailConsumer({
  name: ACCOUNT_MAIL_CONSUMER,
  patterns: ["user.email_verification_requested", "user.password_reset_requested", "organization.member_invited", "user.new_device_sign_in"],
  mailOf: ({ prisma, config }) => {
    const link = (path: string, token: string) => `${config.appUrls.management}${path}?token=${encodeURIComponent(token)}`;
    return async (event): Promise<EventMail | null> => {
      switch (event.eventType) {
        case "user.email_verification_requested":
        case "user.password_reset_requested": {
          const token = stringField(event, "token");
          const user = await mailRecipientOfUser(prisma, stringField(event, "userId"));
          if (!user) return null; // the account is gone: nobody to write to
          const language = emailLanguage(user.language);
          return event.eventType === "user.email_verification_requested"
            ? {
                kind: "account.verify_email",
                to: user.email,
                render: () =>
                  renderEmail("account.verify_email", language, {
                    recipientName: user.firstName,
                    url: link(accountMailPaths.verifyEmail, token),
                    validHours: VERIFICATION_VALID_HOURS,
                  }),
              }
            : {
                kind: "password.reset_requested",
                to: user.email,
                render: () =>
                  renderEmail("password.reset_requested", language, {
                    recipientName: user.firstName,
                    url: link(accountMailPaths.resetPassword, token),
                    validMinutes: RESET_VALID_MINUTES,
                  }),
              };
        }
        case "user.new_device_sign_in": {
          const user = await mailRecipientOfUser(prisma, stringField(event, "userId"));
          if (!user) return null;
          const language = emailLanguage(user.language);
          const at = typeof event.payload.at === "string" ? new Date(event.payload.at) : new Date();
          return {
            kind: "security.new_device_sign_in",
            to: user.email,
            render: () =>
              renderEmail("security.new_device_sign_in", language, {
                recipientName: user.firstName,
                device: typeof event.payload.device === "string" ? event.payload.device : "",
                at: at.toLocaleString(language === "en" ? "en-GB" : "sk-SK", { timeZone: "Europe/Bratislava", dateStyle: "medium", timeStyle: "short" }),
                url: `${config.appUrls.management}${accountMailPaths.security}`,
              }),
          };
        }
        case "organization.member_invited": {
          const token = stringField(event, "token");
          const email = stringField(event, "email");
          const [name, existingLanguage] = await Promise.all([
            organizationName(prisma, stringField(event, "organizationId")),
            languageOfAddress(prisma, email),
          ]);
          if (name === null) return null;
          const language = emailLanguage(existingLanguage);
          return {
            kind: "organization.invitation",
            to: email,
            render: () =>
              renderEmail("organization.invitation", language, {
                organizationName: name,
                role: typeof event.payload.role === "string" ? event.payload.role : "",
                url: link(accountMailPaths.invitation, token),
                validDays: INVITATION_VALID_DAYS,
              }),
          };
        }
        default:
          return null;
      }
    };
  },
});
