// E-mails in the recipient's language (Slovak by default, English), each as HTML and plain text.
// Non-security mail carries List-Unsubscribe (RFC 2369) and one-click unsubscribe (RFC 8058);
// security mail (password reset, sign-in alerts) cannot be unsubscribed from, so it has neither.

export type EmailLanguage = "sk" | "en";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

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
};

const FOOTER: Record<EmailLanguage, string> = {
  sk: "Tieto upozornenia si môžete vypnúť tu:",
  en: "You can turn these notifications off here:",
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function emailLanguage(preferred: string | null | undefined): EmailLanguage {
  return preferred?.toLowerCase().startsWith("en") ? "en" : "sk";
}

export function renderEmail<K extends keyof EmailTemplates>(
  kind: K,
  language: EmailLanguage,
  data: EmailTemplates[K],
  options: { unsubscribeUrl?: string } = {},
): RenderedEmail {
  const template = (templates[kind] as Localized<EmailTemplates[K]>)[language];
  const paragraphs = template.body(data);
  const action = template.action?.(data);
  const unsubscribe = template.security ? undefined : options.unsubscribeUrl;
  if (!template.security && !unsubscribe) throw new Error(`${kind} is not security mail: it needs an unsubscribe URL`);

  const text = [
    ...paragraphs,
    ...(action ? [`${action.label}: ${action.url}`] : []),
    ...(unsubscribe ? ["--", `${FOOTER[language]} ${unsubscribe}`] : []),
  ].join("\n\n");
  const html = [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(template.subject(data))}</title></head><body>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(action ? [`<p><a href="${escapeHtml(action.url)}">${escapeHtml(action.label)}</a></p>`] : []),
    ...(unsubscribe ? [`<hr><p><small>${escapeHtml(FOOTER[language])} <a href="${escapeHtml(unsubscribe)}">${escapeHtml(unsubscribe)}</a></small></p>`] : []),
    "</body></html>",
  ].join("\n");
  const headers: Record<string, string> = { "Content-Language": language };
  if (unsubscribe) {
    headers["List-Unsubscribe"] = `<${unsubscribe}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  return { subject: template.subject(data), html, text, headers };
}
