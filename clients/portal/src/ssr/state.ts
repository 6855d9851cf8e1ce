// What the server hands the browser besides the HTML: the language it rendered in and the Apollo
// cache its queries filled, so hydration renders exactly the same tree without asking again.
import type { Locale } from "@ppt/client-shared";
import type { NormalizedCacheObject } from "@apollo/client";

export const SSR_STATE_ID = "ppt-ssr";

export interface SsrState {
  locale: Locale;
  apollo: NormalizedCacheObject;
}

export function readSsrState(document: Document): SsrState | null {
  const script = document.getElementById(SSR_STATE_ID);
  return script?.textContent ? (JSON.parse(script.textContent) as SsrState) : null;
}
