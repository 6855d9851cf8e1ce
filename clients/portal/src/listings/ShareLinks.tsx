import { useEffect, useState } from "react";
import { useI18n } from "../i18n/I18nContext.tsx";
import { LOCALE_BASE } from "../urls.ts";

/**
 * Share the listing's canonical address (never the address it was reached by, which may carry
 * tracking or search parameters): the system share sheet where the browser has one (phones),
 * else a copy to the clipboard, and a plain e-mail link. Rendered after hydration only: the
 * origin and the browser's abilities are unknown on the server, and the server-rendered HTML
 * must not differ from the first client render.
 */
export function ShareLinks({ path, title }: { path: string; title: string }) {
  const { t, locale } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    setUrl(`${window.location.origin}${LOCALE_BASE[locale]}${path}`);
    setCopied(false);
  }, [locale, path]);
  if (!url) return null;
  const share = async () => {
    if (typeof navigator.share === "function") {
      // The visitor closing the share sheet rejects the promise: nothing to report then.
      await navigator.share({ title, url }).catch(() => undefined);
      return;
    }
    await navigator.clipboard?.writeText(url);
    setCopied(true);
  };
  const mail = `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(url)}`;
  return (
    <p className="share">
      <button type="button" onClick={() => void share()}>
        {t.listing.share}
      </button>{" "}
      <a href={mail}>{t.listing.shareByEmail}</a>
      {copied && <span role="status"> {t.listing.shareCopied}</span>}
    </p>
  );
}
