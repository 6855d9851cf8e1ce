// E-mails in the recipient's language (Slovak by default, English), each as HTML and plain text.
// Non-security mail carries List-Unsubscribe (RFC 2369) and one-click unsubscribe (RFC 8058);
// security mail (password reset, sign-in alerts) cannot be unsubscribed from, so it has neither.

import { composeEmail, type EmailLanguage, type RenderedEmail } from "@ppt/server-kit";

interface EmailTemplate<Data> {
  security: boolean;
  subject(data: Data): string;
  /** Paragraphs of plain text; the HTML part is built from the same, escaped. */
  body(data: Data): string[];
  action?: (data: Data) => { label: string; url: string };
}

type Localized<Data> = Record<EmailLanguage, EmailTemplate<Data>>;

export interface EmailTemplates {
  "fault.reported": { recipientName: string; buildingAddress: string; title: string; url: string };
  "password.reset_requested": { recipientName: string; url: string; validMinutes: number };
  "account.verify_email": { recipientName: string; url: string; validHours: number };
  "organization.invitation": { organizationName: string; role: string; url: string; validDays: number };
  "security.new_device_sign_in": { recipientName: string; device: string; at: string; url: string };
}

const templates: { [K in keyof EmailTemplates]: Localized<EmailTemplates[K]> } = {
  "fault.reported": {
    sk: {
      security: false,
      subject: (d) => `Nahlásená porucha: ${d.title}`,
      body: (d) => [`Dobrý deň, ${d.recipientName},`, `v dome ${d.buildingAddress} bola nahlásená porucha: ${d.title}.`],
      action: (d) => ({ label: "Zobraziť poruchu", url: d.url }),
    },
    en: {
      security: false,
      subject: (d) => `Fault reported: ${d.title}`,
      body: (d) => [`Hello ${d.recipientName},`, `a fault was reported in ${d.buildingAddress}: ${d.title}.`],
      action: (d) => ({ label: "View the fault", url: d.url }),
    },
  },
  "password.reset_requested": {
    sk: {
      security: true,
      subject: () => "Obnovenie hesla",
      body: (d) => [
        `Dobrý deň, ${d.recipientName},`,
        `niekto požiadal o obnovenie hesla k vášmu účtu. Odkaz platí ${d.validMinutes} minút.`,
        "Ak ste to neboli vy, tento e-mail ignorujte.",
      ],
      action: (d) => ({ label: "Nastaviť nové heslo", url: d.url }),
    },
    en: {
      security: true,
      subject: () => "Password reset",
      body: (d) => [
        `Hello ${d.recipientName},`,
        `someone asked to reset the password of your account. The link is valid for ${d.validMinutes} minutes.`,
        "If it was not you, ignore this e-mail.",
      ],
      action: (d) => ({ label: "Set a new password", url: d.url }),
    },
  },
  "account.verify_email": {
    sk: {
      security: true,
      subject: () => "Overenie e-mailovej adresy",
      body: (d) => [
        `Dobrý deň, ${d.recipientName},`,
        `potvrďte, prosím, že táto adresa patrí vám. Odkaz platí ${d.validHours} hodín.`,
        "Ak ste sa neregistrovali, tento e-mail ignorujte.",
      ],
      action: (d) => ({ label: "Overiť adresu", url: d.url }),
    },
    en: {
      security: true,
      subject: () => "Verify your e-mail address",
      body: (d) => [
        `Hello ${d.recipientName},`,
        `please confirm that this address is yours. The link is valid for ${d.validHours} hours.`,
        "If you did not register, ignore this e-mail.",
      ],
      action: (d) => ({ label: "Verify the address", url: d.url }),
    },
  },
  "organization.invitation": {
    sk: {
      security: true,
      subject: (d) => `Pozvánka do organizácie ${d.organizationName}`,
      body: (d) => [`Dobrý deň,`, `boli ste pozvaní do organizácie ${d.organizationName} (rola: ${d.role}). Pozvánka platí ${d.validDays} dní.`],
      action: (d) => ({ label: "Prijať pozvánku", url: d.url }),
    },
    en: {
      security: true,
      subject: (d) => `Invitation to ${d.organizationName}`,
      body: (d) => [`Hello,`, `you have been invited to ${d.organizationName} (role: ${d.role}). The invitation is valid for ${d.validDays} days.`],
      action: (d) => ({ label: "Accept the invitation", url: d.url }),
    },
  },
  "security.new_device_sign_in": {
    sk: {
      security: true,
      subject: () => "Prihlásenie z nového zariadenia",
      body: (d) => [
        `Dobrý deň, ${d.recipientName},`,
        `do vášho účtu sa ${d.at} prihlásilo nové zariadenie (${d.device || "neznáme"}).`,
        "Ak ste to neboli vy, ihneď si zmeňte heslo a odhláste ostatné zariadenia.",
      ],
      action: (d) => ({ label: "Skontrolovať prihlásenia", url: d.url }),
    },
    en: {
      security: true,
      subject: () => "Sign-in from a new device",
      body: (d) => [
        `Hello ${d.recipientName},`,
        `a new device signed in to your account at ${d.at} (${d.device || "unknown"}).`,
        "If it was not you, change your password now and sign out the other devices.",
      ],
      action: (d) => ({ label: "Review sign-ins", url: d.url }),
    },
  },
};

export function renderEmail<K extends keyof EmailTemplates>(
  kind: K,
  language: EmailLanguage,
  data: EmailTemplates[K],
  options: { unsubscribeUrl?: string } = {},
): RenderedEmail {
  const template = (templates[kind] as Localized<EmailTemplates[K]>)[language];
  return composeEmail({
    language,
    subject: template.subject(data),
    paragraphs: template.body(data),
    action: template.action?.(data),
    unsubscribeUrl: options.unsubscribeUrl,
    security: template.security,
  });
}
