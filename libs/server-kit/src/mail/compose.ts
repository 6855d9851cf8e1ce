// One e-mail as HTML and plain text from the same paragraphs (the HTML escaped), in the
// recipient's language. Non-security mail carries List-Unsubscribe (RFC 2369) and one-click
// unsubscribe (RFC 8058); security mail (verification, password reset, sign-in alerts) has neither.

export type EmailLanguage = "sk" | "en";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

export interface EmailContent {
  language: EmailLanguage;
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Required unless `security`. */
  unsubscribeUrl?: string;
  security: boolean;
}

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

export function composeEmail(content: EmailContent): RenderedEmail {
  const { language, subject, paragraphs, action } = content;
  const unsubscribe = content.security ? undefined : content.unsubscribeUrl;
  if (!content.security && !unsubscribe) throw new Error(`"${subject}" is not security mail: it needs an unsubscribe URL`);
  const text = [
    ...paragraphs,
    ...(action ? [`${action.label}: ${action.url}`] : []),
    ...(unsubscribe ? ["--", `${FOOTER[language]} ${unsubscribe}`] : []),
  ].join("\n\n");
  const html = [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
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
  return { subject, html, text, headers };
}
