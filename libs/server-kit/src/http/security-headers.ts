// Response headers every process sends. A small fixed set rather than helmet: these servers answer
// JSON, plus one HTML page (Apollo's landing page) that carries its own nonce-based CSP in a <meta>
// tag; a header CSP that also restricted scripts would fight it, so pages get only what a <meta>
// CSP cannot say (frame-ancestors) and what no page here needs (plugins, <base>).
import type { ServerResponse } from "node:http";

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const PAGE_CSP = "frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'self'";

export interface SecurityHeaderOptions {
  /** HSTS only in production: development runs on plain http://localhost. */
  production: boolean;
}

export function setSecurityHeaders(res: ServerResponse, options: SecurityHeaderOptions): void {
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "no-referrer");
  res.setHeader("x-frame-options", "DENY");
  res.setHeader("cross-origin-opener-policy", "same-origin");
  res.setHeader("content-security-policy", API_CSP);
  if (options.production) res.setHeader("strict-transport-security", "max-age=31536000; includeSubDomains");
}

/** Called once the response's content type is known: an HTML page gets the page policy. */
export function adjustPagePolicy(res: ServerResponse): void {
  const type = res.getHeader("content-type");
  if (typeof type === "string" && type.startsWith("text/html")) res.setHeader("content-security-policy", PAGE_CSP);
}
